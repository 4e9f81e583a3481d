/**
 * What a front-end (TUI, batch runner, scenario player) gets when it loads a lab: the consoles, the
 * virtual clock it may drive, and a stream of packets crossing the Internet for the packet-flow view.
 */
import type { ConsoleSessionApi } from '../ios/console-api.js';
import type { Scheduler } from '../sim/scheduler.js';

export type StartState = 'blank' | 'underlay' | 'solved';

export interface LabOptions {
  /** A built-in lab name (`dmvpn-phase1`) or a path to a lab file. */
  lab: string;
  start: StartState;
  /** Seed of the lab's RNG (default 1). */
  seed?: number;
  /** Number of spokes for labs that can grow (default: the lab's own count). */
  spokes?: number;
  /**
   * Configuration loaded after the start state, as part of it (no console output): a scenario's hidden
   * faults, or a learner's saved configurations.
   */
  overlay?: ReadonlyArray<{ router: string; lines: readonly string[] }>;
}

/** One packet seen on a link that crosses the simulated Internet. */
export interface PacketEvent {
  /** Virtual time in ms. */
  time: number;
  /** Sending router and interface, e.g. "Spoke1 Ethernet0/0". */
  from: string;
  /** Outer IP source and destination, e.g. "172.16.1.1" → "172.16.10.1". */
  src: string;
  dst: string;
  /** One-line summary: "NHRP Registration Request", "ISAKMP MM1", "ESP spi 0x8D538D11", "ICMP echo". */
  summary: string;
  /** Frame size in bytes. */
  size: number;
}

export interface LabRuntime {
  readonly name: string;
  readonly description: string;
  /** IOS release the lab's routers run, e.g. "15.1(4)M4". */
  readonly release: string;
  readonly scheduler: Scheduler;
  /** Consoles in display order: hub first, then spokes, the ISP last. */
  consoles(): ConsoleSessionApi[];
  console(name: string): ConsoleSessionApi | undefined;
  /** Packets crossing the Internet (frames on the routers' WAN links), as they are sent. */
  onPacket(listener: (ev: PacketEvent) => void): () => void;
}
