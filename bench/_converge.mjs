// One convergence run in a process of its own, so its RSS is its own and not what an earlier run in
// the same process left behind. Usage: node --expose-gc _converge.mjs SPOKES crypto|plain LIMIT_MS.
// Prints one JSON line: { ok, ms, virtualMs, rssMb }.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { rssMb } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadLab } = await import(join(root, 'dist/lab/catalog.js'));

/** Converged: every spoke's loopbacks are EIGRP routes on the hub, and Spoke1 has the last spoke's. */
export function converged(lab, spokes) {
  const hubD = lab.router('Hub').rib.routes().filter((r) => r.code === 'D').length;
  const s1D = lab.router('Spoke1').rib.routes().filter((r) => r.code === 'D').length;
  return hubD >= 4 * spokes && (spokes < 2 || s1D >= 4 * spokes);
}

/** The solved lab carries seed 000's crypto; issue 2's figures are for the same lab without it. */
export function withoutCrypto(spokes) {
  const names = ['Hub', ...Array.from({ length: spokes }, (_, i) => `Spoke${i + 1}`)];
  return names.map((router) => ({ router, lines: ['interface Tunnel0', ' no tunnel protection ipsec profile DMVPN-IPSEC'] }));
}

export function loadSolved(spokes, crypto) {
  return loadLab({ lab: 'dmvpn-phase1', start: 'solved', seed: 1, spokes, overlay: crypto ? [] : withoutCrypto(spokes) });
}

export function convergeRun(spokes, limitMs, crypto) {
  const t0 = performance.now();
  const lab = loadSolved(spokes, crypto);
  // Checked every 100 ms of virtual time: counting thousands of routes after every event would
  // measure the check rather than the simulator.
  let ok = converged(lab, spokes);
  while (!ok && lab.scheduler.now() < limitMs) {
    lab.scheduler.runFor(100);
    ok = converged(lab, spokes);
  }
  return { ms: performance.now() - t0, ok, lab, virtualMs: lab.scheduler.now() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [spokes, mode, limit] = process.argv.slice(2);
  const r = convergeRun(Number(spokes), Number(limit), mode === 'crypto');
  console.log(JSON.stringify({ ok: r.ok, ms: r.ms, virtualMs: r.virtualMs, rssMb: rssMb() }));
}
