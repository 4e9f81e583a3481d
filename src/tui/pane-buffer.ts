/**
 * A console pane's scrollback: completed lines kept in a bounded ring outside React (re-rendering per
 * debug line would cost a core), plus the scroll position. The view reads only the visible window.
 */
import type { ConsoleLine, ConsoleSessionApi, InputLine } from '../ios/console-api.js';

export const SCROLLBACK_LINES = 5000;

export class PaneBuffer {
  private lines: ConsoleLine[] = [];
  /** Lines scrolled back from the live end (0 = live). */
  scroll = 0;
  /** Bumped on every change, so the view knows when to redraw. */
  version = 0;
  private readonly unsubscribe: Array<() => void>;

  constructor(readonly session: ConsoleSessionApi, private readonly limit = SCROLLBACK_LINES) {
    this.unsubscribe = [
      session.onLine((l) => this.push(l)),
      session.onInputChange(() => this.version++),
    ];
  }

  private push(l: ConsoleLine): void {
    this.lines.push(l);
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
    if (this.scroll > 0) this.scroll = Math.min(this.scroll + 1, this.lines.length);
    this.version++;
  }

  get length(): number {
    return this.lines.length;
  }

  input(): InputLine | null {
    return this.session.inputLine();
  }

  scrollBy(n: number, height: number): void {
    this.scroll = Math.max(0, Math.min(this.lines.length - height, this.scroll - n));
    if (this.scroll < 0) this.scroll = 0;
    this.version++;
  }

  toLive(): void {
    if (this.scroll !== 0) {
      this.scroll = 0;
      this.version++;
    }
  }

  /** The `height` lines ending `scroll` lines before the live end. */
  window(height: number): ConsoleLine[] {
    const end = this.lines.length - this.scroll;
    return this.lines.slice(Math.max(0, end - height), end);
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
  }
}
