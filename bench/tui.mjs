// Issue 4 budgets, measured on the built app in a 160×48 pseudo-terminal read through xterm-headless:
// start-up to first prompt, keystroke echo while the Hub pane receives 5,000 debug lines/s, the app's
// CPU at that rate, and RSS after 1,000,000 debug lines.
import pty from 'node-pty';
import xterm from '@xterm/headless';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { report, finish } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const CLK_TCK = 100;

function spawnApp(floodPerSecond) {
  const term = new xterm.Terminal({ cols: 160, rows: 48, allowProposedApi: true });
  const env = { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0', DMVPN_CONSOLE_BENCH_FLOOD: String(floodPerSecond) };
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  const child = pty.spawn(process.execPath, [join(root, 'bin/dmvpn-console.js')], { name: 'xterm-256color', cols: 160, rows: 48, cwd: root, env });
  child.onData((d) => term.write(d));
  const screen = () => {
    const b = term.buffer.active;
    let s = '';
    for (let y = 0; y < term.rows; y++) s += (b.getLine(b.viewportY + y)?.translateToString(true) ?? '') + '\n';
    return s;
  };
  // Only the rows that hold the panes' input lines (cheap to read on every poll).
  screen.inputRows = () => {
    const b = term.buffer.active;
    let s = '';
    for (let y = term.rows - 8; y < term.rows; y++) s += (b.getLine(b.viewportY + y)?.translateToString(true) ?? '') + '\n';
    return s;
  };
  return { child, term, screen };
}

async function waitFor(app, pred, timeoutMs = 20000) {
  const t0 = performance.now();
  // Poll gently: reading the whole screen too often starves xterm's own parser of the app's output.
  while (!pred(app.screen())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out; the screen shows:\n${app.screen()}`);
    await sleep(5);
  }
  return performance.now() - t0;
}

function cpuTicks(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) / 1024;
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function quit(app) {
  app.child.write('\x1b[21~');
  await sleep(300);
  try {
    app.child.kill();
  } catch {}
}

// 1. Start-up to the first prompt drawn (no flood).
{
  const t0 = performance.now();
  const app = spawnApp(0);
  await waitFor(app, (s) => s.includes('Hub>'));
  report('start-up to first prompt drawn', performance.now() - t0, 'ms', '≤ 1500 ms', (v) => v <= 1500);
  await quit(app);
}

// 2. and 3. Keystroke echo and CPU while the Hub pane receives 5,000 debug lines per second.
{
  const app = spawnApp(5000);
  await waitFor(app, (s) => s.includes('Hub>'));
  await sleep(1000);
  const c0 = cpuTicks(app.child.pid);
  const w0 = performance.now();
  const echoes = [];
  let typed = '';
  for (const ch of 'abcdefghijklmnopqrstuvwxyz') {
    typed += ch;
    const t = performance.now();
    app.child.write(ch);
    const t1 = performance.now();
    while (!app.screen.inputRows().includes(`Hub>${typed}`)) {
      if (performance.now() - t1 > 5000) throw new Error(`echo of "${ch}" never appeared:\n${app.screen()}`);
      await sleep(1);
    }
    echoes.push(performance.now() - t);
    await sleep(150);
  }
  const cpu = ((cpuTicks(app.child.pid) - c0) / CLK_TCK / ((performance.now() - w0) / 1000)) * 100;
  console.log(`     ${echoes.length} keystrokes echoed during the flood`);
  report('keystroke echo p50 at 5,000 debug lines/s', pct(echoes, 50), 'ms', '(p95 budget below)', () => true);
  report('keystroke echo p95 at 5,000 debug lines/s', pct(echoes, 95), 'ms', '≤ 50 ms', (v) => v <= 50);
  report('app CPU at 5,000 debug lines/s', cpu, '% core', '≤ 50 %', (v) => v <= 50);
  await quit(app);
}

// 4. RSS after 1,000,000 debug lines (50,000 lines/s for 20 s): the scrollback is bounded.
{
  const app = spawnApp(50000);
  await waitFor(app, (s) => s.includes('Hub>'));
  // Each flood line carries its sequence number as `NHRP[n]:`, near the start so a narrow pane shows it.
  const highest = (s) => Math.max(0, ...[...s.matchAll(/NHRP\[(\d+)\]/g)].map((m) => Number(m[1])));
  await waitFor(app, (s) => highest(s) >= 999_999, 120_000);
  report('RSS after 1,000,000 debug lines', rssMb(app.child.pid), 'MB', '≤ 250 MB', (v) => v <= 250);
  await quit(app);
}

finish();
