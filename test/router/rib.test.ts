/**
 * The routing table's election and lookup, and the prefix index it is built on: what `show ip route`
 * lists and where packets go must not change with how the table is stored.
 */
import { describe, expect, it } from 'vitest';
import { Rib, type RibRoute } from '../../src/router/rib.js';
import { PrefixIndex } from '../../src/util/prefix-index.js';
import { ipv4ToString, maskToPrefix, parseIpv4, prefixToMask } from '../../src/wire/addr.js';

function route(owner: string, code: string, distance: number, prefix: string, len: number, nextHop?: string, metric = 0): RibRoute {
  return {
    prefix: parseIpv4(prefix)!,
    mask: prefixToMask(len),
    code,
    distance,
    metric,
    // Static routes name only a next hop (resolved recursively); a protocol's route names its interface.
    paths: [nextHop ? { nextHop: parseIpv4(nextHop)!, iface: owner === 'static' ? undefined : 'Tunnel0' } : { iface: 'Ethernet0/0' }],
    owner,
    since: 0,
  };
}

const listed = (rib: Rib) => rib.routes().map((r) => `${r.code} ${ipv4ToString(r.prefix)}/${maskToPrefix(r.mask)}`);

describe('routing table', () => {
  it('installs the lower administrative distance and falls back when it is withdrawn', () => {
    const rib = new Rib();
    let changes = 0;
    rib.onChange(() => changes++);
    rib.updateOwnerRoutes('eigrp 1', [{ prefix: parseIpv4('198.51.100.1')!, mask: 0xffffffff, route: route('eigrp 1', 'D', 90, '198.51.100.1', 32, '10.1.1.254', 27008000) }]);
    rib.setOwnerRoutes('static', [route('static', 'S', 1, '198.51.100.1', 32, '10.1.1.2')]);
    expect(rib.routes().map((r) => `${r.code} ${r.distance}`)).toEqual(['S 1']);
    expect(changes).toBe(2);
    // A better EIGRP metric is not news while the static route is installed.
    rib.updateOwnerRoutes('eigrp 1', [{ prefix: parseIpv4('198.51.100.1')!, mask: 0xffffffff, route: route('eigrp 1', 'D', 90, '198.51.100.1', 32, '10.1.1.254', 26000000) }]);
    expect(changes).toBe(2);
    rib.setOwnerRoutes('static', []);
    expect(rib.routes().map((r) => `${r.code} ${r.metric}`)).toEqual(['D 26000000']);
    expect(rib.ownerRoutes('static')).toEqual([]);
    expect(changes).toBe(3);
  });

  it('matches the longest prefix and resolves a recursive next hop to its interface', () => {
    const rib = new Rib();
    rib.setOwnerRoutes('connected', [route('connected', 'C', 0, '172.16.1.0', 24)]);
    rib.setOwnerRoutes('static', [route('static', 'S*', 1, '0.0.0.0', 0, '172.16.1.254'), route('static', 'S', 1, '10.1.0.0', 16, '172.16.1.9')]);
    rib.updateOwnerRoutes('eigrp 1', [{ prefix: parseIpv4('10.1.1.0')!, mask: prefixToMask(24), route: route('eigrp 1', 'D', 90, '10.1.1.0', 24, '172.16.1.7', 100) }]);
    expect(rib.match(parseIpv4('10.1.1.5')!)?.code).toBe('D');
    expect(rib.match(parseIpv4('10.1.2.5')!)?.code).toBe('S');
    expect(rib.match(parseIpv4('8.8.8.8')!)?.code).toBe('S*');
    const r = rib.resolve(parseIpv4('8.8.8.8')!);
    expect(r && `${r.iface} ${ipv4ToString(r.nextHop)}`).toBe('Ethernet0/0 172.16.1.254');
    expect(listed(rib)).toEqual(['S* 0.0.0.0/0', 'S 10.1.0.0/16', 'D 10.1.1.0/24', 'C 172.16.1.0/24']);
    // Withdrawing the /24 exposes the /16 again.
    rib.updateOwnerRoutes('eigrp 1', [{ prefix: parseIpv4('10.1.1.0')!, mask: prefixToMask(24) }]);
    expect(rib.match(parseIpv4('10.1.1.5')!)?.code).toBe('S');
  });
});

describe('prefix index', () => {
  it('keeps thousands of prefixes, high addresses included, through removals and reuse', () => {
    const index = new PrefixIndex();
    const ids = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const net = (0xc6336400 + i * 4) >>> 0; // 198.51.100.0 upwards: above 2^31
      ids.set(`${net}/30`, index.add(net, 30));
    }
    expect(index.size).toBe(5000);
    for (let i = 0; i < 5000; i += 2) index.remove(ids.get(`${(0xc6336400 + i * 4) >>> 0}/30`)!);
    expect(index.size).toBe(2500);
    for (let i = 0; i < 5000; i++) {
      const net = (0xc6336400 + i * 4) >>> 0;
      const id = index.get(net, 30);
      if (i % 2 === 0) expect(id).toBe(-1);
      else expect([index.network(id), index.length(id)]).toEqual([net, 30]);
    }
    // The same network with another length is another prefix; freed ids are handed out again.
    const other = index.add(0xc6336400, 24);
    expect(other).toBeLessThan(5000);
    expect(index.get(0xc6336400, 24)).toBe(other);
    expect(index.perLength[30]).toBe(2500);
    expect(index.perLength[24]).toBe(1);
  });
});
