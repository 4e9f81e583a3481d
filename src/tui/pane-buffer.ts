/**
 * A console pane's scrollback: completed lines kept in a bounded ring outside React (re-rendering per
 * debug line would cost a core), plus the scroll position. The view reads only the visible window.
 */
import type { ConsoleLine, ConsoleSessionApi, InputLine } from '../ios/console-api.js';

export const SCROLLBACK_LINES = 5000;

export class PaneBuffer {
  /** Ring storage: `count` lines ending just before `next` (mod limit); O(1) per line at any rate. */
  private ring: ConsoleLine[];
  private next = 0;
  private count = 0;
  /** Lines scrolled back from the live end (0 = live). */
  scroll = 0;
  /** Bumped on every change, so the view knows when to redraw. */
  version = 0;
  private readonly unsubscribe: Array<() => void>;

  constructor(readonly session: ConsoleSessionApi, private readonly limit = SCROLLBACK_LINES) {
    this.ring = new Array<ConsoleLine>(limit);
    this.unsubscribe = [
      session.onLine((l) => this.push(l)),
      session.onInputChange(() => this.version++),
    ];
  }

  private push(l: ConsoleLine): void {
    this.ring[this.next] = l;
    this.next = (this.next + 1) % this.limit;
    if (this.count < this.limit) this.count++;
    // A reader scrolled back keeps looking at the same lines while new ones arrive.
    if (this.scroll > 0) this.scroll = Math.min(this.scroll + 1, this.count);
    this.version++;
  }

  get length(): number {
    return this.count;
  }

  input(): InputLine | null {
    return this.session.inputLine();
  }

  scrollBy(n: number, height: number): void {
    this.scroll = Math.max(0, Math.min(this.count - height, this.scroll - n));
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
    const end = this.count - this.scroll;
    const start = Math.max(0, end - height);
    const out: ConsoleLine[] = [];
    const first = (this.next - this.count + this.limit) % this.limit;
    for (let k = start; k < end; k++) out.push(this.ring[(first + k) % this.limit]!);
    return out;
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
  }
}
