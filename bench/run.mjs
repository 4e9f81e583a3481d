// Runs every benchmark in bench/ (npm run bench). Each prints its figures beside their budgets and
// exits non-zero if a budget is missed; this script runs them all and reports which missed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const missed = [];
for (const f of files) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, f)], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) missed.push(f);
}
console.log(missed.length === 0 ? '\nall benchmarks within budget' : `\nover budget or failed: ${missed.join(', ')}`);
process.exit(missed.length === 0 ? 0 : 1);
