/**
 * The EIGRP topology table of one process: for each prefix, the connected path (if an EIGRP interface
 * owns it) and every neighbour's advertised path, with the feasible distance of the best one.
 *
 * DUAL as modelled: the successor is the candidate with the lowest metric; feasible successors are those
 * whose reported distance is below the feasible distance. When the successor is lost the best remaining
 * candidate takes over at once instead of the route going Active and querying neighbours — in the hub
 * and spoke topologies of these labs there is never an alternate path a query could find, so the outcome
 * (route kept or withdrawn) is the same.
 */
import { type Ipv4, ipv4ToString, prefixToMask } from '../../wire/addr.js';
import { type PathVector, UNREACHABLE, compositeMetric } from './metric.js';

export interface Candidate {
  /** Neighbour key (`iface/addr`), or undefined for the connected path. */
  neighbor?: string;
  nextHop?: Ipv4;
  iface: string;
  /** The path as the neighbour reported it (its own distance). */
  reported: PathVector;
  /** The path through us (reported + our interface). */
  path: PathVector;
  /** Composite metric of `path`, computed once: candidates are never changed in place. */
  metric: number;
}

export interface TopologyEntry {
  prefix: Ipv4;
  length: number;
  candidates: Candidate[];
  /** Feasible distance: the best metric since the route last went passive. */
  fd: number;
  /** Virtual time the current successor was installed. */
  since: number;
  /** The successor neighbours were last told about (undefined: none), so only changes are sent. */
  advertised?: Candidate;
  /** The successor last put in the routing table (undefined: none). */
  installed?: Candidate;
}

/** Map key of a prefix: address and length in one exact double. */
export function entryKey(prefix: Ipv4, length: number): number {
  return prefix * 64 + length;
}

export function prefixKey(prefix: Ipv4, length: number): string {
  return `${ipv4ToString(prefix)}/${length}`;
}

export function metricOf(c: Candidate): number {
  return c.metric;
}

export function reportedDistance(c: Candidate): number {
  return c.neighbor === undefined ? 0 : compositeMetric(c.reported);
}

/** Whether two successors would be advertised the same way (same path, same interface, same origin). */
export function sameAdvertisement(a: Candidate | undefined, b: Candidate | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.iface === b.iface &&
    (a.neighbor === undefined) === (b.neighbor === undefined) &&
    a.path.delay === b.path.delay &&
    a.path.bandwidthKbps === b.path.bandwidthKbps &&
    a.path.hopCount === b.path.hopCount &&
    a.path.mtu === b.path.mtu
  );
}

export class Topology {
  private readonly entries = new Map<number, TopologyEntry>();
  /**
   * Entries emptied since the last update was sent. They keep what neighbours were told so the
   * withdrawal can be sent, and come back as the same object if the prefix returns meanwhile.
   */
  private readonly emptied = new Map<number, TopologyEntry>();

  all(): TopologyEntry[] {
    return [...this.entries.values()];
  }

  get(prefix: Ipv4, length: number): TopologyEntry | undefined {
    return this.entries.get(entryKey(prefix, length));
  }

  /** The best reachable candidate, connected first on a tie. */
  best(e: TopologyEntry): Candidate | undefined {
    let best: Candidate | undefined;
    let bestMetric = UNREACHABLE;
    for (const c of e.candidates) {
      const m = metricOf(c);
      if (m >= UNREACHABLE) continue;
      if (!best || m < bestMetric || (m === bestMetric && c.neighbor === undefined)) {
        best = c;
        bestMetric = m;
      }
    }
    return best;
  }

  /**
   * Replace the candidate from `source` (neighbour key, or undefined = connected). Returns the entry
   * touched (also when it was just emptied), or undefined when nothing was there to change.
   */
  set(prefix: Ipv4, length: number, source: string | undefined, c: Candidate | undefined, now: number): TopologyEntry | undefined {
    const key = entryKey(prefix, length);
    const e = this.entries.get(key);
    if (!e) {
      if (!c) return undefined;
      // A prefix that went away since the last update comes back as the same entry, so what
      // neighbours were told about it is kept.
      const returning = this.emptied.get(key);
      this.emptied.delete(key);
      if (returning) returning.candidates = [c];
      // Every field is set at creation and fd/since start as small integers (V8 then stores them inline
      // rather than boxing a number per entry), and the candidate list starts with room for one, which is
      // all most entries ever hold. settle() sets the real FD at once.
      const created = returning ?? { prefix, length, candidates: [c], fd: 0, since: Math.floor(now), advertised: undefined, installed: undefined };
      this.entries.set(key, created);
      return this.settle(created, key, undefined, now);
    }
    const before = this.best(e);
    const at = e.candidates.findIndex((x) => x.neighbor === source);
    if (c && at >= 0) e.candidates[at] = c;
    else if (c) e.candidates.push(c);
    else if (at >= 0) e.candidates.splice(at, 1);
    return this.settle(e, key, before, now);
  }

  /** After a candidate change: drop the entry if nothing reachable is left, else update FD and age. */
  private settle(e: TopologyEntry, key: number, before: Candidate | undefined, now: number): TopologyEntry {
    const after = this.best(e);
    if (!after) {
      this.entries.delete(key);
      this.emptied.set(key, e);
      return e;
    }
    // Whole milliseconds: the age columns show seconds, and an integer is stored without boxing.
    if (!before || before.neighbor !== after.neighbor || before.iface !== after.iface) e.since = Math.floor(now);
    e.fd = metricOf(after);
    return e;
  }

  /** Drop everything learnt from one neighbour; returns the entries that changed. */
  dropNeighbor(neighbor: string, now: number): TopologyEntry[] {
    const changed: TopologyEntry[] = [];
    for (const e of [...this.entries.values()]) {
      if (!e.candidates.some((c) => c.neighbor === neighbor)) continue;
      const touched = this.set(e.prefix, e.length, neighbor, undefined, now);
      if (touched) changed.push(touched);
    }
    return changed;
  }

  /** Forget emptied entries once their withdrawal has been sent. */
  sweep(): void {
    this.emptied.clear();
  }

  mask(e: TopologyEntry): Ipv4 {
    return prefixToMask(e.length);
  }
}
