/** The session's two outputs: completed lines, and the input line redrawn below them. */

import type { ConsoleLine, InputLine, LineKind } from '../console-api.js';

export class ConsoleOutput {
  private readonly lineListeners = new Set<(line: ConsoleLine) => void>();
  private readonly inputListeners = new Set<(line: InputLine | null) => void>();
  /** What input-line listeners last saw (undefined before the first notification). */
  private shown: InputLine | null | undefined = undefined;

  constructor(private readonly now: () => number) {}

  onLine(listener: (line: ConsoleLine) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  onInputChange(listener: (line: InputLine | null) => void): () => void {
    this.inputListeners.add(listener);
    return () => this.inputListeners.delete(listener);
  }

  emit(text: string, kind: LineKind): void {
    const line: ConsoleLine = { text, kind, time: this.now() };
    for (const l of [...this.lineListeners]) {
      try {
        l(line);
      } catch {
        // a broken listener must not stop the console
      }
    }
  }

  /** Tell input-line listeners, if the line differs from what they last saw. */
  input(now: InputLine | null): void {
    const prev = this.shown;
    const same =
      prev !== undefined &&
      (now === null || prev === null ? now === prev : now.prompt === prev.prompt && now.buffer === prev.buffer && now.cursor === prev.cursor);
    if (same) return;
    this.shown = now;
    for (const l of [...this.inputListeners]) {
      try {
        l(now);
      } catch {
        // as above
      }
    }
  }
}

/** `print` text → lines: one trailing newline ends the text rather than adding an empty line. */
export function splitText(text: string): string[] {
  const t = String(text).replace(/\r\n?/g, '\n');
  return (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
}
