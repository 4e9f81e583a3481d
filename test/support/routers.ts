/**
 * Build routers and segments directly (no lab, no CLI) for router- and protocol-level tests.
 */
import { Scheduler } from '../../src/sim/scheduler.js';
import { Rng } from '../../src/sim/rng.js';
import { Segment } from '../../src/sim/segment.js';
import { Router } from '../../src/router/router.js';
import { platformFor } from '../../src/router/platform.js';
import { parseIpv4 } from '../../src/wire/addr.js';

export interface Net {
  sched: Scheduler;
  rng: Rng;
  routers: Map<string, Router>;
  router(name: string): Router;
  link(name: string, a: [string, string], b: [string, string]): Segment;
}

export function makeNet(names: string[], seed = 1, release = '15.1(4)M4'): Net {
  const sched = new Scheduler();
  const rng = new Rng(seed);
  const routers = new Map<string, Router>();
  names.forEach((name, i) => {
    routers.set(
      name,
      new Router({
        id: name,
        hostname: name,
        sched,
        rng,
        platform: platformFor(release),
        ports: ['Ethernet0/0', 'Ethernet0/1', 'Ethernet0/2', 'Ethernet0/3'].map((p, k) => ({ name: p, mac: new Uint8Array([0xaa, 0xbb, 0xcc, 0, i + 1, k]) })),
      }),
    );
  });
  return {
    sched,
    rng,
    routers,
    router: (n) => routers.get(n)!,
    link(name, a, b) {
      const seg = new Segment(name, sched, rng.stream(`link/${name}`));
      routers.get(a[0])!.attachSegment(a[1], seg, `${a[0]} ${a[1]}`);
      routers.get(b[0])!.attachSegment(b[1], seg, `${b[0]} ${b[1]}`);
      return seg;
    },
  };
}

export function ip(text: string): number {
  const v = parseIpv4(text);
  if (v === undefined) throw new Error(`bad address ${text}`);
  return v;
}

/** Configure an interface address (and no shutdown) straight in the model. */
export function setAddress(r: Router, iface: string, addr: string, mask: string): void {
  r.ensureInterface(iface);
  r.config.updateInterface(iface, (i) => {
    i.ip = { address: ip(addr), mask: ip(mask) };
    i.shutdown = false;
  });
}

export function addStatic(r: Router, prefix: string, mask: string, nextHop: string): void {
  r.config.update({ kind: 'static-routes' }, (m) => m.staticRoutes.push({ prefix: ip(prefix), mask: ip(mask), nextHop: ip(nextHop), distance: 1 }));
}

/** Ping and collect the result characters and stats once the run finishes (virtual time moves on). */
export function pingSync(net: Net, from: string, dst: string, opts: Partial<{ src: string; count: number; size: number; df: boolean }> = {}) {
  let chars = '';
  let stats: { sent: number; received: number; rtts: number[] } | undefined;
  net.router(from).ping(
    { dst: ip(dst), src: opts.src ? ip(opts.src) : undefined, count: opts.count ?? 5, size: opts.size ?? 100, timeoutMs: 2000, df: opts.df ?? false, tos: 0, pattern: 0xabcd },
    (c) => (chars += c),
    (s) => (stats = s),
  );
  net.sched.runUntil(() => stats !== undefined, 60_000);
  return { chars, stats: stats! };
}
