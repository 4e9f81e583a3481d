/**
 * `show ip route [connected|static|eigrp|A.B.C.D]` and `show ip arp`, checked line by line against
 * the 15.1 / 12.2 layouts and parsed with the TextFSM templates.
 */
import { describe, expect, it } from 'vitest';
import type { Router } from '../../../src/router/router.js';
import { parseIpv4 } from '../../../src/wire/addr.js';
import { renderIpArp, renderIpRoute, renderRouteDetail } from '../../../src/ios/commands/show-ip.js';
import { parseWithTemplate } from '../../support/textfsm.js';
import { addRouter, addStatic, link, mask, newNet, setAddress, TestConsole, type Net } from './show-helpers.js';

const LEGEND_15 = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2',
  '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  '       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP',
  '       + - replicated route, % - next hop override',
];

/** Seed 000's Spoke1 after convergence: the hub's and Spoke2's loopbacks learned over the tunnel. */
function spoke(net: Net): Router {
  const r = addRouter(net, 'Spoke1');
  r.quietly(() => {
    setAddress(r, 'Ethernet0/0', '172.16.1.1', 24);
    setAddress(r, 'Loopback0', '209.165.201.1', 32);
    setAddress(r, 'Tunnel0', '10.1.1.1', 24);
    r.config.updateInterface('Tunnel0', (i) => {
      i.tunnel = { mode: 'gre-ip', source: 'Ethernet0/0', destination: parseIpv4('172.16.10.1')!, key: 1 };
    });
    addStatic(r, '0.0.0.0', 0, '172.16.1.254');
    r.config.model.eigrp.set(1, { as: 1, networks: [{ address: parseIpv4('10.1.1.0')!, wildcard: parseIpv4('0.0.0.255')! }], autoSummary: false, passiveInterfaces: [] });
  });
  return r;
}

function learnEigrp(net: Net, r: Router, ageMs: number): void {
  net.sched.runFor(ageMs);
  const since = net.sched.now() - ageMs;
  const via = parseIpv4('10.1.1.254')!;
  r.setProtocolRoutes(
    'eigrp 1',
    ['198.51.100.1', '203.0.113.1', '203.0.113.2'].map((a) => ({
      prefix: parseIpv4(a)!,
      mask: mask(32),
      nextHop: via,
      iface: 'Tunnel0',
      distance: 90,
      metric: a.startsWith('198') ? 28288000 : 27008000,
      code: 'D',
      since,
    })),
  );
}

describe('show ip route (15.1)', () => {
  it('groups by classful network with L routes, the default route and EIGRP ages', () => {
    const net = newNet();
    const r = spoke(net);
    learnEigrp(net, r, 39_000);
    expect(renderIpRoute(r)).toEqual([
      ...LEGEND_15,
      '',
      'Gateway of last resort is 172.16.1.254 to network 0.0.0.0',
      '',
      'S*    0.0.0.0/0 [1/0] via 172.16.1.254',
      '      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
      'C        10.1.1.0/24 is directly connected, Tunnel0',
      'L        10.1.1.1/32 is directly connected, Tunnel0',
      '      172.16.0.0/16 is variably subnetted, 2 subnets, 2 masks',
      'C        172.16.1.0/24 is directly connected, Ethernet0/0',
      'L        172.16.1.1/32 is directly connected, Ethernet0/0',
      '      198.51.100.0/32 is subnetted, 1 subnets',
      'D        198.51.100.1 [90/28288000] via 10.1.1.254, 00:00:39, Tunnel0',
      '      203.0.113.0/32 is subnetted, 2 subnets',
      'D        203.0.113.1 [90/27008000] via 10.1.1.254, 00:00:39, Tunnel0',
      'D        203.0.113.2 [90/27008000] via 10.1.1.254, 00:00:39, Tunnel0',
      '      209.165.201.0/32 is subnetted, 1 subnets',
      'C        209.165.201.1 is directly connected, Loopback0',
    ]);
  });

  it('filters keep the legend and headers that describe the whole major network', () => {
    const net = newNet();
    const r = spoke(net);
    learnEigrp(net, r, 5_000);
    expect(renderIpRoute(r, 'eigrp').slice(8)).toEqual([
      '',
      'Gateway of last resort is 172.16.1.254 to network 0.0.0.0',
      '',
      '      198.51.100.0/32 is subnetted, 1 subnets',
      'D        198.51.100.1 [90/28288000] via 10.1.1.254, 00:00:05, Tunnel0',
      '      203.0.113.0/32 is subnetted, 2 subnets',
      'D        203.0.113.1 [90/27008000] via 10.1.1.254, 00:00:05, Tunnel0',
      'D        203.0.113.2 [90/27008000] via 10.1.1.254, 00:00:05, Tunnel0',
    ]);
    expect(renderIpRoute(r, 'static').slice(11)).toEqual(['S*    0.0.0.0/0 [1/0] via 172.16.1.254']);
    expect(renderIpRoute(r, 'connected').slice(11)).toEqual([
      '      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
      'C        10.1.1.0/24 is directly connected, Tunnel0',
      'L        10.1.1.1/32 is directly connected, Tunnel0',
      '      172.16.0.0/16 is variably subnetted, 2 subnets, 2 masks',
      'C        172.16.1.0/24 is directly connected, Ethernet0/0',
      'L        172.16.1.1/32 is directly connected, Ethernet0/0',
      '      209.165.201.0/32 is subnetted, 1 subnets',
      'C        209.165.201.1 is directly connected, Loopback0',
    ]);
  });

  it('parses with the TextFSM template', () => {
    const net = newNet();
    const r = spoke(net);
    learnEigrp(net, r, 39_000);
    const rows = parseWithTemplate('show_ip_route', renderIpRoute(r).join('\n'));
    const pick = (x: Record<string, string | string[]>) => [x.PROTOCOL, x.TYPE, x.NETWORK, x.PREFIX_LENGTH, x.DISTANCE, x.METRIC, x.NEXTHOP_IP, x.NEXTHOP_IF, x.UPTIME];
    expect(rows.map(pick)).toEqual([
      ['S', '', '0.0.0.0', '0', '1', '0', '172.16.1.254', '', ''],
      ['C', '', '10.1.1.0', '24', '', '', '', 'Tunnel0', ''],
      ['L', '', '10.1.1.1', '32', '', '', '', 'Tunnel0', ''],
      ['C', '', '172.16.1.0', '24', '', '', '', 'Ethernet0/0', ''],
      ['L', '', '172.16.1.1', '32', '', '', '', 'Ethernet0/0', ''],
      ['D', '', '198.51.100.1', '32', '90', '28288000', '10.1.1.254', 'Tunnel0', '00:00:39'],
      ['D', '', '203.0.113.1', '32', '90', '27008000', '10.1.1.254', 'Tunnel0', '00:00:39'],
      ['D', '', '203.0.113.2', '32', '90', '27008000', '10.1.1.254', 'Tunnel0', '00:00:39'],
      ['C', '', '209.165.201.1', '32', '', '', '', 'Loopback0', ''],
    ]);
    expect(rows[0]!.FLAG).toBe('*');
  });

  it('show ip route A.B.C.D prints the routing entry', () => {
    const net = newNet();
    const r = spoke(net);
    learnEigrp(net, r, 39_000);
    expect(renderRouteDetail(r, parseIpv4('198.51.100.1')!)).toEqual([
      'Routing entry for 198.51.100.1/32',
      '  Known via "eigrp 1", distance 90, metric 28288000, type internal',
      '  Redistributing via eigrp 1',
      '  Last update from 10.1.1.254 on Tunnel0, 00:00:39 ago',
      '  Routing Descriptor Blocks:',
      '  * 10.1.1.254, from 10.1.1.254, 00:00:39 ago, via Tunnel0',
      '      Route metric is 28288000, traffic share count is 1',
    ]);
    expect(renderRouteDetail(r, parseIpv4('10.1.1.7')!)).toEqual([
      'Routing entry for 10.1.1.0/24',
      '  Known via "connected", distance 0, metric 0 (connected, via interface)',
      '  Redistributing via eigrp 1',
      '  Routing Descriptor Blocks:',
      '  * directly connected, via Tunnel0',
      '      Route metric is 0, traffic share count is 1',
    ]);
    expect(renderRouteDetail(r, 0)).toEqual([
      'Routing entry for 0.0.0.0/0, supernet',
      '  Known via "static", distance 1, metric 0, candidate default path',
      '  Routing Descriptor Blocks:',
      '  * 172.16.1.254',
      '      Route metric is 0, traffic share count is 1',
    ]);
    expect(renderRouteDetail(r, parseIpv4('8.8.8.8')!)).toEqual(['% Network not in table']);
  });

  it('the commands are reachable by their IOS abbreviations', () => {
    const r = spoke(newNet());
    const con = new TestConsole(r, 'user-exec');
    expect(con.type('sh ip ro stat')).toBe('ok');
    expect(con.take().at(-1)).toBe('S*    0.0.0.0/0 [1/0] via 172.16.1.254');
    expect(con.type('show ip route 8.8.8.8')).toBe('ok');
    expect(con.take()).toEqual(['% Network not in table']);
  });
});

describe('show ip route (12.2)', () => {
  it('uses the 12.2 legend, no local routes, narrower columns and an interface static route', () => {
    const net = newNet();
    const r = addRouter(net, 'Spoke1', '12.2(24a)', ['Ethernet0', 'Ethernet1']);
    r.quietly(() => {
      setAddress(r, 'Ethernet0', '172.16.1.1', 24);
      setAddress(r, 'Ethernet1', '10.1.2.1', 24);
      addStatic(r, '10.1.0.0', 16, undefined, 'Ethernet1');
      addStatic(r, '0.0.0.0', 0, '172.16.1.254');
    });
    expect(renderIpRoute(r)).toEqual([
      'Codes: C - connected, S - static, I - IGRP, R - RIP, M - mobile, B - BGP',
      '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
      '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
      '       E1 - OSPF external type 1, E2 - OSPF external type 2, E - EGP',
      '       i - IS-IS, L1 - IS-IS level-1, L2 - IS-IS level-2, ia - IS-IS inter area',
      '       * - candidate default, U - per-user static route, o - ODR',
      '       P - periodic downloaded static route',
      '',
      'Gateway of last resort is 172.16.1.254 to network 0.0.0.0',
      '',
      '     10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
      'S       10.1.0.0/16 is directly connected, Ethernet1',
      'C       10.1.2.0/24 is directly connected, Ethernet1',
      '     172.16.0.0/24 is subnetted, 1 subnets',
      'C       172.16.1.0 is directly connected, Ethernet0',
      'S*   0.0.0.0/0 [1/0] via 172.16.1.254',
    ]);
    expect(renderIpRoute(r, 'static')).toEqual([
      '     10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
      'S       10.1.0.0/16 is directly connected, Ethernet1',
      'S*   0.0.0.0/0 [1/0] via 172.16.1.254',
    ]);
    expect(parseWithTemplate('show_ip_route', renderIpRoute(r).join('\n')).map((x) => x.NETWORK)).toEqual(['10.1.0.0', '10.1.2.0', '172.16.1.0', '0.0.0.0']);
  });
});

describe('show ip arp', () => {
  it('lists own addresses with age - and learned ones in minutes, sorted by address', () => {
    const net = newNet();
    const r = addRouter(net, 'R1');
    const isp = addRouter(net, 'ISP');
    link(net, 'lan', [r, 'Ethernet0/0'], [isp, 'Ethernet0/0']);
    r.quietly(() => setAddress(r, 'Ethernet0/0', '172.16.1.1', 24));
    isp.quietly(() => setAddress(isp, 'Ethernet0/0', '172.16.1.254', 24));
    const con = new TestConsole(r);
    con.type('ping 172.16.1.254');
    net.sched.runFor(3 * 60_000);
    const lines = renderIpArp(r);
    expect(lines).toEqual([
      'Protocol  Address          Age (min)  Hardware Addr   Type   Interface',
      'Internet  172.16.1.1              -   aabb.cc00.0100  ARPA   Ethernet0/0',
      'Internet  172.16.1.254            2   aabb.cc00.0200  ARPA   Ethernet0/0',
    ]);
    const rows = parseWithTemplate('show_ip_arp', lines.join('\n'));
    expect(rows.map((x) => [x.IP_ADDRESS, x.AGE, x.MAC_ADDRESS, x.INTERFACE])).toEqual([
      ['172.16.1.1', '-', 'aabb.cc00.0100', 'Ethernet0/0'],
      ['172.16.1.254', '2', 'aabb.cc00.0200', 'Ethernet0/0'],
    ]);
    con.take();
    con.type('clear ip arp');
    expect(renderIpArp(r)).toHaveLength(2);
  });
});
