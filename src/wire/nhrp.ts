/**
 * NHRP (RFC 2332) with the Cisco extensions IOS sends: fixed header, mandatory part, client information
 * entries (CIEs) and extensions (Responder Address 3, Forward/Reverse Transit NHS Record 4/5, Cisco
 * cleartext Authentication 7, Vendor-Private 8, Cisco NAT Address 9, End 0). IPv4 only.
 *
 * Sizes, for the seed's Registration Request: 20 (fixed) + 8 (mandatory fixed) + 12 (src NBMA, src and
 * dst protocol) + 12 (one CIE without client addresses) = 52 = extoff; extensions 3, 4, 5 (4 each),
 * 7 (4 + 4 + "NHRPAUTH"), 9 (4 + a 20-byte CIE), End (4) → 108 bytes.
 */
import { type DecodeResult, ok, fail } from './result.js';
import { type Ipv4, internetChecksum, readIpv4, writeIpv4 } from './addr.js';

export const NHRP_RESOLUTION_REQUEST = 1;
export const NHRP_RESOLUTION_REPLY = 2;
export const NHRP_REGISTRATION_REQUEST = 3;
export const NHRP_REGISTRATION_REPLY = 4;
export const NHRP_PURGE_REQUEST = 5;
export const NHRP_PURGE_REPLY = 6;
export const NHRP_ERROR_INDICATION = 7;
export const NHRP_TRAFFIC_INDICATION = 8;

export const NHRP_OP_NAMES: Record<number, string> = {
  1: 'Resolution Request',
  2: 'Resolution Reply',
  3: 'Registration Request',
  4: 'Registration Reply',
  5: 'Purge Request',
  6: 'Purge Reply',
  7: 'Error Indication',
  8: 'Traffic Indication',
};

/** Registration flags. */
export const NHRP_FLAG_UNIQUE = 0x8000;
export const NHRP_FLAG_NAT = 0x0002;

export const NHRP_EXT_END = 0;
export const NHRP_EXT_RESPONDER = 3;
export const NHRP_EXT_FORWARD_TRANSIT = 4;
export const NHRP_EXT_REVERSE_TRANSIT = 5;
export const NHRP_EXT_AUTH = 7;
export const NHRP_EXT_VENDOR = 8;
export const NHRP_EXT_NAT = 9;
export const NHRP_EXT_COMPULSORY = 0x8000;

/** CIE codes (RFC 2332 §5.2.0.1, as IOS prints them in debug). */
export const NHRP_CIE_CODE_NAMES: Record<number, string> = {
  0: 'no error',
  4: 'administratively prohibited',
  5: 'insufficient resources',
  11: 'no binding exists',
  13: 'binding not unique',
  14: 'unique address already registered',
};

const FIXED_LEN = 20;
const MANDATORY_FIXED_LEN = 8;
const CIE_FIXED_LEN = 12;

export interface NhrpCie {
  code: number;
  prefixLength: number;
  mtu: number;
  holdTime: number;
  preference: number;
  clientNbma?: Ipv4;
  clientProto?: Ipv4;
}

export type NhrpExtension =
  | { type: typeof NHRP_EXT_RESPONDER | typeof NHRP_EXT_FORWARD_TRANSIT | typeof NHRP_EXT_REVERSE_TRANSIT | typeof NHRP_EXT_NAT; compulsory: boolean; cies: NhrpCie[] }
  | { type: typeof NHRP_EXT_AUTH; compulsory: boolean; authType: number; data: Uint8Array }
  | { type: number; compulsory: boolean; raw: Uint8Array };

export interface NhrpPacket {
  afn: number;
  protocolType: number;
  hopCount: number;
  version: number;
  opType: number;
  flags: number;
  /** Request ID; for Error Indication the error code (high 16 bits) and offset (low 16 bits). */
  requestId: number;
  srcNbma: Ipv4;
  srcProto: Ipv4;
  dstProto: Ipv4;
  cies: NhrpCie[];
  extensions: NhrpExtension[];
}

/** Values only a decoder sees. */
export interface NhrpDecoded extends NhrpPacket {
  packetSize: number;
  extOffset: number;
  checksum: number;
  shtl: number;
  sstl: number;
}

function cieLength(c: NhrpCie): number {
  return CIE_FIXED_LEN + (c.clientNbma !== undefined ? 4 : 0) + (c.clientProto !== undefined ? 4 : 0);
}

function extensionBodyLength(e: NhrpExtension): number {
  if ('cies' in e) return e.cies.reduce((n, c) => n + cieLength(c), 0);
  if ('authType' in e) return 4 + e.data.length;
  return e.raw.length;
}

function writeCie(b: Uint8Array, off: number, c: NhrpCie): number {
  b[off] = c.code;
  b[off + 1] = c.prefixLength;
  b[off + 4] = (c.mtu >>> 8) & 0xff;
  b[off + 5] = c.mtu & 0xff;
  b[off + 6] = (c.holdTime >>> 8) & 0xff;
  b[off + 7] = c.holdTime & 0xff;
  b[off + 8] = c.clientNbma !== undefined ? 4 : 0;
  b[off + 9] = 0;
  b[off + 10] = c.clientProto !== undefined ? 4 : 0;
  b[off + 11] = c.preference;
  let p = off + CIE_FIXED_LEN;
  if (c.clientNbma !== undefined) {
    writeIpv4(b, p, c.clientNbma);
    p += 4;
  }
  if (c.clientProto !== undefined) {
    writeIpv4(b, p, c.clientProto);
    p += 4;
  }
  return p;
}

export function nhrpPacketSize(p: NhrpPacket): { size: number; extOffset: number } {
  const base = FIXED_LEN + MANDATORY_FIXED_LEN + 12 + p.cies.reduce((n, c) => n + cieLength(c), 0);
  if (p.extensions.length === 0) return { size: base, extOffset: 0 };
  const ext = p.extensions.reduce((n, e) => n + 4 + extensionBodyLength(e), 0) + (p.extensions.some((e) => e.type === NHRP_EXT_END) ? 0 : 4);
  return { size: base + ext, extOffset: base };
}

export function encodeNhrp(p: NhrpPacket): Uint8Array {
  const { size, extOffset } = nhrpPacketSize(p);
  const b = new Uint8Array(size);
  b[0] = (p.afn >>> 8) & 0xff;
  b[1] = p.afn & 0xff;
  b[2] = (p.protocolType >>> 8) & 0xff;
  b[3] = p.protocolType & 0xff;
  b[9] = p.hopCount;
  b[10] = (size >>> 8) & 0xff;
  b[11] = size & 0xff;
  b[14] = (extOffset >>> 8) & 0xff;
  b[15] = extOffset & 0xff;
  b[16] = p.version;
  b[17] = p.opType;
  b[18] = 4; // shtl: IPv4 NBMA address, 4 bytes
  b[19] = 0; // sstl: no subaddress
  b[20] = 4; // src protocol address length
  b[21] = 4; // dst protocol address length
  b[22] = (p.flags >>> 8) & 0xff;
  b[23] = p.flags & 0xff;
  b[24] = (p.requestId >>> 24) & 0xff;
  b[25] = (p.requestId >>> 16) & 0xff;
  b[26] = (p.requestId >>> 8) & 0xff;
  b[27] = p.requestId & 0xff;
  writeIpv4(b, 28, p.srcNbma);
  writeIpv4(b, 32, p.srcProto);
  writeIpv4(b, 36, p.dstProto);
  let off = 40;
  for (const c of p.cies) off = writeCie(b, off, c);
  const exts = p.extensions.some((e) => e.type === NHRP_EXT_END)
    ? p.extensions
    : [...p.extensions, { type: NHRP_EXT_END, compulsory: true, raw: new Uint8Array(0) } as NhrpExtension];
  for (const e of exts) {
    const t = (e.compulsory ? NHRP_EXT_COMPULSORY : 0) | e.type;
    const len = extensionBodyLength(e);
    b[off] = (t >>> 8) & 0xff;
    b[off + 1] = t & 0xff;
    b[off + 2] = (len >>> 8) & 0xff;
    b[off + 3] = len & 0xff;
    off += 4;
    if ('cies' in e) for (const c of e.cies) off = writeCie(b, off, c);
    else if ('authType' in e) {
      b[off] = (e.authType >>> 24) & 0xff;
      b[off + 1] = (e.authType >>> 16) & 0xff;
      b[off + 2] = (e.authType >>> 8) & 0xff;
      b[off + 3] = e.authType & 0xff;
      b.set(e.data, off + 4);
      off += 4 + e.data.length;
    } else {
      b.set(e.raw, off);
      off += e.raw.length;
    }
  }
  const sum = internetChecksum(b);
  b[12] = sum >>> 8;
  b[13] = sum & 0xff;
  return b;
}

function readCies(b: Uint8Array, start: number, end: number): DecodeResult<NhrpCie[]> {
  const out: NhrpCie[] = [];
  let off = start;
  while (off < end) {
    if (off + CIE_FIXED_LEN > end) return fail('truncated', off, 'CIE cut short');
    const nbmaLen = b[off + 8]!;
    const subLen = b[off + 9]!;
    const protoLen = b[off + 10]!;
    if ((nbmaLen !== 0 && nbmaLen !== 4) || (protoLen !== 0 && protoLen !== 4) || subLen !== 0) return fail('unsupported', off + 8, 'CIE with non-IPv4 addresses');
    const len = CIE_FIXED_LEN + nbmaLen + protoLen;
    if (off + len > end) return fail('truncated', off, 'CIE addresses cut short');
    let p = off + CIE_FIXED_LEN;
    const cie: NhrpCie = {
      code: b[off]!,
      prefixLength: b[off + 1]!,
      mtu: (b[off + 4]! << 8) | b[off + 5]!,
      holdTime: (b[off + 6]! << 8) | b[off + 7]!,
      preference: b[off + 11]!,
    };
    if (nbmaLen === 4) {
      cie.clientNbma = readIpv4(b, p);
      p += 4;
    }
    if (protoLen === 4) cie.clientProto = readIpv4(b, p);
    out.push(cie);
    off += len;
  }
  return ok(out);
}

export function decodeNhrp(b: Uint8Array): DecodeResult<NhrpDecoded> {
  if (b.length < FIXED_LEN + MANDATORY_FIXED_LEN) return fail('truncated', b.length, 'shorter than the NHRP headers');
  const packetSize = (b[10]! << 8) | b[11]!;
  if (packetSize > b.length || packetSize < FIXED_LEN + MANDATORY_FIXED_LEN) return fail('bad-length', 10, `pktsz ${packetSize} with ${b.length} bytes received`);
  const pkt = b.subarray(0, packetSize);
  if (internetChecksum(pkt) !== 0) return fail('bad-checksum', 12, 'NHRP checksum mismatch');
  const version = b[16]!;
  if (version !== 1) return fail('bad-version', 16, `NHRP version ${version}`);
  const shtl = b[18]!;
  const sstl = b[19]!;
  const srcLen = b[20]!;
  const dstLen = b[21]!;
  if (shtl !== 4 || sstl !== 0 || srcLen !== 4 || dstLen !== 4) return fail('unsupported', 18, 'non-IPv4 NHRP addresses');
  const extOffset = (b[14]! << 8) | b[15]!;
  const mandEnd = extOffset === 0 ? packetSize : extOffset;
  if (mandEnd > packetSize || mandEnd < 40) return fail('bad-length', 14, `extoff ${extOffset}`);
  const cies = readCies(pkt, 40, mandEnd);
  if (!cies.ok) return cies;
  const extensions: NhrpExtension[] = [];
  if (extOffset !== 0) {
    let off = extOffset;
    for (;;) {
      if (off + 4 > packetSize) return fail('truncated', off, 'extension header cut short');
      const t = (pkt[off]! << 8) | pkt[off + 1]!;
      const len = (pkt[off + 2]! << 8) | pkt[off + 3]!;
      const type = t & 0x3fff;
      const compulsory = (t & NHRP_EXT_COMPULSORY) !== 0;
      const body = off + 4;
      if (body + len > packetSize) return fail('bad-length', off + 2, `extension ${type} length ${len}`);
      if (type === NHRP_EXT_END) {
        extensions.push({ type, compulsory, raw: new Uint8Array(0) });
        break;
      }
      if (type === NHRP_EXT_RESPONDER || type === NHRP_EXT_FORWARD_TRANSIT || type === NHRP_EXT_REVERSE_TRANSIT || type === NHRP_EXT_NAT) {
        const c = readCies(pkt, body, body + len);
        if (!c.ok) return c;
        extensions.push({ type, compulsory, cies: c.value });
      } else if (type === NHRP_EXT_AUTH && len >= 4) {
        const authType = ((pkt[body]! << 24) | (pkt[body + 1]! << 16) | (pkt[body + 2]! << 8) | pkt[body + 3]!) >>> 0;
        extensions.push({ type, compulsory, authType, data: pkt.slice(body + 4, body + len) });
      } else {
        extensions.push({ type, compulsory, raw: pkt.slice(body, body + len) });
      }
      off = body + len;
    }
  }
  return ok({
    afn: (b[0]! << 8) | b[1]!,
    protocolType: (b[2]! << 8) | b[3]!,
    hopCount: b[9]!,
    version,
    opType: b[17]!,
    flags: (b[22]! << 8) | b[23]!,
    requestId: ((b[24]! << 24) | (b[25]! << 16) | (b[26]! << 8) | b[27]!) >>> 0,
    srcNbma: readIpv4(b, 28),
    srcProto: readIpv4(b, 32),
    dstProto: readIpv4(b, 36),
    cies: cies.value,
    extensions,
    packetSize,
    extOffset,
    checksum: (b[12]! << 8) | b[13]!,
    shtl,
    sstl,
  });
}
