/**
 * A scenario as the rest of the program sees it once its file has been read and checked: the lab it
 * runs on, configuration faults hidden from the learner, the steps to type, the checks that grade it,
 * hints, and the solution (the documented fix of a ticket, or the configuration of a build lab).
 */
import type { StartState } from '../lab/runtime-api.js';

export type ScenarioKind = 'playback' | 'lab' | 'ticket';

/** Where a value came from in the scenario file, for error messages. */
export interface SourcePos {
  line: number;
  col: number;
}

/** Lines typed into one console, or a pause in virtual time. */
export type Step =
  | { kind: 'type'; console: string; lines: string[]; say?: string; expect?: RegExp; pos: SourcePos }
  | { kind: 'wait'; ms: number; say?: string; pos: SourcePos };

/** Configuration typed silently into a router in global configuration mode before the learner starts. */
export interface Fault {
  console: string;
  lines: string[];
  pos: SourcePos;
}

interface CheckBase {
  /** What the check verifies, as the grade report prints it. */
  name: string;
  points: number;
  /** Shown when the check fails. */
  message: string;
  console: string;
  pos: SourcePos;
}

/** A command's output, matched by regex or by one whitespace-separated field of a selected line. */
export interface OutputCheck extends CheckBase {
  type: 'output';
  command: string;
  match?: RegExp;
  notMatch?: RegExp;
  field?: { row: RegExp; column: number; equals: string };
}

export interface NhrpRegisteredCheck extends CheckBase {
  type: 'nhrp-registered';
  /** NHS tunnel address; any NHS when absent. */
  nhs?: string;
}

export interface NhrpPeerCheck extends CheckBase {
  type: 'nhrp-peer';
  /** Tunnel address of the peer that must be in the NHRP cache. */
  address: string;
}

export interface EigrpNeighborCheck extends CheckBase {
  type: 'eigrp-neighbor';
  neighbor: string;
}

export interface RouteCheck extends CheckBase {
  type: 'route';
  /** `A.B.C.D/len`. */
  prefix: string;
  /** `show ip route` code the installed route must have (C, S, D …). */
  code?: string;
  via?: string;
  /** When true the route must be absent. */
  absent?: boolean;
}

export interface PingCheck extends CheckBase {
  type: 'ping';
  target: string;
  source?: string;
  repeat: number;
  /** Lowest success rate (percent) that passes. */
  minSuccess: number;
}

export interface InterfaceCheck extends CheckBase {
  type: 'interface';
  interface: string;
  /** `up` means line protocol up; `down` anything else. */
  state: 'up' | 'down';
}

/** An IPsec SA pair is up (with `peer`, when given) and has carried packets both ways. */
export interface IpsecSaCheck extends CheckBase {
  type: 'ipsec-sa';
  peer?: string;
  /** Fewest packets encrypted and decrypted that pass (default 1). */
  minPackets: number;
}

export type Check = OutputCheck | NhrpRegisteredCheck | NhrpPeerCheck | EigrpNeighborCheck | RouteCheck | PingCheck | InterfaceCheck | IpsecSaCheck;

export type CheckType = Check['type'];

export interface Scenario {
  file: string;
  /** File name without directory and extension: how `list` names it. */
  id: string;
  title: string;
  kind: ScenarioKind;
  description: string;
  lab: string;
  start: StartState;
  seed: number;
  spokes?: number;
  /** Virtual time allowed to pass before grading (protocols converging), in ms. */
  settleMs: number;
  /** Exam-style countdown for `dmvpn-console lab`, in ms. */
  timeLimitMs?: number;
  faults: Fault[];
  steps: Step[];
  checks: Check[];
  hints: string[];
  solution: Step[];
}
