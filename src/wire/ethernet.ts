/**
 * Ethernet II framing: destination MAC, source MAC, EtherType, payload. No FCS: the simulated wire
 * never corrupts frames, so a checksum would only cost time.
 */
import { type DecodeResult, ok, fail } from './result.js';
import type { Mac } from './addr.js';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;

const DST = 0;
const SRC = 6;
const TYPE = 12;
export const ETHERNET_HEADER_LEN = 14;

export interface EthernetFrame {
  dst: Mac;
  src: Mac;
  ethertype: number;
  payload: Uint8Array;
}

export function decodeEthernet(bytes: Uint8Array): DecodeResult<EthernetFrame> {
  if (bytes.length < ETHERNET_HEADER_LEN) return fail('truncated', bytes.length, `frame of ${bytes.length} bytes is shorter than the 14-byte header`);
  return ok({
    dst: bytes.slice(DST, DST + 6),
    src: bytes.slice(SRC, SRC + 6),
    ethertype: (bytes[TYPE]! << 8) | bytes[TYPE + 1]!,
    payload: bytes.subarray(ETHERNET_HEADER_LEN),
  });
}

export function encodeEthernet(f: EthernetFrame): Uint8Array {
  const out = new Uint8Array(ETHERNET_HEADER_LEN + f.payload.length);
  out.set(f.dst.subarray(0, 6), DST);
  out.set(f.src.subarray(0, 6), SRC);
  out[TYPE] = (f.ethertype >>> 8) & 0xff;
  out[TYPE + 1] = f.ethertype & 0xff;
  out.set(f.payload, ETHERNET_HEADER_LEN);
  return out;
}
