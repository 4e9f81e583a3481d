/**
 * UDP (RFC 768). The checksum covers a pseudo-header of the IPv4 addresses, protocol 17 and the UDP
 * length, so encoding and checking need the addresses; a zero checksum means "none sent" (allowed over
 * IPv4) and is accepted. IKE runs on UDP 500 (4500 once NAT traversal floats).
 */
import { type DecodeResult, ok, fail } from './result.js';
import type { Ipv4 } from './addr.js';

export const IP_PROTO_UDP = 17;
export const UDP_PORT_ISAKMP = 500;
export const UDP_PORT_NAT_T = 4500;
const HEADER_LEN = 8;

export interface UdpDatagram {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

/** One's-complement sum of the pseudo-header and the datagram, folded to 16 bits. */
function checksum(src: Ipv4, dst: Ipv4, b: Uint8Array): number {
  let sum = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + IP_PROTO_UDP + b.length;
  for (let i = 0; i + 1 < b.length; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (b.length % 2 === 1) sum += b[b.length - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** Decode a UDP datagram carried from `src` to `dst` (the addresses check the checksum). */
export function decodeUdp(b: Uint8Array, src: Ipv4, dst: Ipv4): DecodeResult<UdpDatagram> {
  if (b.length < HEADER_LEN) return fail('truncated', b.length, `UDP datagram of ${b.length} bytes is shorter than 8`);
  const length = (b[4]! << 8) | b[5]!;
  if (length < HEADER_LEN || length > b.length) return fail('bad-length', 4, `UDP length ${length} for ${b.length} bytes`);
  const d = b.subarray(0, length);
  const sent = (b[6]! << 8) | b[7]!;
  if (sent !== 0 && checksum(src, dst, d) !== 0) return fail('bad-checksum', 6, 'UDP checksum mismatch');
  return ok({ srcPort: (b[0]! << 8) | b[1]!, dstPort: (b[2]! << 8) | b[3]!, payload: d.subarray(HEADER_LEN) });
}

export function encodeUdp(u: UdpDatagram, src: Ipv4, dst: Ipv4): Uint8Array {
  const b = new Uint8Array(HEADER_LEN + u.payload.length);
  b[0] = (u.srcPort >>> 8) & 0xff;
  b[1] = u.srcPort & 0xff;
  b[2] = (u.dstPort >>> 8) & 0xff;
  b[3] = u.dstPort & 0xff;
  b[4] = (b.length >>> 8) & 0xff;
  b[5] = b.length & 0xff;
  b.set(u.payload, HEADER_LEN);
  // A computed 0 is sent as 0xFFFF: 0 on the wire means no checksum (RFC 768).
  const sum = checksum(src, dst, b) || 0xffff;
  b[6] = sum >>> 8;
  b[7] = sum & 0xff;
  return b;
}
