// 24 h of virtual time on the solved lab, in a process of its own. Usage:
//   node --expose-gc --min-semi-space-size=16 _soak.mjs crypto|plain
// RSS is to show what the simulator keeps, not how V8 sizes its heap, so (1) the young generation
// starts at its full 16 MB (V8 otherwise grows it from 1 MB a few virtual hours in, a one-off step of
// ~20 MB), and (2) a full collection runs after every virtual hour, as before the first reading: the
// run never yields to the event loop, where V8 would collect and give pages back on its own, so
// without it RSS would count garbage not yet collected. The wall time includes those collections.
// Prints one JSON line: { s, rssGrowth, heapGrowth, converged }.
import { performance } from 'node:perf_hooks';
import { rssMb } from './_report.mjs';
import { converged, loadSolved } from './_converge.mjs';

const lab = loadSolved(2, process.argv[2] === 'crypto');
lab.scheduler.runFor(3_600_000); // first hour: caches and tables reach their steady size
global.gc();
const rssBefore = rssMb();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
for (let hour = 0; hour < 24; hour++) {
  lab.scheduler.runFor(3_600_000);
  global.gc();
}
const s = (performance.now() - t0) / 1000;
const pct = (after, before) => ((after - before) / before) * 100;
console.log(JSON.stringify({ s, rssGrowth: pct(rssMb(), rssBefore), heapGrowth: pct(process.memoryUsage().heapUsed, heapBefore), converged: converged(lab, 2) }));
