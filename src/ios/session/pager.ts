/**
 * `--More--` paging of one command's output. After (terminal length − 1) lines the pager holds
 * further lines and the session shows ` --More-- ` as its input line:
 *
 *   Space  another screenful      Enter  one more line      any other key  discard the rest
 *
 * `terminal length 0` turns paging off. Lines printed while the pager holds output queue behind it.
 */

export interface PagedLine {
  text: string;
  kind: 'output' | 'error';
}

export class Pager {
  private queue: PagedLine[] = [];
  /** Lines still allowed before the next pause. */
  private budget = 0;
  private discarding = false;

  constructor(
    private readonly emit: (line: PagedLine) => void,
    private length: number,
  ) {
    this.reset();
  }

  setLength(rows: number): void {
    this.length = rows;
  }

  /** Start a new command's output. */
  reset(): void {
    this.queue = [];
    this.discarding = false;
    this.budget = this.pageSize();
  }

  private pageSize(): number {
    return this.length <= 0 ? Infinity : Math.max(1, this.length - 1);
  }

  get paused(): boolean {
    return this.queue.length > 0;
  }

  push(line: PagedLine): void {
    if (this.discarding) return;
    if (this.queue.length > 0 || this.budget <= 0) {
      this.queue.push(line);
      return;
    }
    this.budget--;
    this.emit(line);
  }

  /** A key pressed at ` --More-- `. */
  key(k: 'space' | 'enter' | 'other'): void {
    if (!this.paused) return;
    if (k === 'other') {
      this.queue = [];
      this.discarding = true;
      return;
    }
    this.budget = k === 'space' ? this.pageSize() : 1;
    while (this.queue.length > 0 && this.budget > 0) {
      this.budget--;
      this.emit(this.queue.shift()!);
    }
  }
}
