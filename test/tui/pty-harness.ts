/**
 * Drives the built CLI in a real pseudo-terminal and reads the screen through a headless terminal
 * emulator, as a person would see it. Works when the test runner itself has no TTY (CI).
 */
import pty from 'node-pty';
import xterm from '@xterm/headless';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TuiHarness {
  write(data: string): void;
  /** The screen as text rows. */
  screen(): string[];
  waitFor(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  resize(cols: number, rows: number): void;
  close(): Promise<number>;
}

export function spawnTui(args: string[], cols = 160, rows = 48): TuiHarness {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // Ink goes quiet when it believes it runs in CI; the app is interactive here.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  env.NODE_ENV = 'production';
  env.FORCE_COLOR = '0';
  const child = pty.spawn(process.execPath, [join(root, 'bin', 'dmvpn-console.js'), ...args], { name: 'xterm-256color', cols, rows, cwd: root, env });
  let exitCode: number | undefined;
  const exited = new Promise<number>((resolve) => child.onExit((e) => resolve((exitCode = e.exitCode))));
  child.onData((d) => term.write(d));
  const screen = () => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };
  return {
    write: (d) => child.write(d),
    screen,
    async waitFor(predicate, timeoutMs = 15_000) {
      const start = Date.now();
      for (;;) {
        const s = screen().join('\n');
        if (predicate(s)) return s;
        if (exitCode !== undefined) throw new Error(`app exited (${exitCode}) before the screen matched:\n${s}`);
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for the screen; it shows:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    resize(c, r) {
      child.resize(c, r);
      term.resize(c, r);
    },
    async close() {
      if (exitCode === undefined) {
        child.write('\x1b[21~'); // F10 quits
        const t = setTimeout(() => child.kill(), 3000);
        await exited;
        clearTimeout(t);
      }
      return exitCode ?? -1;
    },
  };
}

/** The text of the pane whose title line contains `title` (columns of a side-by-side layout). */
export function paneColumns(screen: string[], title: string): string {
  const titleRow = screen.findIndex((l) => l.includes(title));
  if (titleRow < 0) return '';
  const start = screen[titleRow]!.indexOf(title);
  const left = screen[titleRow - 1]!.lastIndexOf('╭', start);
  const right = screen[titleRow - 1]!.indexOf('╮', start);
  return screen.map((l) => l.slice(left, right + 1)).join('\n');
}
