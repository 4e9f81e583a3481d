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
}

export interface TopologyEntry {
  prefix: Ipv4;
  length: number;
  candidates: Candidate[];
  /** Feasible distance: the best metric since the route last went passive. */
  fd: number;
  /** Virtual time the current successor was installed. */
  since: number;
}

export function prefixKey(prefix: Ipv4, length: number): string {
  return `${ipv4ToString(prefix)}/${length}`;
}

export function metricOf(c: Candidate): number {
  return compositeMetric(c.path);
}

export function reportedDistance(c: Candidate): number {
  return c.neighbor === undefined ? 0 : compositeMetric(c.reported);
}

export class Topology {
  private readonly entries = new Map<string, TopologyEntry>();

  all(): TopologyEntry[] {
    return [...this.entries.values()];
  }

  get(key: string): TopologyEntry | undefined {
    return this.entries.get(key);
  }

  /** The best reachable candidate, connected first on a tie. */
  best(e: TopologyEntry): Candidate | undefined {
    let best: Candidate | undefined;
    for (const c of e.candidates) {
      const m = metricOf(c);
      if (m >= UNREACHABLE) continue;
      if (!best || m < metricOf(best) || (m === metricOf(best) && c.neighbor === undefined)) best = c;
    }
    return best;
  }

  /** Replace the candidate from `source` (neighbour key, or undefined = connected); returns the entry key. */
  set(prefix: Ipv4, length: number, source: string | undefined, c: Candidate | undefined, now: number): string {
    const key = prefixKey(prefix, length);
    let e = this.entries.get(key);
    if (!e) {
      if (!c) return key;
      e = { prefix, length, candidates: [], fd: UNREACHABLE, since: now };
      this.entries.set(key, e);
    }
    const before = this.best(e);
    e.candidates = e.candidates.filter((x) => x.neighbor !== source);
    if (c) e.candidates.push(c);
    const after = this.best(e);
    if (!after) {
      this.entries.delete(key);
      return key;
    }
    if (!before || before.neighbor !== after.neighbor || before.iface !== after.iface) e.since = now;
    e.fd = metricOf(after);
    return key;
  }

  /** Drop everything learnt from one neighbour; returns the keys that changed. */
  dropNeighbor(neighbor: string, now: number): string[] {
    const changed: string[] = [];
    for (const e of [...this.entries.values()]) {
      if (e.candidates.some((c) => c.neighbor === neighbor)) changed.push(this.set(e.prefix, e.length, neighbor, undefined, now));
    }
    return changed;
  }

  mask(e: TopologyEntry): Ipv4 {
    return prefixToMask(e.length);
  }
}
