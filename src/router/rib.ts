/**
 * The routing table: candidate routes from each owner (connected, static, each EIGRP process), the best
 * per prefix by administrative distance, and longest-match lookup with recursive next-hop resolution.
 */
import { type Ipv4, networkOf, maskToPrefix } from '../wire/addr.js';

export interface RibPath {
  nextHop?: Ipv4;
  iface?: string;
}

export interface RibRoute {
  prefix: Ipv4;
  mask: Ipv4;
  /** `show ip route` code: C, L, S, D, D EX. */
  code: string;
  distance: number;
  metric: number;
  paths: RibPath[];
  owner: string;
  since: number;
}

export interface Resolved {
  iface: string;
  nextHop: Ipv4;
  route: RibRoute;
}

const MAX_RECURSION = 4;

/** Whether two candidate lists install the same thing (the age of a route does not count). */
function sameRoutes(a: RibRoute[], b: RibRoute[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.prefix !== y.prefix || x.mask !== y.mask || x.code !== y.code || x.distance !== y.distance || x.metric !== y.metric) return false;
    if (x.paths.length !== y.paths.length) return false;
    for (let k = 0; k < x.paths.length; k++) {
      if (x.paths[k]!.nextHop !== y.paths[k]!.nextHop || x.paths[k]!.iface !== y.paths[k]!.iface) return false;
    }
  }
  return true;
}

export class Rib {
  private candidates = new Map<string, RibRoute[]>();
  /** Best route per prefix, indexed by prefix length then network. */
  private byLength: Array<Map<number, RibRoute>> = Array.from({ length: 33 }, () => new Map());
  private listeners: Array<() => void> = [];

  onChange(cb: () => void): void {
    this.listeners.push(cb);
  }

  /** Replace every candidate route of `owner` (e.g. 'connected', 'static', 'eigrp 1'). */
  setOwnerRoutes(owner: string, routes: RibRoute[]): void {
    const before = this.candidates.get(owner) ?? [];
    this.candidates.set(owner, routes);
    if (sameRoutes(before, routes)) return;
    this.rebuild();
    for (const l of this.listeners) l();
  }

  private rebuild(): void {
    for (const m of this.byLength) m.clear();
    for (const routes of this.candidates.values()) {
      for (const r of routes) {
        const len = maskToPrefix(r.mask);
        if (len === undefined) continue;
        const key = networkOf(r.prefix, r.mask);
        const cur = this.byLength[len]!.get(key);
        if (!cur || r.distance < cur.distance || (r.distance === cur.distance && r.metric < cur.metric)) {
          this.byLength[len]!.set(key, r);
        }
      }
    }
  }

  /** All installed (best) routes, sorted by prefix then length, as `show ip route` lists them. */
  routes(): RibRoute[] {
    const out: RibRoute[] = [];
    for (const m of this.byLength) for (const r of m.values()) out.push(r);
    return out.sort((a, b) => a.prefix - b.prefix || a.mask - b.mask);
  }

  /** Candidates of one owner (installed or not). */
  ownerRoutes(owner: string): readonly RibRoute[] {
    return this.candidates.get(owner) ?? [];
  }

  /** Longest-match route for `dst`, without resolving its next hop. */
  match(dst: Ipv4, exclude?: (r: RibRoute) => boolean): RibRoute | undefined {
    for (let len = 32; len >= 0; len--) {
      const m = this.byLength[len]!;
      if (m.size === 0) continue;
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      const r = m.get((dst & mask) >>> 0);
      if (r && !(exclude && exclude(r))) return r;
    }
    return undefined;
  }

  /** Route `dst` to an outgoing interface and next hop, resolving recursive next hops. */
  resolve(dst: Ipv4, depth = 0): Resolved | undefined {
    const route = this.match(dst);
    if (!route || depth > MAX_RECURSION) return undefined;
    const path = route.paths[0];
    if (!path) return undefined;
    if (path.iface) return { iface: path.iface, nextHop: path.nextHop ?? dst, route };
    if (path.nextHop === undefined) return undefined;
    const via = this.resolve(path.nextHop, depth + 1);
    if (!via) return undefined;
    return { iface: via.iface, nextHop: via.route.code === 'C' || via.route.code === 'L' ? path.nextHop : via.nextHop, route };
  }
}
