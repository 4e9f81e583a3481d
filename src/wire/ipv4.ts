/**
 * IPv4 header (RFC 791). Decoding verifies the header checksum and the length fields; options are kept
 * as raw bytes. Encoding computes the checksum.
 */
import { type DecodeResult, ok, fail } from './result.js';
import { type Ipv4, internetChecksum, readIpv4, writeIpv4 } from './addr.js';

const VER_IHL = 0;
const TOS = 1;
const TOTAL_LEN = 2;
const IDENT = 4;
const FLAGS_FRAG = 6;
const TTL = 8;
const PROTOCOL = 9;
const CHECKSUM = 10;
const SRC = 12;
const DST = 16;
export const IPV4_HEADER_LEN = 20;

const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;

export interface Ipv4Packet {
  tos: number;
  id: number;
  df: boolean;
  mf: boolean;
  /** In 8-byte units. */
  fragmentOffset: number;
  ttl: number;
  protocol: number;
  src: Ipv4;
  dst: Ipv4;
  options?: Uint8Array;
  payload: Uint8Array;
}

/** Fields as they appear in a decoded header, beyond those needed to rebuild the packet. */
export interface Ipv4Decoded extends Ipv4Packet {
  totalLength: number;
  headerLength: number;
  checksum: number;
}

export function decodeIpv4(b: Uint8Array): DecodeResult<Ipv4Decoded> {
  if (b.length < IPV4_HEADER_LEN) return fail('truncated', b.length, `IPv4 packet of ${b.length} bytes is shorter than 20`);
  const version = b[VER_IHL]! >>> 4;
  if (version !== 4) return fail('bad-version', VER_IHL, `IP version ${version}`);
  const headerLength = (b[VER_IHL]! & 0x0f) * 4;
  if (headerLength < IPV4_HEADER_LEN) return fail('bad-length', VER_IHL, `IHL ${headerLength / 4} is below 5`);
  const totalLength = (b[TOTAL_LEN]! << 8) | b[TOTAL_LEN + 1]!;
  if (totalLength < headerLength) return fail('bad-length', TOTAL_LEN, `total length ${totalLength} is below the header length ${headerLength}`);
  if (b.length < totalLength) return fail('truncated', b.length, `total length ${totalLength} exceeds the ${b.length} bytes received`);
  if (internetChecksum(b, 0, headerLength) !== 0) return fail('bad-checksum', CHECKSUM, 'IPv4 header checksum mismatch');
  const flagsFrag = (b[FLAGS_FRAG]! << 8) | b[FLAGS_FRAG + 1]!;
  return ok({
    tos: b[TOS]!,
    id: (b[IDENT]! << 8) | b[IDENT + 1]!,
    df: (flagsFrag & FLAG_DF) !== 0,
    mf: (flagsFrag & FLAG_MF) !== 0,
    fragmentOffset: flagsFrag & 0x1fff,
    ttl: b[TTL]!,
    protocol: b[PROTOCOL]!,
    src: readIpv4(b, SRC),
    dst: readIpv4(b, DST),
    options: headerLength > IPV4_HEADER_LEN ? b.slice(IPV4_HEADER_LEN, headerLength) : undefined,
    payload: b.subarray(headerLength, totalLength),
    totalLength,
    headerLength,
    checksum: (b[CHECKSUM]! << 8) | b[CHECKSUM + 1]!,
  });
}

export function encodeIpv4(p: Ipv4Packet | (Omit<Ipv4Packet, 'mf' | 'fragmentOffset'> & { mf?: boolean; fragmentOffset?: number })): Uint8Array {
  const opts = p.options ?? new Uint8Array(0);
  const optLen = Math.ceil(opts.length / 4) * 4;
  const headerLength = IPV4_HEADER_LEN + optLen;
  const total = headerLength + p.payload.length;
  const b = new Uint8Array(total);
  b[VER_IHL] = 0x40 | (headerLength / 4);
  b[TOS] = p.tos & 0xff;
  b[TOTAL_LEN] = (total >>> 8) & 0xff;
  b[TOTAL_LEN + 1] = total & 0xff;
  b[IDENT] = (p.id >>> 8) & 0xff;
  b[IDENT + 1] = p.id & 0xff;
  const flagsFrag = (p.df ? FLAG_DF : 0) | (p.mf ? FLAG_MF : 0) | ((p.fragmentOffset ?? 0) & 0x1fff);
  b[FLAGS_FRAG] = flagsFrag >>> 8;
  b[FLAGS_FRAG + 1] = flagsFrag & 0xff;
  b[TTL] = p.ttl & 0xff;
  b[PROTOCOL] = p.protocol & 0xff;
  writeIpv4(b, SRC, p.src);
  writeIpv4(b, DST, p.dst);
  b.set(opts, IPV4_HEADER_LEN);
  const sum = internetChecksum(b, 0, headerLength);
  b[CHECKSUM] = sum >>> 8;
  b[CHECKSUM + 1] = sum & 0xff;
  b.set(p.payload, headerLength);
  return b;
}
