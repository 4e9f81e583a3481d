/**
 * Discrete-event scheduler on a virtual clock.
 *
 * Events are ordered by (time, sequence): two events due at the same virtual millisecond run in the
 * order they were scheduled, which is what makes a run reproducible. Nothing here reads the wall
 * clock; a real-time driver (the TUI) calls `advanceTo` as real time passes, the batch runner and
 * tests call `runFor`/`runUntilIdle` directly.
 */

export type EventFn = () => void;

interface QueuedEvent {
  time: number;
  seq: number;
  fn: EventFn;
  cancelled: boolean;
}

/** A handle to a scheduled event; cancelling is idempotent. */
export class TimerHandle {
  constructor(private readonly event: QueuedEvent) {}
  cancel(): void {
    this.event.cancelled = true;
  }
  get pending(): boolean {
    return !this.event.cancelled && this.event.seq >= 0;
  }
  get dueAt(): number {
    return this.event.time;
  }
}

/** Binary min-heap keyed on (time, seq). */
class EventHeap {
  private items: QueuedEvent[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): QueuedEvent | undefined {
    return this.items[0];
  }
  push(e: QueuedEvent): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): QueuedEvent | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l]!, a[m]!)) m = l;
        if (r < a.length && less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function less(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class Scheduler {
  private heap = new EventHeap();
  private seq = 0;
  private nowMs = 0;
  /** Listeners told after every executed event (used by consoles to flush output in order). */
  private afterEventListeners: Array<() => void> = [];

  /** Current virtual time in milliseconds since power-on (`*Mar  1 00:00:00.000`). */
  now(): number {
    return this.nowMs;
  }

  /** Schedule `fn` to run `delayMs` (>= 0) from now. */
  schedule(delayMs: number, fn: EventFn): TimerHandle {
    const d = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    const ev: QueuedEvent = { time: this.nowMs + d, seq: this.seq++, fn, cancelled: false };
    this.heap.push(ev);
    return new TimerHandle(ev);
  }

  /** Schedule at an absolute virtual time (clamped to now). */
  scheduleAt(timeMs: number, fn: EventFn): TimerHandle {
    return this.schedule(timeMs - this.nowMs, fn);
  }

  onAfterEvent(listener: () => void): () => void {
    this.afterEventListeners.push(listener);
    return () => {
      this.afterEventListeners = this.afterEventListeners.filter((l) => l !== listener);
    };
  }

  /** Time of the next live event, or undefined if the queue is empty. */
  nextEventTime(): number | undefined {
    this.dropCancelledHead();
    return this.heap.peek()?.time;
  }

  /** Run the single next event (advancing the clock to it). Returns false if none. */
  step(): boolean {
    this.dropCancelledHead();
    const ev = this.heap.pop();
    if (!ev) return false;
    this.nowMs = ev.time;
    ev.seq = -1;
    ev.fn();
    for (const l of this.afterEventListeners) l();
    return true;
  }

  /** Run every event due at or before `timeMs`, then set the clock to `timeMs`. */
  advanceTo(timeMs: number): void {
    for (;;) {
      this.dropCancelledHead();
      const head = this.heap.peek();
      if (!head || head.time > timeMs) break;
      this.step();
    }
    if (timeMs > this.nowMs) this.nowMs = timeMs;
  }

  runFor(ms: number): void {
    this.advanceTo(this.nowMs + ms);
  }

  /**
   * Run events until `predicate` holds (checked after each event) or `limitMs` of virtual time
   * passes. Returns whether the predicate held.
   */
  runUntil(predicate: () => boolean, limitMs: number): boolean {
    const end = this.nowMs + limitMs;
    if (predicate()) return true;
    for (;;) {
      this.dropCancelledHead();
      const head = this.heap.peek();
      if (!head || head.time > end) {
        this.nowMs = Math.max(this.nowMs, end);
        return predicate();
      }
      this.step();
      if (predicate()) return true;
    }
  }

  get pendingCount(): number {
    return this.heap.size;
  }

  private dropCancelledHead(): void {
    for (;;) {
      const h = this.heap.peek();
      if (!h || !h.cancelled) return;
      this.heap.pop();
    }
  }
}
