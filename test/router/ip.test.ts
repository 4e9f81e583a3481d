/**
 * The router core on its own: ARP, forwarding through a middle router, ICMP echo, unreachables with
 * the IOS rate limit, fragmentation and reassembly, interface state syslog, GRE tunnels and key matching.
 */
import { describe, expect, it } from 'vitest';
import { addStatic, ip, makeNet, pingSync, setAddress } from '../support/routers.js';
import { ipv4ToString } from '../../src/wire/addr.js';

function threeRouters() {
  const net = makeNet(['A', 'ISP', 'B']);
  net.link('a-isp', ['A', 'Ethernet0/0'], ['ISP', 'Ethernet0/0']);
  net.link('b-isp', ['B', 'Ethernet0/0'], ['ISP', 'Ethernet0/1']);
  const [a, isp, b] = ['A', 'ISP', 'B'].map((n) => net.router(n)) as [ReturnType<typeof net.router>, ReturnType<typeof net.router>, ReturnType<typeof net.router>];
  a.quietly(() => {
    setAddress(a, 'Ethernet0/0', '172.16.1.1', '255.255.255.0');
    addStatic(a, '0.0.0.0', '0.0.0.0', '172.16.1.254');
  });
  isp.quietly(() => {
    setAddress(isp, 'Ethernet0/0', '172.16.1.254', '255.255.255.0');
    setAddress(isp, 'Ethernet0/1', '172.16.10.254', '255.255.255.0');
  });
  b.quietly(() => {
    setAddress(b, 'Ethernet0/0', '172.16.10.1', '255.255.255.0');
    addStatic(b, '0.0.0.0', '0.0.0.0', '172.16.10.254');
  });
  return { net, a, isp, b };
}

describe('router core', () => {
  it('loses one echo per cold ARP cache on the path, then answers every echo', () => {
    const { net } = threeRouters();
    // A must ARP for the ISP (echo 1 dropped), then the ISP for B (echo 2 dropped), as IOS drops
    // the packet that triggers resolution.
    const first = pingSync(net, 'A', '172.16.10.1');
    expect(first.chars).toBe('..!!!');
    expect(first.stats.received).toBe(3);
    const second = pingSync(net, 'A', '172.16.10.1');
    expect(second.chars).toBe('!!!!!');
    for (const rtt of second.stats.rtts) expect(rtt).toBeGreaterThan(0);
  });

  it('loses only the first echo when the far hop already knows its neighbour', () => {
    const { net } = threeRouters();
    pingSync(net, 'B', '172.16.10.254', { count: 2 });
    expect(pingSync(net, 'A', '172.16.10.1').chars).toBe('.!!!!');
  });

  it('learns ARP entries and installs connected, local and static routes', () => {
    const { net, a } = threeRouters();
    pingSync(net, 'A', '172.16.10.1', { count: 2 });
    expect(a.arp.all().map((e) => ipv4ToString(e.ip))).toContain('172.16.1.254');
    const codes = a.rib.routes().map((r) => `${r.code} ${ipv4ToString(r.prefix)}`);
    expect(codes).toEqual(['S* 0.0.0.0', 'C 172.16.1.0', 'L 172.16.1.1']);
  });

  it('reports unreachables rate-limited as IOS does (U.U.U)', () => {
    const { net } = threeRouters();
    pingSync(net, 'A', '172.16.1.254', { count: 1 }); // resolve ARP first
    const r = pingSync(net, 'A', '10.99.0.1');
    expect(r.chars).toBe('U.U.U');
  });

  it('fragments a large datagram and the far end reassembles and answers it', () => {
    const { net } = threeRouters();
    pingSync(net, 'A', '172.16.10.1', { count: 3 });
    const r = pingSync(net, 'A', '172.16.10.1', { size: 3000, count: 2 });
    expect(r.chars).toBe('!!');
  });

  it('logs interface state changes with IOS syslog lines', () => {
    const { net, a } = threeRouters();
    const lines: string[] = [];
    a.log.onLine((t) => lines.push(t));
    a.config.updateInterface('Ethernet0/0', (i) => (i.shutdown = true));
    net.sched.runFor(10);
    a.config.updateInterface('Ethernet0/0', (i) => (i.shutdown = false));
    net.sched.runFor(2000);
    expect(lines.map((l) => l.replace(/^\*Mar  1 [\d:.]+: /, ''))).toEqual([
      '%LINK-5-CHANGED: Interface Ethernet0/0, changed state to administratively down',
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet0/0, changed state to down',
      '%LINK-3-UPDOWN: Interface Ethernet0/0, changed state to up',
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet0/0, changed state to up',
    ]);
    expect(lines[0]).toMatch(/^\*Mar  1 00:00:00\.\d{3}: /);
  });

  it('carries traffic over a point-to-point GRE tunnel, and drops it when the tunnel keys differ', () => {
    const { net, a, b } = threeRouters();
    const tunnel = (r: typeof a, addr: string, dst: string, key: number) => {
      r.ensureInterface('Tunnel0');
      r.config.updateInterface('Tunnel0', (i) => {
        i.ip = { address: ip(addr), mask: ip('255.255.255.0') };
        i.tunnel = { mode: 'gre-ip', source: 'Ethernet0/0', destination: ip(dst), key };
      });
    };
    a.quietly(() => tunnel(a, '10.1.1.1', '172.16.10.1', 1));
    b.quietly(() => tunnel(b, '10.1.1.254', '172.16.1.1', 1));
    expect(a.iface('Tunnel0')!.lineUp).toBe(true);
    expect(a.iface('Tunnel0')!.mtu).toBe(17912);
    pingSync(net, 'A', '172.16.10.1', { count: 1 });
    pingSync(net, 'B', '172.16.1.1', { count: 1 });
    expect(pingSync(net, 'A', '10.1.1.254').chars).toBe('!!!!!');
    b.quietly(() => b.config.updateInterface('Tunnel0', (i) => (i.tunnel!.key = 2)));
    expect(pingSync(net, 'A', '10.1.1.254').chars).toBe('.....');
  });

  it('keeps a point-to-point tunnel down while its destination is unroutable', () => {
    const { a } = threeRouters();
    a.quietly(() => {
      a.ensureInterface('Tunnel0');
      a.config.updateInterface('Tunnel0', (i) => {
        i.tunnel = { mode: 'gre-ip', source: 'Ethernet0/0' };
      });
    });
    expect(a.iface('Tunnel0')!.lineUp).toBe(false);
    a.quietly(() => a.config.updateInterface('Tunnel0', (i) => (i.tunnel!.destination = ip('172.16.10.1'))));
    expect(a.iface('Tunnel0')!.lineUp).toBe(true);
  });
});
