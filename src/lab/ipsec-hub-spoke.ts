/**
 * The `ipsec-hub-spoke` lab: seed 001's classic crypto maps (IOS 12.2). Spoke-to-spoke traffic is
 * encrypted to the hub, decrypted there and encrypted again toward the other spoke. Addressing as
 * DESIGN.md gives it: Hub E0 10.1.1.1/24, E1 10.1.4.1/24; Spoke1 E0 172.16.1.1/24, E1 10.1.2.1/24;
 * Spoke2 E0 192.168.1.1/24, E1 10.1.3.1/24; Spoke3 E0 172.16.2.1/24, E1 10.1.5.1/24; the ISP at .254 of
 * every E1 subnet. The static routes are the seed's interface routes out of Ethernet1 (the ISP answers
 * by proxy ARP). Spoke3 has only its underlay even when solved: the seed adds it by hand.
 */
import { type LabDefinition, type LabRouterDef, internetFor } from './definition.js';

const PORTS = ['Ethernet0', 'Ethernet1'];

interface Site {
  name: string;
  lan: string;
  wan: string;
  routes: string[];
}

const SITES: Site[] = [
  { name: 'Hub', lan: '10.1.1.1', wan: '10.1.4.1', routes: ['172.16.1.0 255.255.255.0', '192.168.1.0 255.255.255.0', '10.1.0.0 255.255.0.0', '172.16.2.0 255.255.255.0'] },
  { name: 'Spoke1', lan: '172.16.1.1', wan: '10.1.2.1', routes: ['192.168.1.0 255.255.255.0', '10.1.0.0 255.255.0.0'] },
  { name: 'Spoke2', lan: '192.168.1.1', wan: '10.1.3.1', routes: ['172.16.0.0 255.255.0.0', '10.1.0.0 255.255.0.0'] },
  { name: 'Spoke3', lan: '172.16.2.1', wan: '10.1.5.1', routes: ['172.16.0.0 255.255.0.0', '10.1.0.0 255.255.0.0'] },
];

function underlay(s: Site): string[] {
  return [
    'interface Ethernet0',
    ` ip address ${s.lan} 255.255.255.0`,
    ' no shutdown',
    'interface Ethernet1',
    ` ip address ${s.wan} 255.255.255.0`,
    ' no shutdown',
    ...s.routes.map((r) => `ip route ${r} Ethernet1`),
  ];
}

/** Seed 001's IKE and IPsec policy, the same on every router. */
const POLICY = ['crypto isakmp policy 10', ' hash md5', ' authentication pre-share', 'crypto ipsec transform-set myset esp-des esp-md5-hmac'];

function mapEntry(seq: number, peer: string, acl: number): string[] {
  return [`crypto map mymap ${seq} ipsec-isakmp`, ` set peer ${peer}`, ' set transform-set myset', ` match address ${acl}`];
}

const SOLVED: Record<string, string[]> = {
  Hub: [
    ...POLICY,
    'crypto isakmp key cisco123 address 10.1.2.1',
    'crypto isakmp key cisco123 address 10.1.3.1',
    ...mapEntry(10, '10.1.2.1', 110),
    ...mapEntry(20, '10.1.3.1', 120),
    'access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
    'access-list 110 permit ip 192.168.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
    'access-list 120 permit ip 10.1.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
    'access-list 120 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
    'interface Ethernet1',
    ' crypto map mymap',
  ],
  Spoke1: [
    ...POLICY,
    'crypto isakmp key cisco123 address 10.1.4.1',
    ...mapEntry(10, '10.1.4.1', 110),
    'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
    'access-list 110 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
    'interface Ethernet1',
    ' crypto map mymap',
  ],
  Spoke2: [
    ...POLICY,
    'crypto isakmp key cisco123 address 10.1.4.1',
    ...mapEntry(10, '10.1.4.1', 120),
    'access-list 120 permit ip 192.168.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
    'access-list 120 permit ip 192.168.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
    'interface Ethernet1',
    ' crypto map mymap',
  ],
  Spoke3: [],
};

export function ipsecHubSpoke(): LabDefinition {
  const routers: LabRouterDef[] = SITES.map((s) => ({
    name: s.name,
    ports: PORTS,
    config: { blank: [], underlay: underlay(s), solved: [...underlay(s), ...SOLVED[s.name]!] },
  }));
  const { isp, links } = internetFor(SITES.map((s) => ({ router: s.name, port: 'Ethernet1', wan: s.wan })), SITES.map((_, k) => `Ethernet${k}`));
  routers.push(isp);
  return {
    name: 'ipsec-hub-spoke',
    description: 'IPsec hub and spokes with crypto maps; spoke-to-spoke traffic re-encrypted at the hub (seed 001)',
    release: '12.2(24a)',
    routers,
    links,
  };
}
