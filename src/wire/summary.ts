/**
 * One-line descriptions of frames for the packet-flow view, walking down the layers. Never throws:
 * anything it cannot decode is described as such.
 */
import { ipv4ToString } from './addr.js';
import { decodeEthernet, ETHERTYPE_ARP, ETHERTYPE_IPV4 } from './ethernet.js';
import { decodeArp, ARP_REQUEST } from './arp.js';
import { decodeIpv4 } from './ipv4.js';
import { decodeIcmp } from './icmp.js';
import { decodeGre, GRE_PROTO_IPV4, GRE_PROTO_NHRP } from './gre.js';
import { NHRP_OP_NAMES } from './nhrp.js';

const EIGRP_OPCODES: Record<number, string> = { 1: 'Update', 3: 'Query', 4: 'Reply', 5: 'Hello', 10: 'SIA-Query', 11: 'SIA-Reply' };

function icmpSummary(payload: Uint8Array): string {
  const r = decodeIcmp(payload);
  if (!r.ok) return 'ICMP (malformed)';
  switch (r.value.type) {
    case 0:
      return 'ICMP echo reply';
    case 8:
      return 'ICMP echo request';
    case 3:
      return `ICMP unreachable (code ${r.value.code})`;
    case 11:
      return 'ICMP time exceeded';
    default:
      return `ICMP type ${r.value.type}`;
  }
}

function ipSummary(protocol: number, payload: Uint8Array, depth: number): string {
  switch (protocol) {
    case 1:
      return icmpSummary(payload);
    case 47: {
      const g = decodeGre(payload);
      if (!g.ok) return 'GRE (malformed)';
      if (g.value.protocolType === GRE_PROTO_NHRP) {
        const type = payload.length > 0 ? (g.value.payload[17] ?? 0) : 0;
        return `GRE/NHRP ${NHRP_OP_NAMES[type] ?? `type ${type}`}`;
      }
      if (g.value.protocolType === GRE_PROTO_IPV4 && depth === 0) {
        const inner = decodeIpv4(g.value.payload);
        if (!inner.ok) return 'GRE/IP (malformed)';
        return `GRE/${ipSummary(inner.value.protocol, inner.value.payload, 1)}`;
      }
      return `GRE proto 0x${g.value.protocolType.toString(16)}`;
    }
    case 50: {
      if (payload.length < 4) return 'ESP (malformed)';
      const spi = ((payload[0]! << 24) | (payload[1]! << 16) | (payload[2]! << 8) | payload[3]!) >>> 0;
      return `ESP spi 0x${spi.toString(16).toUpperCase()}`;
    }
    case 88:
      return `EIGRP ${EIGRP_OPCODES[payload[1] ?? 0] ?? `opcode ${payload[1]}`}`;
    case 17: {
      if (payload.length < 8) return 'UDP (malformed)';
      const dport = (payload[2]! << 8) | payload[3]!;
      if (dport === 500 || dport === 4500) return 'ISAKMP';
      return `UDP port ${dport}`;
    }
    default:
      return `IP proto ${protocol}`;
  }
}

export function summarizeFrame(frame: Uint8Array): string {
  const eth = decodeEthernet(frame);
  if (!eth.ok) return 'runt frame';
  if (eth.value.ethertype === ETHERTYPE_ARP) {
    const a = decodeArp(eth.value.payload);
    if (!a.ok) return 'ARP (malformed)';
    return a.value.op === ARP_REQUEST ? `ARP who-has ${ipv4ToString(a.value.targetIp)}` : `ARP reply ${ipv4ToString(a.value.senderIp)}`;
  }
  if (eth.value.ethertype !== ETHERTYPE_IPV4) return `EtherType 0x${eth.value.ethertype.toString(16)}`;
  const ip = decodeIpv4(eth.value.payload);
  if (!ip.ok) return 'IPv4 (malformed)';
  return ipSummary(ip.value.protocol, ip.value.payload, 0);
}
