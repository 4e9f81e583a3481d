/**
 * Playing a scenario's steps live, for the TUI: lines are typed into their console at a readable pace as
 * real time passes (the TUI says how much), each only once the console is back at a prompt; waits run in
 * virtual time. The viewer can pause, play the current step at once, or run everything to the end.
 * Nothing here reads a clock: the caller passes elapsed real time in.
 */
import type { LabRuntime } from '../lab/runtime-api.js';
import { LabDriver } from '../lab/driver.js';
import type { Step } from './model.js';

/** Typing pace: a quick typist, slow enough to read along. */
const CHARS_PER_SECOND = 25;
/** Pause after Enter before the next line starts, in characters' worth of time. */
const AFTER_ENTER_CHARS = 6;

export class ScenarioPlayer {
  paused = false;
  private index = 0;
  private line = 0;
  private typed = 0;
  private credit = 0;
  private waitUntil: number | undefined;
  private readonly driver: LabDriver;

  constructor(
    private readonly lab: LabRuntime,
    private readonly steps: readonly Step[],
  ) {
    this.driver = new LabDriver(lab);
  }

  get finished(): boolean {
    return this.index >= this.steps.length;
  }

  /** `Step 3/12: narration` for the step being played (its own say, or the last one given before it). */
  narration(): string {
    if (this.finished) return `Finished: all ${this.steps.length} steps played`;
    let say = '';
    for (let i = this.index; i >= 0 && !say; i--) say = this.steps[i]!.say ?? '';
    const step = this.steps[this.index]!;
    const what = step.kind === 'wait' ? `waiting ${Math.ceil(this.remainingWaitMs() / 1000)} s` : `typing on ${step.console}`;
    return `Step ${this.index + 1}/${this.steps.length} (${what})${say ? `: ${say}` : ''}`;
  }

  /** The console the current step types into, so the viewer can follow it. */
  currentConsole(): string | undefined {
    const step = this.steps[this.index];
    return step?.kind === 'type' ? step.console : undefined;
  }

  /** Real time has passed: type at the reading pace, move past finished waits. */
  advance(realMs: number): void {
    if (this.paused || this.finished) return;
    this.credit += (realMs * CHARS_PER_SECOND) / 1000;
    while (!this.finished) {
      const step = this.steps[this.index]!;
      if (step.kind === 'wait') {
        if (this.remainingWaitMs() > 0) return;
        this.next();
        continue;
      }
      const c = this.lab.console(step.console);
      if (!c) {
        this.next();
        continue;
      }
      if (c.inputLine() === null) return; // busy (a ping running): wait for the prompt
      const text = step.lines[this.line]!;
      if (this.typed < text.length) {
        const n = Math.min(Math.floor(this.credit), text.length - this.typed);
        if (n <= 0) return;
        c.input(text.slice(this.typed, this.typed + n));
        this.typed += n;
        this.credit -= n;
        continue;
      }
      if (this.credit < 1) return;
      c.input('\r');
      this.credit -= 1 + AFTER_ENTER_CHARS;
      this.line++;
      this.typed = 0;
      if (this.line >= step.lines.length) this.next();
    }
  }

  /** Play the current step to its end at once (the rest of its lines typed, its wait run through). */
  stepNow(): void {
    const step = this.steps[this.index];
    if (!step) return;
    if (step.kind === 'wait') {
      this.lab.scheduler.runFor(this.remainingWaitMs());
    } else {
      const c = this.lab.console(step.console);
      if (c) {
        const text = step.lines[this.line]!;
        if (this.typed > 0) {
          c.input(`${text.slice(this.typed)}\r`);
          this.line++;
        }
        for (const rest of step.lines.slice(this.line)) this.driver.type(c, rest);
        this.driver.waitReady(c);
      }
    }
    this.next();
  }

  /** Everything left, at once. */
  runToEnd(): void {
    while (!this.finished) this.stepNow();
  }

  private remainingWaitMs(): number {
    const step = this.steps[this.index];
    if (step?.kind !== 'wait') return 0;
    this.waitUntil ??= this.lab.scheduler.now() + step.ms;
    return Math.max(0, this.waitUntil - this.lab.scheduler.now());
  }

  private next(): void {
    this.index++;
    this.line = 0;
    this.typed = 0;
    this.waitUntil = undefined;
    this.credit = Math.min(this.credit, 0);
  }
}
