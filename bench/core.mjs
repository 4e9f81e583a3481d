// Issue 2 budgets: CLI start-up, solved-lab convergence, a 500-spoke hub, and a 24 h virtual soak.
// Issue 3 budgets: the same convergence figures with seed 000's crypto (tunnel protection) running.
// The 500-spoke runs each get a process of their own (_converge.mjs) so each RSS is its own.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { report, finish } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { convergeRun } = await import('./_converge.mjs');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCommand(args, input) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { input, cwd: root });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

// 1. Start-up of `dmvpn-console run` on an empty script against `node -e 0`, same run, medians of 7.
const base = median(Array.from({ length: 7 }, () => timeCommand(['-e', '0'], '')));
const cli = median(Array.from({ length: 7 }, () => timeCommand([join(root, 'bin/dmvpn-console.js'), 'run', '-'], '')));
console.log(`     node -e 0 median ${base.toFixed(1)} ms; run on an empty script median ${cli.toFixed(1)} ms`);
report('start-up of `run` on an empty script (× node -e 0)', cli / base, '×', '≤ 5×', (v) => v <= 5);

/** A 500-spoke run in a child process (see _converge.mjs). */
function convergeInChild(spokes, crypto, limitMs) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench/_converge.mjs'), String(spokes), crypto ? 'crypto' : 'plain', String(limitMs)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`_converge.mjs exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// 2. Solved lab converging from power-on.
{
  convergeRun(2, 120_000, false); // warm the JIT once; the figure is the second run
  const r = convergeRun(2, 120_000, false);
  console.log(`     converged: ${r.ok} after ${(r.virtualMs / 1000).toFixed(1)} s of virtual time`);
  report('solved dmvpn-phase1 converges from power-on (wall)', r.ok ? r.ms : Infinity, 'ms', '≤ 100 ms', (v) => v <= 100);
  convergeRun(2, 120_000, true);
  const c = convergeRun(2, 120_000, true);
  console.log(`     with crypto: converged: ${c.ok} after ${(c.virtualMs / 1000).toFixed(1)} s of virtual time`);
  report('solved dmvpn-phase1 with crypto converges (wall)', c.ok ? c.ms : Infinity, 'ms', '≤ 200 ms', (v) => v <= 200);
}

// 3. A hub with 500 spokes, without and with IPsec on every tunnel, each in a process of its own.
{
  const r = convergeInChild(500, false, 600_000);
  console.log(`     converged: ${r.ok} after ${(r.virtualMs / 1000).toFixed(1)} s of virtual time`);
  report('hub with 500 spokes converges (wall)', r.ok ? r.ms / 1000 : Infinity, 's', '≤ 10 s', (v) => v <= 10);
  report('hub with 500 spokes: RSS', r.rssMb, 'MB', '≤ 500 MB', (v) => v <= 500);
  const c = convergeInChild(500, true, 600_000);
  console.log(`     with crypto: converged: ${c.ok} after ${(c.virtualMs / 1000).toFixed(1)} s of virtual time`);
  report('hub with 500 spokes and crypto converges (wall)', c.ok ? c.ms / 1000 : Infinity, 's', '≤ 20 s', (v) => v <= 20);
  report('hub with 500 spokes and crypto: RSS', c.rssMb, 'MB', '≤ 600 MB', (v) => v <= 600);
}

// 4. 24 h of virtual time on the solved lab, RSS flat within 10 % (see _soak.mjs). Issue 2's budget is
// for its solved lab (seed 000 without crypto); the same soak with the crypto is printed for reference.
function soakInChild(crypto) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--min-semi-space-size=16', join(root, 'bench/_soak.mjs'), crypto ? 'crypto' : 'plain'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`_soak.mjs exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
{
  const plain = soakInChild(false);
  report('24 h of virtual time on the solved lab (wall)', plain.s, 's', '≤ 5 s', (v) => v <= 5);
  report('24 h soak: RSS growth', plain.rssGrowth, '%', '≤ 10 %', (v) => v <= 10);
  console.log(`     live heap growth ${plain.heapGrowth.toFixed(1)} %; still converged after 24 h: ${plain.converged}`);
  const c = soakInChild(true);
  console.log(`     for reference, the same 24 h with seed 000's crypto (ESP on every packet, rekeys): ${c.s.toFixed(2)} s wall,`);
  console.log(`     RSS growth ${c.rssGrowth.toFixed(1)} %, live heap growth ${c.heapGrowth.toFixed(1)} %, still converged: ${c.converged}`);
}

finish();
