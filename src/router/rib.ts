/**
 * The routing table: candidate routes from each owner (connected, static, each EIGRP process), the best
 * per prefix by administrative distance, and longest-match lookup with recursive next-hop resolution.
 *
 * Each owner's candidates live in an `OwnerTable` (typed-array columns on a prefix index) rather than
 * an object per route: a spoke of a 500-spoke lab holds 2,000 EIGRP routes. The best route of a prefix
 * is elected when asked, across the few owners; `RibRoute` objects are built for callers on demand.
 */
import { type Ipv4, networkOf, maskToPrefix, prefixToMask } from '../wire/addr.js';
import { PrefixIndex, growColumn } from '../util/prefix-index.js';

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

/** One prefix an owner adds, replaces or (with no route) withdraws. */
export interface RibChange {
  prefix: Ipv4;
  mask: Ipv4;
  route?: RibRoute;
}

const MAX_RECURSION = 4;

function samePaths(a: RibPath[], b: RibPath[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.nextHop !== b[k]!.nextHop || a[k]!.iface !== b[k]!.iface) return false;
  return true;
}

/** Code and paths of a route: few distinct values per owner (one per neighbour), so they are shared. */
interface RouteAttrs {
  code: string;
  paths: RibPath[];
}

/** One owner's candidate routes, a row per prefix. */
class OwnerTable {
  readonly index = new PrefixIndex();
  private distance = new Uint8Array(8);
  private metric = new Float64Array(8);
  private since = new Float64Array(8);
  private attrId = new Uint16Array(8);
  private attrs: RouteAttrs[] = [];
  /** Interned attrs by their value (`code nextHop/iface …`). */
  private attrIds = new Map<string, number>();
  private lastAttr = 0;

  constructor(readonly owner: string) {}

  /** Store `r` under its prefix; returns the row. */
  put(net: Ipv4, len: number, r: RibRoute): number {
    const id = this.index.add(net, len);
    const cap = this.index.capacity;
    if (this.distance.length < cap) {
      this.distance = growColumn(this.distance, cap);
      this.metric = growColumn(this.metric, cap);
      this.since = growColumn(this.since, cap);
      this.attrId = growColumn(this.attrId, cap);
    }
    this.distance[id] = r.distance;
    this.metric[id] = r.metric;
    this.since[id] = r.since;
    this.attrId[id] = this.intern(r.code, r.paths);
    return id;
  }

  private intern(code: string, paths: RibPath[]): number {
    const last = this.attrs[this.lastAttr];
    if (last && last.code === code && samePaths(last.paths, paths)) return this.lastAttr;
    const key = `${code} ${paths.map((p) => `${p.nextHop ?? ''}/${p.iface ?? ''}`).join(' ')}`;
    let at = this.attrIds.get(key);
    if (at === undefined) {
      // Owners that re-send their routes (connected, static) clear first, so this stays small; a
      // table that somehow gathers this many shapes starts a fresh list rather than overflowing ids.
      if (this.attrs.length >= 0xffff) this.compactAttrs();
      at = this.attrs.push({ code, paths }) - 1;
      this.attrIds.set(key, at);
    }
    this.lastAttr = at;
    return at;
  }

  private compactAttrs(): void {
    const ids = this.index.ids();
    const used = [...new Set(ids.map((id) => this.attrId[id]!))];
    const renumber = new Map(used.map((old, n) => [old, n]));
    for (const id of ids) this.attrId[id] = renumber.get(this.attrId[id]!)!;
    this.attrs = used.map((old) => this.attrs[old]!);
    this.attrIds = new Map([...this.attrIds].filter(([, n]) => renumber.has(n)).map(([k, n]) => [k, renumber.get(n)!]));
    this.lastAttr = 0;
  }

  distanceOf(id: number): number {
    return this.distance[id]!;
  }

  metricOf(id: number): number {
    return this.metric[id]!;
  }

  /** Whether row `id` holds what `r` would store (the age of a route does not count). */
  same(id: number, r: RibRoute): boolean {
    const a = this.attrs[this.attrId[id]!]!;
    return this.distance[id] === r.distance && this.metric[id] === r.metric && a.code === r.code && samePaths(a.paths, r.paths);
  }

  route(id: number): RibRoute {
    const a = this.attrs[this.attrId[id]!]!;
    const len = this.index.length(id);
    return { prefix: this.index.network(id), mask: prefixToMask(len), code: a.code, distance: this.distance[id]!, metric: this.metric[id]!, paths: a.paths, owner: this.owner, since: this.since[id]! };
  }

  clear(): void {
    this.index.clear();
    this.attrs = [];
    this.attrIds.clear();
    this.lastAttr = 0;
  }
}

/** A candidate found for a prefix: the owner's table and its row. */
interface Found {
  table: OwnerTable;
  id: number;
}

export class Rib {
  /** Candidate routes per owner, in the order owners first installed routes (earlier wins a tie). */
  private readonly tables = new Map<string, OwnerTable>();
  private listeners: Array<() => void> = [];
  /** Prefix lengths some owner holds, longest first (undefined: to be recomputed after a change). */
  private lengthsInUse: number[] | undefined;

  onChange(cb: () => void): void {
    this.listeners.push(cb);
  }

  private tableOf(owner: string): OwnerTable {
    let t = this.tables.get(owner);
    if (!t) this.tables.set(owner, (t = new OwnerTable(owner)));
    return t;
  }

  /** Replace every candidate route of `owner` (e.g. 'connected', 'static', 'eigrp 1'). */
  setOwnerRoutes(owner: string, routes: RibRoute[]): void {
    const table = this.tableOf(owner);
    const keyed: Array<{ net: Ipv4; len: number; r: RibRoute }> = [];
    for (const r of routes) {
      const len = maskToPrefix(r.mask);
      if (len !== undefined) keyed.push({ net: networkOf(r.prefix, r.mask), len, r });
    }
    const unchanged =
      table.index.size === new Set(keyed.map((k) => k.net * 64 + k.len)).size &&
      keyed.every((k) => {
        const id = table.index.get(k.net, k.len);
        return id >= 0 && table.same(id, k.r);
      });
    if (unchanged) return;
    table.clear();
    for (const k of keyed) table.put(k.net, k.len, k.r);
    this.lengthsInUse = undefined;
    this.notify();
  }

  /**
   * Apply some of `owner`'s prefixes only (a routing protocol's changes), re-electing just those
   * prefixes: a hub with thousands of routes must not rebuild its table for every update.
   */
  updateOwnerRoutes(owner: string, changes: RibChange[]): void {
    const table = this.tableOf(owner);
    let changed = false;
    for (const c of changes) {
      const len = maskToPrefix(c.mask);
      if (len === undefined) continue;
      const net = networkOf(c.prefix, c.mask);
      const id = table.index.get(net, len);
      if (id < 0 && !c.route) continue;
      if (id >= 0 && c.route && table.same(id, c.route)) continue;
      // The installed route changes only if this owner's candidate was, or becomes, the best one.
      const wasBest = id >= 0 && this.best(net, len)?.table === table;
      if (c.route) table.put(net, len, c.route);
      else table.index.remove(id);
      this.lengthsInUse = undefined;
      changed = changed || wasBest || (c.route !== undefined && this.best(net, len)?.table === table);
    }
    if (changed) this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  /** The best candidate of one prefix: lowest distance, then lowest metric, then the earlier owner. */
  private best(net: Ipv4, len: number): Found | undefined {
    let found: Found | undefined;
    for (const table of this.tables.values()) {
      if (table.index.perLength[len] === 0) continue;
      const id = table.index.get(net, len);
      if (id < 0) continue;
      if (found) {
        const d = table.distanceOf(id) - found.table.distanceOf(found.id);
        if (d > 0 || (d === 0 && table.metricOf(id) >= found.table.metricOf(found.id))) continue;
      }
      found = { table, id };
    }
    return found;
  }

  /** All installed (best) routes, sorted by prefix then length, as `show ip route` lists them. */
  routes(): RibRoute[] {
    const out: RibRoute[] = [];
    for (const table of this.tables.values()) {
      for (const id of table.index.ids()) {
        const b = this.best(table.index.network(id), table.index.length(id));
        if (b && b.table === table && b.id === id) out.push(table.route(id));
      }
    }
    return out.sort((a, b) => a.prefix - b.prefix || a.mask - b.mask);
  }

  /** Candidates of one owner (installed or not). */
  ownerRoutes(owner: string): readonly RibRoute[] {
    const table = this.tables.get(owner);
    return table ? table.index.ids().map((id) => table.route(id)) : [];
  }

  /** Longest-match route for `dst`, without resolving its next hop. */
  match(dst: Ipv4, exclude?: (r: RibRoute) => boolean): RibRoute | undefined {
    // Every forwarded packet comes here: only the lengths some owner holds are tried.
    this.lengthsInUse ??= Array.from({ length: 33 }, (_, k) => 32 - k).filter((len) => [...this.tables.values()].some((t) => t.index.perLength[len]! > 0));
    for (const len of this.lengthsInUse) {
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      const b = this.best((dst & mask) >>> 0, len);
      if (!b) continue;
      const r = b.table.route(b.id);
      if (!(exclude && exclude(r))) return r;
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
