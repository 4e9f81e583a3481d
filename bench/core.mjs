// Issue 2 budgets: CLI start-up, solved-lab convergence, a 500-spoke hub, and a 24 h virtual soak.
// Issue 3 budgets: the same convergence figures with seed 000's crypto (tunnel protection) running.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { report, finish, rssMb } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadLab } = await import(join(root, 'dist/lab/catalog.js'));

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

/** Converged: every spoke's loopbacks are EIGRP routes on the hub, and Spoke1 has the last spoke's. */
function converged(lab, spokes) {
  const hubD = lab.router('Hub').rib.routes().filter((r) => r.code === 'D').length;
  const s1D = lab.router('Spoke1').rib.routes().filter((r) => r.code === 'D').length;
  return hubD >= 4 * spokes && (spokes < 2 || s1D >= 4 * spokes);
}

/** The solved lab carries seed 000's crypto; issue 2's figures are for the same lab without it. */
function withoutCrypto(spokes) {
  const names = ['Hub', ...Array.from({ length: spokes }, (_, i) => `Spoke${i + 1}`)];
  return names.map((router) => ({ router, lines: ['interface Tunnel0', ' no tunnel protection ipsec profile DMVPN-IPSEC'] }));
}

function convergeRun(spokes, limitMs, crypto = false) {
  const t0 = performance.now();
  const lab = loadLab({ lab: 'dmvpn-phase1', start: 'solved', seed: 1, spokes, overlay: crypto ? [] : withoutCrypto(spokes) });
  // Checked every 100 ms of virtual time: counting thousands of routes after every event would
  // measure the check rather than the simulator.
  let ok = converged(lab, spokes);
  while (!ok && lab.scheduler.now() < limitMs) {
    lab.scheduler.runFor(100);
    ok = converged(lab, spokes);
  }
  return { ms: performance.now() - t0, ok, lab, virtual: lab.scheduler.now() };
}

// 2. Solved lab converging from power-on.
{
  convergeRun(2, 120_000); // warm the JIT once; the figure is the second run
  const r = convergeRun(2, 120_000);
  console.log(`     converged: ${r.ok} after ${(r.virtual / 1000).toFixed(1)} s of virtual time`);
  report('solved dmvpn-phase1 converges from power-on (wall)', r.ok ? r.ms : Infinity, 'ms', '≤ 100 ms', (v) => v <= 100);
  convergeRun(2, 120_000, true);
  const c = convergeRun(2, 120_000, true);
  console.log(`     with crypto: converged: ${c.ok} after ${(c.virtual / 1000).toFixed(1)} s of virtual time`);
  report('solved dmvpn-phase1 with crypto converges (wall)', c.ok ? c.ms : Infinity, 'ms', '≤ 200 ms', (v) => v <= 200);
}

// 3. A hub with 500 spokes.
{
  global.gc?.();
  const r = convergeRun(500, 600_000);
  console.log(`     converged: ${r.ok} after ${(r.virtual / 1000).toFixed(1)} s of virtual time`);
  report('hub with 500 spokes converges (wall)', r.ok ? r.ms / 1000 : Infinity, 's', '≤ 10 s', (v) => v <= 10);
  report('hub with 500 spokes: RSS', rssMb(), 'MB', '≤ 500 MB', (v) => v <= 500);
}

// 3b. A hub with 500 spokes, every tunnel protected by IPsec (its own process's figures would be
// cleaner; a collection first keeps the previous run's garbage out of the RSS reading).
{
  global.gc?.();
  const r = convergeRun(500, 600_000, true);
  console.log(`     with crypto: converged: ${r.ok} after ${(r.virtual / 1000).toFixed(1)} s of virtual time`);
  report('hub with 500 spokes and crypto converges (wall)', r.ok ? r.ms / 1000 : Infinity, 's', '≤ 20 s', (v) => v <= 20);
  global.gc?.();
  report('hub with 500 spokes and crypto: RSS', rssMb(), 'MB', '≤ 600 MB', (v) => v <= 600);
}

// 4. 24 h of virtual time on the solved lab, RSS flat within 10 %.
{
  global.gc?.();
  const lab = loadLab({ lab: 'dmvpn-phase1', start: 'solved', seed: 1 });
  lab.scheduler.runFor(3_600_000); // first hour: caches and tables reach their steady size
  global.gc?.();
  const before = rssMb();
  const t0 = performance.now();
  lab.scheduler.runFor(24 * 3_600_000);
  const ms = performance.now() - t0;
  global.gc?.();
  const after = rssMb();
  report('24 h of virtual time on the solved lab (wall)', ms / 1000, 's', '≤ 5 s', (v) => v <= 5);
  report('24 h soak: RSS growth', ((after - before) / before) * 100, '%', '≤ 10 %', (v) => v <= 10);
  console.log(`     still converged after 24 h: ${converged(lab, 2)}`);
}

finish();
