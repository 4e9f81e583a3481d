/**
 * GRE (RFC 2784) with the key and sequence extensions of RFC 2890. IOS sends neither checksum nor
 * sequence by default; `tunnel key N` adds the 4-byte key, which is how a receiver tells tunnels apart.
 */
import { type DecodeResult, ok, fail } from './result.js';
import { internetChecksum } from './addr.js';

export const GRE_PROTO_IPV4 = 0x0800;
export const GRE_PROTO_NHRP = 0x2001;

const FLAG_C = 0x8000;
const FLAG_K = 0x2000;
const FLAG_S = 0x1000;
const BASE_LEN = 4;

export interface GrePacket {
  protocolType: number;
  key?: number;
  sequence?: number;
  /** Send with a checksum (C bit). */
  checksum?: boolean;
  payload: Uint8Array;
}

export function decodeGre(b: Uint8Array): DecodeResult<GrePacket> {
  if (b.length < BASE_LEN) return fail('truncated', b.length, `GRE packet of ${b.length} bytes is shorter than 4`);
  const flags = (b[0]! << 8) | b[1]!;
  const version = flags & 0x7;
  if (version !== 0) return fail('bad-version', 1, `GRE version ${version}`);
  if (flags & 0x4000) return fail('unsupported', 0, 'GRE routing present (RFC 1701)');
  let off = BASE_LEN;
  const has = (bit: number) => (flags & bit) !== 0;
  const need = (has(FLAG_C) ? 4 : 0) + (has(FLAG_K) ? 4 : 0) + (has(FLAG_S) ? 4 : 0);
  if (b.length < BASE_LEN + need) return fail('truncated', b.length, 'GRE optional fields cut short');
  let checksum = false;
  if (has(FLAG_C)) {
    if (internetChecksum(b) !== 0) return fail('bad-checksum', off, 'GRE checksum mismatch');
    checksum = true;
    off += 4;
  }
  let key: number | undefined;
  if (has(FLAG_K)) {
    key = ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
    off += 4;
  }
  let sequence: number | undefined;
  if (has(FLAG_S)) {
    sequence = ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
    off += 4;
  }
  return ok({ protocolType: (b[2]! << 8) | b[3]!, key, sequence, checksum, payload: b.subarray(off) });
}

export function encodeGre(p: GrePacket): Uint8Array {
  const len = BASE_LEN + (p.checksum ? 4 : 0) + (p.key !== undefined ? 4 : 0) + (p.sequence !== undefined ? 4 : 0);
  const b = new Uint8Array(len + p.payload.length);
  const flags = (p.checksum ? FLAG_C : 0) | (p.key !== undefined ? FLAG_K : 0) | (p.sequence !== undefined ? FLAG_S : 0);
  b[0] = flags >>> 8;
  b[1] = flags & 0xff;
  b[2] = (p.protocolType >>> 8) & 0xff;
  b[3] = p.protocolType & 0xff;
  let off = BASE_LEN;
  const csumOff = off;
  if (p.checksum) off += 4;
  const put32 = (v: number) => {
    b[off] = (v >>> 24) & 0xff;
    b[off + 1] = (v >>> 16) & 0xff;
    b[off + 2] = (v >>> 8) & 0xff;
    b[off + 3] = v & 0xff;
    off += 4;
  };
  if (p.key !== undefined) put32(p.key >>> 0);
  if (p.sequence !== undefined) put32(p.sequence >>> 0);
  b.set(p.payload, off);
  if (p.checksum) {
    const sum = internetChecksum(b);
    b[csumOff] = sum >>> 8;
    b[csumOff + 1] = sum & 0xff;
  }
  return b;
}
