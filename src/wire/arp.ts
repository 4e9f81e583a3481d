/**
 * ARP for IPv4 over Ethernet (RFC 826): hardware type 1, protocol 0x0800, lengths 6 and 4.
 */
import { type DecodeResult, ok, fail } from './result.js';
import { type Ipv4, type Mac, readIpv4, writeIpv4 } from './addr.js';

export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;
export const ARP_LEN = 28;

const HTYPE = 0;
const PTYPE = 2;
const HLEN = 4;
const PLEN = 5;
const OPER = 6;
const SHA = 8;
const SPA = 14;
const THA = 18;
const TPA = 24;

export interface ArpPacket {
  op: number;
  senderMac: Mac;
  senderIp: Ipv4;
  targetMac: Mac;
  targetIp: Ipv4;
}

export function decodeArp(b: Uint8Array): DecodeResult<ArpPacket> {
  if (b.length < ARP_LEN) return fail('truncated', b.length, `ARP packet of ${b.length} bytes is shorter than 28`);
  const htype = (b[HTYPE]! << 8) | b[HTYPE + 1]!;
  const ptype = (b[PTYPE]! << 8) | b[PTYPE + 1]!;
  if (htype !== 1 || ptype !== 0x0800) return fail('unsupported', HTYPE, `ARP for hardware ${htype} protocol 0x${ptype.toString(16)}`);
  if (b[HLEN] !== 6 || b[PLEN] !== 4) return fail('bad-length', HLEN, 'ARP address lengths are not 6 and 4');
  const op = (b[OPER]! << 8) | b[OPER + 1]!;
  if (op !== ARP_REQUEST && op !== ARP_REPLY) return fail('bad-value', OPER, `ARP operation ${op}`);
  return ok({
    op,
    senderMac: b.slice(SHA, SHA + 6),
    senderIp: readIpv4(b, SPA),
    targetMac: b.slice(THA, THA + 6),
    targetIp: readIpv4(b, TPA),
  });
}

export function encodeArp(p: ArpPacket): Uint8Array {
  const b = new Uint8Array(ARP_LEN);
  b[HTYPE + 1] = 1;
  b[PTYPE] = 0x08;
  b[HLEN] = 6;
  b[PLEN] = 4;
  b[OPER + 1] = p.op;
  b.set(p.senderMac.subarray(0, 6), SHA);
  writeIpv4(b, SPA, p.senderIp);
  b.set(p.targetMac.subarray(0, 6), THA);
  writeIpv4(b, TPA, p.targetIp);
  return b;
}
