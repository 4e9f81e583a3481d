/**
 * A multi-access link (an Ethernet segment) that carries frames as bytes.
 *
 * Every frame sent by one attached port is delivered, as its own copy, to every other port after the
 * segment's propagation delay (plus a small seeded jitter, so ping round-trip times vary the way real
 * ones do without breaking determinism). A point-to-point link is a segment with two ports. Taps see
 * every frame as it is put on the wire; they never change what is delivered.
 */
import type { Scheduler } from './scheduler.js';
import type { RandomStream } from './rng.js';

export interface SegmentPort {
  /** Called with a copy of every frame another port sends on the segment. */
  receiveFrame(frame: Uint8Array): void;
  /** Whether the port's physical layer is up (an admin-down interface neither sends nor receives). */
  readonly carrierUp: boolean;
}

export interface FrameTapEvent {
  time: number;
  segment: string;
  /** Name of the sending port's owner, e.g. `Hub Ethernet0/0`. */
  from: string;
  frame: Uint8Array;
}

export type FrameTap = (ev: FrameTapEvent) => void;

export interface SegmentOptions {
  /** One-way delay in ms (default 0.4). */
  delayMs?: number;
  /** Maximum additional seeded jitter in ms (default 0.6). */
  jitterMs?: number;
}

export class Segment {
  private ports: Array<{ port: SegmentPort; label: string }> = [];
  private taps: FrameTap[] = [];
  private readonly delayMs: number;
  private readonly jitterMs: number;

  constructor(
    readonly name: string,
    private readonly sched: Scheduler,
    private readonly rand: RandomStream,
    opts: SegmentOptions = {},
  ) {
    this.delayMs = opts.delayMs ?? 0.4;
    this.jitterMs = opts.jitterMs ?? 0.6;
  }

  attach(port: SegmentPort, label: string): void {
    this.ports.push({ port, label });
  }

  /** Number of ports with carrier other than `except` (used for line-protocol state). */
  peersWithCarrier(except: SegmentPort): number {
    return this.ports.filter((p) => p.port !== except && p.port.carrierUp).length;
  }

  tap(t: FrameTap): () => void {
    this.taps.push(t);
    return () => {
      this.taps = this.taps.filter((x) => x !== t);
    };
  }

  send(from: SegmentPort, frame: Uint8Array): void {
    if (!from.carrierUp) return;
    const sender = this.ports.find((p) => p.port === from);
    const label = sender?.label ?? '?';
    for (const t of this.taps) t({ time: this.sched.now(), segment: this.name, from: label, frame });
    const delay = this.delayMs + this.rand.next() * this.jitterMs;
    for (const p of this.ports) {
      if (p.port === from) continue;
      const copy = frame.slice();
      this.sched.schedule(delay, () => {
        if (p.port.carrierUp) p.port.receiveFrame(copy);
      });
    }
  }
}
