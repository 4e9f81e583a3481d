/**
 * ICMP (RFC 792). Echo request/reply carry identifier and sequence in bytes 4–7; for errors the same
 * four bytes are "unused" except for the next-hop MTU of fragmentation-needed (RFC 1191), which this
 * record exposes as `seq`. `data` is the echo payload or the quoted offending datagram.
 */
import { type DecodeResult, ok, fail } from './result.js';
import { internetChecksum } from './addr.js';

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACHABLE = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
const HEADER_LEN = 8;

export interface IcmpMessage {
  type: number;
  code: number;
  id: number;
  seq: number;
  data: Uint8Array;
}

export function decodeIcmp(b: Uint8Array): DecodeResult<IcmpMessage> {
  if (b.length < HEADER_LEN) return fail('truncated', b.length, `ICMP message of ${b.length} bytes is shorter than 8`);
  if (internetChecksum(b) !== 0) return fail('bad-checksum', 2, 'ICMP checksum mismatch');
  return ok({
    type: b[0]!,
    code: b[1]!,
    id: (b[4]! << 8) | b[5]!,
    seq: (b[6]! << 8) | b[7]!,
    data: b.subarray(HEADER_LEN),
  });
}

export function encodeIcmp(m: IcmpMessage): Uint8Array {
  const b = new Uint8Array(HEADER_LEN + m.data.length);
  b[0] = m.type;
  b[1] = m.code;
  b[4] = (m.id >>> 8) & 0xff;
  b[5] = m.id & 0xff;
  b[6] = (m.seq >>> 8) & 0xff;
  b[7] = m.seq & 0xff;
  b.set(m.data, HEADER_LEN);
  const sum = internetChecksum(b);
  b[2] = sum >>> 8;
  b[3] = sum & 0xff;
  return b;
}
