/**
 * Driving a lab's consoles the way a person does, in virtual time: a line is typed key by key only once
 * its console is ready for input again (a running ping finishes first), and events due now run before
 * the next key, as they would on a router between two lines a person types. Shared by the batch runner
 * and the scenario player.
 */
import type { ConsoleSessionApi } from '../ios/console-api.js';
import type { LabRuntime } from './runtime-api.js';

/** How long (virtual time) a console may stay busy before the driver gives up on it. */
export const READY_LIMIT_MS = 6 * 60 * 60 * 1000;

export class LabDriver {
  constructor(private readonly lab: LabRuntime) {}

  /** Let time run until `c` shows a prompt; false if it is still busy after READY_LIMIT_MS. */
  waitReady(c: ConsoleSessionApi): boolean {
    const sched = this.lab.scheduler;
    sched.advanceTo(sched.now());
    return sched.runUntil(() => c.inputLine() !== null, READY_LIMIT_MS);
  }

  /** Type one line and Enter into `c` once it is ready; false if it never became ready. */
  type(c: ConsoleSessionApi, text: string): boolean {
    if (!this.waitReady(c)) return false;
    for (const ch of text) c.input(ch);
    c.input('\r');
    return true;
  }

  advance(ms: number): void {
    this.lab.scheduler.runFor(ms);
  }

  /** Every console back at a prompt (a ping left running on another console finishes too). */
  finish(): void {
    for (const c of this.lab.consoles()) this.waitReady(c);
  }
}
