/**
 * Cisco EIGRP packets (RFC 7868): the 20-byte header and the TLVs classic IPv4 EIGRP uses: Parameter
 * (K-values, hold time), Sequence, Software Version, Next Multicast Sequence, IPv4 Internal and External
 * routes. Unknown TLVs round-trip as raw bytes. Encoding computes the checksum over the whole packet.
 */
import { type DecodeResult, ok, fail } from './result.js';
import { type Ipv4, internetChecksum, readIpv4, writeIpv4 } from './addr.js';

export const EIGRP_UPDATE = 1;
export const EIGRP_QUERY = 3;
export const EIGRP_REPLY = 4;
export const EIGRP_HELLO = 5;
export const EIGRP_SIA_QUERY = 10;
export const EIGRP_SIA_REPLY = 11;

export const EIGRP_FLAG_INIT = 0x1;
export const EIGRP_FLAG_CR = 0x2;
export const EIGRP_FLAG_RS = 0x4;
export const EIGRP_FLAG_EOT = 0x8;

export const TLV_PARAMETER = 0x0001;
export const TLV_SEQUENCE = 0x0003;
export const TLV_SOFTWARE_VERSION = 0x0004;
export const TLV_NEXT_MCAST_SEQ = 0x0005;
export const TLV_IPV4_INTERNAL = 0x0102;
export const TLV_IPV4_EXTERNAL = 0x0103;

const HEADER_LEN = 20;

export interface EigrpParameters {
  k1: number;
  k2: number;
  k3: number;
  k4: number;
  k5: number;
  k6: number;
  holdTime: number;
}

export interface EigrpRouteMetric {
  /** Next hop (0 = the sender). */
  nextHop: Ipv4;
  /** Delay in tens of microseconds (0xFFFFFFFF = unreachable). */
  delay: number;
  /** Scaled bandwidth: 10^7 / kbit/s. */
  bandwidth: number;
  mtu: number;
  hopCount: number;
  reliability: number;
  load: number;
  prefixLength: number;
  destination: Ipv4;
}

export type EigrpTlv =
  | { type: typeof TLV_PARAMETER; params: EigrpParameters }
  | { type: typeof TLV_SOFTWARE_VERSION; iosMajor: number; iosMinor: number; tlvMajor: number; tlvMinor: number }
  | { type: typeof TLV_SEQUENCE; addresses: Ipv4[] }
  | { type: typeof TLV_NEXT_MCAST_SEQ; sequence: number }
  | { type: typeof TLV_IPV4_INTERNAL; route: EigrpRouteMetric }
  | { type: typeof TLV_IPV4_EXTERNAL; route: EigrpRouteMetric; originRouter: Ipv4; originAs: number; tag: number; externalMetric: number; externalProtocol: number; flags: number }
  | { type: number; raw: Uint8Array };

export interface EigrpPacket {
  version: number;
  opcode: number;
  flags: number;
  sequence: number;
  ack: number;
  virtualRouterId: number;
  as: number;
  tlvs: EigrpTlv[];
}

export const UNREACHABLE_DELAY = 0xffffffff;

function routeBodyLength(r: EigrpRouteMetric): number {
  return 4 + 16 + 1 + Math.ceil(r.prefixLength / 8);
}

function tlvBodyLength(t: EigrpTlv): number {
  switch (t.type) {
    case TLV_PARAMETER:
      return 8;
    case TLV_SOFTWARE_VERSION:
      return 4;
    case TLV_SEQUENCE:
      return 'addresses' in t ? t.addresses.length * 5 : 0;
    case TLV_NEXT_MCAST_SEQ:
      return 4;
    case TLV_IPV4_INTERNAL:
      return 'route' in t ? routeBodyLength(t.route) : 0;
    case TLV_IPV4_EXTERNAL:
      return 'route' in t ? 20 + routeBodyLength(t.route) : 0;
    default:
      return 'raw' in t ? t.raw.length : 0;
  }
}

function put32(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 24) & 0xff;
  b[off + 1] = (v >>> 16) & 0xff;
  b[off + 2] = (v >>> 8) & 0xff;
  b[off + 3] = v & 0xff;
}

function get32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

function writeRoute(b: Uint8Array, off: number, r: EigrpRouteMetric): number {
  writeIpv4(b, off, r.nextHop);
  put32(b, off + 4, r.delay);
  put32(b, off + 8, r.bandwidth);
  b[off + 12] = (r.mtu >>> 16) & 0xff;
  b[off + 13] = (r.mtu >>> 8) & 0xff;
  b[off + 14] = r.mtu & 0xff;
  b[off + 15] = r.hopCount;
  b[off + 16] = r.reliability;
  b[off + 17] = r.load;
  b[off + 20] = r.prefixLength;
  const n = Math.ceil(r.prefixLength / 8);
  for (let i = 0; i < n; i++) b[off + 21 + i] = (r.destination >>> (24 - 8 * i)) & 0xff;
  return off + 21 + n;
}

export function encodeEigrp(p: EigrpPacket): Uint8Array {
  const body = p.tlvs.reduce((n, t) => n + 4 + tlvBodyLength(t), 0);
  const b = new Uint8Array(HEADER_LEN + body);
  b[0] = p.version;
  b[1] = p.opcode;
  put32(b, 4, p.flags);
  put32(b, 8, p.sequence);
  put32(b, 12, p.ack);
  b[16] = (p.virtualRouterId >>> 8) & 0xff;
  b[17] = p.virtualRouterId & 0xff;
  b[18] = (p.as >>> 8) & 0xff;
  b[19] = p.as & 0xff;
  let off = HEADER_LEN;
  for (const t of p.tlvs) {
    const len = 4 + tlvBodyLength(t);
    b[off] = (t.type >>> 8) & 0xff;
    b[off + 1] = t.type & 0xff;
    b[off + 2] = (len >>> 8) & 0xff;
    b[off + 3] = len & 0xff;
    const v = off + 4;
    if (t.type === TLV_PARAMETER && 'params' in t) {
      const k = t.params;
      b.set([k.k1, k.k2, k.k3, k.k4, k.k5, k.k6], v);
      b[v + 6] = (k.holdTime >>> 8) & 0xff;
      b[v + 7] = k.holdTime & 0xff;
    } else if (t.type === TLV_SOFTWARE_VERSION && 'iosMajor' in t) {
      b.set([t.iosMajor, t.iosMinor, t.tlvMajor, t.tlvMinor], v);
    } else if (t.type === TLV_SEQUENCE && 'addresses' in t) {
      t.addresses.forEach((a, i) => {
        b[v + i * 5] = 4;
        writeIpv4(b, v + i * 5 + 1, a);
      });
    } else if (t.type === TLV_NEXT_MCAST_SEQ && 'sequence' in t) {
      put32(b, v, t.sequence);
    } else if (t.type === TLV_IPV4_INTERNAL && 'route' in t) {
      writeRoute(b, v, t.route);
    } else if (t.type === TLV_IPV4_EXTERNAL && 'originRouter' in t) {
      writeIpv4(b, v, t.originRouter);
      put32(b, v + 4, t.originAs);
      put32(b, v + 8, t.tag);
      put32(b, v + 12, t.externalMetric);
      b[v + 18] = t.externalProtocol;
      b[v + 19] = t.flags;
      writeRoute(b, v + 20, t.route);
    } else if ('raw' in t) {
      b.set(t.raw, v);
    }
    off += len;
  }
  const sum = internetChecksum(b);
  b[2] = sum >>> 8;
  b[3] = sum & 0xff;
  return b;
}

function readRoute(b: Uint8Array, off: number, end: number): DecodeResult<EigrpRouteMetric> {
  if (off + 21 > end) return fail('truncated', off, 'route TLV cut short');
  const prefixLength = b[off + 20]!;
  if (prefixLength > 32) return fail('bad-value', off + 20, `prefix length ${prefixLength}`);
  const n = Math.ceil(prefixLength / 8);
  if (off + 21 + n > end) return fail('truncated', off + 21, 'route destination cut short');
  let dest = 0;
  for (let i = 0; i < n; i++) dest |= b[off + 21 + i]! << (24 - 8 * i);
  return ok({
    nextHop: readIpv4(b, off),
    delay: get32(b, off + 4),
    bandwidth: get32(b, off + 8),
    mtu: (b[off + 12]! << 16) | (b[off + 13]! << 8) | b[off + 14]!,
    hopCount: b[off + 15]!,
    reliability: b[off + 16]!,
    load: b[off + 17]!,
    prefixLength,
    destination: dest >>> 0,
  });
}

export function decodeEigrp(b: Uint8Array): DecodeResult<EigrpPacket> {
  if (b.length < HEADER_LEN) return fail('truncated', b.length, 'shorter than the EIGRP header');
  if (b[0] !== 2) return fail('bad-version', 0, `EIGRP version ${b[0]}`);
  if (internetChecksum(b) !== 0) return fail('bad-checksum', 2, 'EIGRP checksum mismatch');
  const tlvs: EigrpTlv[] = [];
  let off = HEADER_LEN;
  while (off < b.length) {
    if (off + 4 > b.length) return fail('truncated', off, 'TLV header cut short');
    const type = (b[off]! << 8) | b[off + 1]!;
    const len = (b[off + 2]! << 8) | b[off + 3]!;
    if (len < 4 || off + len > b.length) return fail('bad-length', off + 2, `TLV 0x${type.toString(16)} length ${len}`);
    const v = off + 4;
    const end = off + len;
    if (type === TLV_PARAMETER && len >= 12) {
      tlvs.push({ type, params: { k1: b[v]!, k2: b[v + 1]!, k3: b[v + 2]!, k4: b[v + 3]!, k5: b[v + 4]!, k6: b[v + 5]!, holdTime: (b[v + 6]! << 8) | b[v + 7]! } });
    } else if (type === TLV_SOFTWARE_VERSION && len >= 8) {
      tlvs.push({ type, iosMajor: b[v]!, iosMinor: b[v + 1]!, tlvMajor: b[v + 2]!, tlvMinor: b[v + 3]! });
    } else if (type === TLV_SEQUENCE) {
      const addresses: Ipv4[] = [];
      for (let p = v; p + 5 <= end; p += 5) {
        if (b[p] !== 4) return fail('unsupported', p, 'non-IPv4 address in sequence TLV');
        addresses.push(readIpv4(b, p + 1));
      }
      tlvs.push({ type, addresses });
    } else if (type === TLV_NEXT_MCAST_SEQ && len >= 8) {
      tlvs.push({ type, sequence: get32(b, v) });
    } else if (type === TLV_IPV4_INTERNAL) {
      const r = readRoute(b, v, end);
      if (!r.ok) return r;
      tlvs.push({ type, route: r.value });
    } else if (type === TLV_IPV4_EXTERNAL) {
      if (v + 20 > end) return fail('truncated', v, 'external TLV cut short');
      const r = readRoute(b, v + 20, end);
      if (!r.ok) return r;
      tlvs.push({ type, route: r.value, originRouter: readIpv4(b, v), originAs: get32(b, v + 4), tag: get32(b, v + 8), externalMetric: get32(b, v + 12), externalProtocol: b[v + 18]!, flags: b[v + 19]! });
    } else {
      tlvs.push({ type, raw: b.slice(v, end) });
    }
    off = end;
  }
  return ok({
    version: b[0]!,
    opcode: b[1]!,
    flags: get32(b, 4),
    sequence: get32(b, 8),
    ack: get32(b, 12),
    virtualRouterId: (b[16]! << 8) | b[17]!,
    as: (b[18]! << 8) | b[19]!,
    tlvs,
  });
}
