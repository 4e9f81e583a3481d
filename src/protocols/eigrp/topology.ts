/**
 * The EIGRP topology table of one process: for each prefix, the connected path (if an EIGRP interface
 * owns it) and every neighbour's advertised path, with the feasible distance of the best one.
 *
 * DUAL as modelled: the successor is the candidate with the lowest metric; feasible successors are those
 * whose reported distance is below the feasible distance. When the successor is lost the best remaining
 * candidate takes over at once instead of the route going Active and querying neighbours — in the hub
 * and spoke topologies of these labs there is never an alternate path a query could find, so the outcome
 * (route kept or withdrawn) is the same.
 *
 * Storage: a row per prefix (an id from a `PrefixIndex`) with its fields in columns, because a spoke of a
 * 500-spoke lab holds 2,000 prefixes; an entry with one candidate (nearly all of them) stores that
 * candidate itself, and candidates learnt together are one shared object (see the process). `entry()`
 * builds the `TopologyEntry` view `show ip eigrp topology` reads.
 */
import { type Ipv4, ipv4ToString } from '../../wire/addr.js';
import { PrefixIndex, growColumn } from '../../util/prefix-index.js';
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

/** One prefix of the table as `show ip eigrp topology` sees it (a copy, built on request). */
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

/** The best reachable candidate, connected first on a tie. */
export function bestCandidate(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  let bestMetric = UNREACHABLE;
  for (const c of candidates) {
    const m = metricOf(c);
    if (m >= UNREACHABLE) continue;
    if (!best || m < bestMetric || (m === bestMetric && c.neighbor === undefined)) {
      best = c;
      bestMetric = m;
    }
  }
  return best;
}

const FREE = 0;
const LIVE = 1;
/** No reachable candidate left; kept until the next update has told neighbours (see `sweep`). */
const EMPTIED = 2;

type Candidates = Candidate | Candidate[] | undefined;

function listOf(c: Candidates): readonly Candidate[] {
  return c === undefined ? [] : Array.isArray(c) ? c : [c];
}

export class Topology {
  private readonly index = new PrefixIndex();
  private state = new Uint8Array(8);
  private fdColumn = new Float64Array(8);
  private sinceColumn = new Float64Array(8);
  private readonly cands: Candidates[] = [];
  /** The successor neighbours were last told about (undefined: none), so only changes are sent. */
  private readonly advertisedColumn: Array<Candidate | undefined> = [];
  /** The successor last put in the routing table (undefined: none). */
  private readonly installedColumn: Array<Candidate | undefined> = [];
  private readonly emptied: number[] = [];

  /** Ids of the prefixes with a reachable candidate, in id order. */
  ids(): number[] {
    return this.index.ids().filter((id) => this.state[id] === LIVE);
  }

  /** Views of every reachable prefix (for show commands). */
  all(): TopologyEntry[] {
    return this.ids().map((id) => this.entry(id));
  }

  entry(id: number): TopologyEntry {
    return { prefix: this.prefixOf(id), length: this.lengthOf(id), candidates: [...this.candidatesOf(id)], fd: this.fdColumn[id]!, since: this.sinceColumn[id]! };
  }

  /** Id of a reachable prefix, or -1. */
  idOf(prefix: Ipv4, length: number): number {
    const id = this.index.get(prefix, length);
    return id >= 0 && this.state[id] === LIVE ? id : -1;
  }

  prefixOf(id: number): Ipv4 {
    return this.index.network(id);
  }

  lengthOf(id: number): number {
    return this.index.length(id);
  }

  sinceOf(id: number): number {
    return this.sinceColumn[id]!;
  }

  candidatesOf(id: number): readonly Candidate[] {
    return listOf(this.cands[id]);
  }

  bestOf(id: number): Candidate | undefined {
    const c = this.cands[id];
    if (c === undefined) return undefined;
    if (!Array.isArray(c)) return metricOf(c) < UNREACHABLE ? c : undefined;
    return bestCandidate(c);
  }

  /** The best candidate of a view (show commands). */
  best(e: TopologyEntry): Candidate | undefined {
    return bestCandidate(e.candidates);
  }

  advertisedOf(id: number): Candidate | undefined {
    return this.advertisedColumn[id];
  }

  setAdvertised(id: number, c: Candidate | undefined): void {
    this.advertisedColumn[id] = c;
  }

  installedOf(id: number): Candidate | undefined {
    return this.installedColumn[id];
  }

  setInstalled(id: number, c: Candidate | undefined): void {
    this.installedColumn[id] = c;
  }

  /**
   * Replace the candidate from `source` (neighbour key, or undefined = connected). Returns the id of the
   * entry touched (also when it was just emptied), or -1 when nothing was there to change.
   */
  set(prefix: Ipv4, length: number, source: string | undefined, c: Candidate | undefined, now: number): number {
    let id = this.index.get(prefix, length);
    if (id < 0 || this.state[id] !== LIVE) {
      if (!c) return -1;
      if (id < 0) {
        id = this.newRow(prefix, length);
      } else {
        // A prefix that went away since the last update comes back as the same row, so what
        // neighbours were told about it is kept.
        const at = this.emptied.indexOf(id);
        if (at >= 0) this.emptied.splice(at, 1);
      }
      this.state[id] = LIVE;
      this.cands[id] = c;
      return this.settle(id, undefined, now);
    }
    const before = this.bestOf(id);
    this.cands[id] = replaced(this.cands[id], source, c);
    return this.settle(id, before, now);
  }

  private newRow(prefix: Ipv4, length: number): number {
    const id = this.index.add(prefix, length);
    const cap = this.index.capacity;
    if (this.state.length < cap) {
      this.state = growColumn(this.state, cap);
      this.fdColumn = growColumn(this.fdColumn, cap);
      this.sinceColumn = growColumn(this.sinceColumn, cap);
    }
    this.advertisedColumn[id] = undefined;
    this.installedColumn[id] = undefined;
    return id;
  }

  /** After a candidate change: mark the entry emptied if nothing reachable is left, else update FD and age. */
  private settle(id: number, before: Candidate | undefined, now: number): number {
    const after = this.bestOf(id);
    if (!after) {
      this.state[id] = EMPTIED;
      this.cands[id] = undefined;
      this.emptied.push(id);
      return id;
    }
    if (!before || before.neighbor !== after.neighbor || before.iface !== after.iface) this.sinceColumn[id] = now;
    this.fdColumn[id] = metricOf(after);
    return id;
  }

  /** Drop everything learnt from one neighbour; returns the ids of the entries that changed. */
  dropNeighbor(neighbor: string, now: number): number[] {
    const changed: number[] = [];
    for (const id of this.ids()) {
      if (!this.candidatesOf(id).some((c) => c.neighbor === neighbor)) continue;
      changed.push(this.set(this.prefixOf(id), this.lengthOf(id), neighbor, undefined, now));
    }
    return changed;
  }

  /** Forget emptied entries once their withdrawal has been sent. */
  sweep(): void {
    for (const id of this.emptied) {
      this.state[id] = FREE;
      this.advertisedColumn[id] = undefined;
      this.installedColumn[id] = undefined;
      this.index.remove(id);
    }
    this.emptied.length = 0;
  }
}

/** `current` with the candidate from `source` replaced by `c` (added, or removed when `c` is undefined). */
function replaced(current: Candidates, source: string | undefined, c: Candidate | undefined): Candidates {
  if (current !== undefined && !Array.isArray(current) && current.neighbor === source) return c;
  const list = listOf(current);
  const at = list.findIndex((x) => x.neighbor === source);
  let next: Candidate[];
  if (c && at >= 0) next = list.map((x, k) => (k === at ? c : x));
  else if (c) next = [...list, c];
  else if (at >= 0) next = list.filter((_, k) => k !== at);
  else return current;
  return next.length === 0 ? undefined : next.length === 1 ? next[0] : next;
}
