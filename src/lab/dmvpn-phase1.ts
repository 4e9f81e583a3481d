/**
 * The `dmvpn-phase1` lab: seed 000's DMVPN Phase 1 (mGRE hub, point-to-point GRE spokes, NHRP, EIGRP)
 * grown to N spokes, with the Internet as an ISP router owning .254 of every underlay subnet.
 *
 * Addressing (Spoke1 and Spoke2 are exactly as in the seed and DESIGN.md; the rest extends them):
 * - Hub: Ethernet0/0 172.16.10.1/24, Tunnel0 10.1.1.254, Loopback0–3 203.0.113.1–4/32.
 * - Spoke i: WAN subnet index s = i for i < 10, i + 1 from Spoke10 on (172.16.10.0/24 is the hub's);
 *   Ethernet0/0 = 172.(16 + ⌊s/256⌋).(s mod 256).1/24, ISP at .254 of it.
 * - Spoke i tunnel address: 10.1.1.i/24 while there are at most 253 spokes; with more, the tunnel
 *   network is 10.1.0.0/16 and spokes count on from 10.1.2.1 (skipping .0, .255 and the hub).
 * - Loopbacks: Spoke1 209.165.201.1–4, Spoke2 198.51.100.1–4, Spoke i ≥ 3 10.(200 + ⌊i/256⌋).(i mod 256).1–4.
 */
import { ipv4ToString } from '../wire/addr.js';
import { type LabDefinition, type LabRouterDef, internetFor, ispGatewayOf } from './definition.js';

const HUB_WAN = '172.16.10.1';

function spokeWanSubnetIndex(i: number): number {
  return i < 10 ? i : i + 1;
}

export function spokeWanAddress(i: number): string {
  const s = spokeWanSubnetIndex(i);
  return `172.${16 + Math.floor(s / 256)}.${s % 256}.1`;
}

function spokeTunnelAddress(i: number, total: number): { addr: string; mask: string } {
  if (total <= 253) return { addr: `10.1.1.${i}`, mask: '255.255.255.0' };
  if (i <= 253) return { addr: `10.1.1.${i}`, mask: '255.255.0.0' };
  const n = i - 253; // further spokes from 10.1.2.1, 254 usable hosts per /24 block
  const block = 2 + Math.floor((n - 1) / 254);
  const host = ((n - 1) % 254) + 1;
  return { addr: `10.1.${block}.${host}`, mask: '255.255.0.0' };
}

function spokeLoopbacks(i: number): string[] {
  if (i === 1) return ['209.165.201.1', '209.165.201.2', '209.165.201.3', '209.165.201.4'];
  if (i === 2) return ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'];
  const base = `10.${200 + Math.floor(i / 256)}.${i % 256}`;
  return [1, 2, 3, 4].map((h) => `${base}.${h}`);
}

function loopbackLines(addrs: string[]): string[] {
  return addrs.flatMap((a, n) => [`interface Loopback${n}`, ` ip address ${a} 255.255.255.255`]);
}

/** Seed 000's crypto, the same on the hub and every spoke. */
const SEED_CRYPTO = [
  'crypto isakmp policy 1',
  ' encr 3des',
  ' hash sha',
  ' authentication pre-share',
  'crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0',
  'crypto ipsec transform-set DMVPN-TSET esp-3des esp-sha-hmac',
  ' mode transport',
  'crypto ipsec profile DMVPN-IPSEC',
  ' set transform-set DMVPN-TSET',
];

function hubSolved(total: number): string[] {
  const mask = total <= 253 ? '255.255.255.0' : '255.255.0.0';
  const wildcard = total <= 253 ? '0.0.0.255' : '0.0.255.255';
  const net = total <= 253 ? '10.1.1.0' : '10.1.0.0';
  return [
    ...SEED_CRYPTO,
    'interface Tunnel0',
    ` ip address 10.1.1.254 ${mask}`,
    ' no ip redirects',
    ' ip mtu 1400',
    ' ip nhrp authentication NHRPAUTH',
    ' ip nhrp map multicast dynamic',
    ' ip nhrp network-id 1',
    ' ip tcp adjust-mss 1360',
    ' no ip split-horizon eigrp 1',
    ' tunnel source Ethernet0/0',
    ' tunnel mode gre multipoint',
    ' tunnel key 1',
    ' tunnel protection ipsec profile DMVPN-IPSEC',
    ...loopbackLines(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']),
    'router eigrp 1',
    ` network ${net} ${wildcard}`,
    ' network 203.0.113.1 0.0.0.0',
    ' network 203.0.113.2 0.0.0.0',
    ' network 203.0.113.3 0.0.0.0',
    ' network 203.0.113.4 0.0.0.0',
  ];
}

function spokeSolved(i: number, total: number): string[] {
  const t = spokeTunnelAddress(i, total);
  const wildcard = total <= 253 ? '0.0.0.255' : '0.0.255.255';
  const net = total <= 253 ? '10.1.1.0' : '10.1.0.0';
  const loops = spokeLoopbacks(i);
  return [
    ...SEED_CRYPTO,
    'interface Tunnel0',
    ` ip address ${t.addr} ${t.mask}`,
    ' ip mtu 1400',
    ' ip nhrp authentication NHRPAUTH',
    ` ip nhrp map 10.1.1.254 ${HUB_WAN}`,
    ' ip nhrp network-id 1',
    ' ip nhrp nhs 10.1.1.254',
    ' ip tcp adjust-mss 1360',
    ' tunnel source Ethernet0/0',
    ` tunnel destination ${HUB_WAN}`,
    ' tunnel key 1',
    ' tunnel protection ipsec profile DMVPN-IPSEC',
    ...loopbackLines(loops),
    'router eigrp 1',
    ...loops.map((a) => ` network ${a} 0.0.0.0`),
    ` network ${net} ${wildcard}`,
  ];
}

function underlay(addr: string): string[] {
  return ['interface Ethernet0/0', ` ip address ${addr} 255.255.255.0`, ' no shutdown', `ip route 0.0.0.0 0.0.0.0 ${ispGatewayOf(addr)}`];
}

/** Port names for a router with `n` Ethernet ports: Ethernet0/0 … Ethernet0/3, Ethernet1/0 … */
export function ethernetPorts(n: number): string[] {
  const count = Math.max(4, Math.ceil(n / 4) * 4);
  return Array.from({ length: count }, (_, k) => `Ethernet${Math.floor(k / 4)}/${k % 4}`);
}

export function dmvpnPhase1(spokes = 2): LabDefinition {
  const total = Math.max(1, spokes);
  const routers: LabRouterDef[] = [];
  routers.push({
    name: 'Hub',
    ports: ethernetPorts(1),
    config: { blank: [], underlay: underlay(HUB_WAN), solved: [...underlay(HUB_WAN), ...hubSolved(total)] },
  });
  for (let i = 1; i <= total; i++) {
    const wan = spokeWanAddress(i);
    routers.push({
      name: `Spoke${i}`,
      ports: ethernetPorts(1),
      config: { blank: [], underlay: underlay(wan), solved: [...underlay(wan), ...spokeSolved(i, total)] },
    });
  }
  const wans = [HUB_WAN, ...Array.from({ length: total }, (_, k) => spokeWanAddress(k + 1))];
  const { isp, links } = internetFor(wans.map((wan, k) => ({ router: routers[k]!.name, port: 'Ethernet0/0', wan })), ethernetPorts(total + 1));
  routers.push(isp);
  return {
    name: 'dmvpn-phase1',
    description: 'DMVPN Phase 1: mGRE hub, point-to-point GRE spokes, NHRP registration, EIGRP over the tunnel (seed 000)',
    release: '15.1(4)M4',
    routers,
    links,
  };
}

/** Used by docs and tests: the address plan of a grown lab, one line per spoke. */
export function describeSpokeAddressing(i: number, total: number): string {
  const t = spokeTunnelAddress(i, total);
  return `Spoke${i}: Ethernet0/0 ${spokeWanAddress(i)}/24, Tunnel0 ${t.addr}, loopbacks ${spokeLoopbacks(i).join(', ')}`;
}

export { ipv4ToString };
