/**
 * The real-time driver: the one place in the product that reads the wall clock. It moves the lab's
 * virtual clock on by `speed` × the real time elapsed, unless paused; single-stepping runs exactly the
 * next event. Consoles keep accepting keys while paused (their commands simply wait for time).
 */
import type { Scheduler } from '../sim/scheduler.js';

export const SPEEDS = [1, 10, 100, 0.1];
const TICK_MS = 20;
/** Never let one tick cover more than this much virtual time (a stalled process must not jump hours). */
const MAX_VIRTUAL_PER_TICK_MS = 60_000;

export class RealtimeDriver {
  paused = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;

  constructor(private readonly sched: Scheduler, public speed = 1) {}

  start(): void {
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = now - this.last;
    this.last = now;
    if (this.paused) {
      // Keys typed while paused may have scheduled zero-delay work; run what is due now.
      this.sched.advanceTo(this.sched.now());
      return;
    }
    this.sched.advanceTo(this.sched.now() + Math.min(MAX_VIRTUAL_PER_TICK_MS, elapsed * this.speed));
  }

  togglePause(): void {
    this.paused = !this.paused;
  }

  step(): void {
    if (this.paused) this.sched.step();
  }

  nextSpeed(): number {
    const i = SPEEDS.indexOf(this.speed);
    this.speed = SPEEDS[(i + 1) % SPEEDS.length]!;
    return this.speed;
  }
}
