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

/** Map key of a prefix: network and length together (fits a double exactly). */
function routeKey(prefix: Ipv4, mask: Ipv4): number | undefined {
  const len = maskToPrefix(mask);
  return len === undefined ? undefined : networkOf(prefix, mask) * 64 + len;
}

/** Whether two candidates install the same thing (the age of a route does not count). */
function sameRoute(x: RibRoute | undefined, y: RibRoute | undefined): boolean {
  if (x === y) return true;
  if (!x || !y) return false;
  if (x.prefix !== y.prefix || x.mask !== y.mask || x.code !== y.code || x.distance !== y.distance || x.metric !== y.metric) return false;
  if (x.paths.length !== y.paths.length) return false;
  for (let k = 0; k < x.paths.length; k++) {
    if (x.paths[k]!.nextHop !== y.paths[k]!.nextHop || x.paths[k]!.iface !== y.paths[k]!.iface) return false;
  }
  return true;
}

/** One prefix an owner adds, replaces or (with no route) withdraws. */
export interface RibChange {
  prefix: Ipv4;
  mask: Ipv4;
  route?: RibRoute;
}

export class Rib {
  /** Candidate routes per owner, keyed by prefix. */
  private candidates = new Map<string, Map<number, RibRoute>>();
  /** Best route per prefix, indexed by prefix length then network. */
  private byLength: Array<Map<number, RibRoute>> = Array.from({ length: 33 }, () => new Map());
  private listeners: Array<() => void> = [];

  onChange(cb: () => void): void {
    this.listeners.push(cb);
  }

  /** Replace every candidate route of `owner` (e.g. 'connected', 'static', 'eigrp 1'). */
  setOwnerRoutes(owner: string, routes: RibRoute[]): void {
    const before = this.candidates.get(owner) ?? new Map<number, RibRoute>();
    const after = new Map<number, RibRoute>();
    for (const r of routes) {
      const k = routeKey(r.prefix, r.mask);
      if (k !== undefined) after.set(k, r);
    }
    this.candidates.set(owner, after);
    let same = before.size === after.size;
    if (same) for (const [k, r] of after) if (!sameRoute(before.get(k), r)) same = false;
    if (same) return;
    this.rebuild();
    this.notify();
  }

  /**
   * Apply some of `owner`'s prefixes only (a routing protocol's changes), re-electing just those
   * prefixes: a hub with thousands of routes must not rebuild its table for every update.
   */
  updateOwnerRoutes(owner: string, changes: RibChange[]): void {
    let mine = this.candidates.get(owner);
    if (!mine) this.candidates.set(owner, (mine = new Map()));
    let changed = false;
    for (const c of changes) {
      const k = routeKey(c.prefix, c.mask);
      if (k === undefined) continue;
      if (sameRoute(mine.get(k), c.route)) continue;
      if (c.route) mine.set(k, c.route);
      else mine.delete(k);
      changed = this.elect(k) || changed;
    }
    if (changed) this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  private static better(r: RibRoute, cur: RibRoute | undefined): boolean {
    return !cur || r.distance < cur.distance || (r.distance === cur.distance && r.metric < cur.metric);
  }

  /** Re-elect the best route of one prefix; returns whether the installed route changed. */
  private elect(k: number): boolean {
    const len = k % 64;
    const network = (k - len) / 64;
    let best: RibRoute | undefined;
    for (const routes of this.candidates.values()) {
      const r = routes.get(k);
      if (r && Rib.better(r, best)) best = r;
    }
    const table = this.byLength[len]!;
    const before = table.get(network);
    if (best) table.set(network, best);
    else table.delete(network);
    return before !== best;
  }

  private rebuild(): void {
    for (const m of this.byLength) m.clear();
    for (const routes of this.candidates.values()) {
      for (const [k, r] of routes) {
        const len = k % 64;
        const network = (k - len) / 64;
        if (Rib.better(r, this.byLength[len]!.get(network))) this.byLength[len]!.set(network, r);
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
    return [...(this.candidates.get(owner)?.values() ?? [])];
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
