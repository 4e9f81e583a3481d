// Shared printing for benchmarks: one line per figure, with its budget and a verdict.
export const results = [];

export function report(name, value, unit, budget, okFn) {
  const ok = okFn(value, budget);
  results.push(ok);
  const v = typeof value === 'number' ? value.toFixed(value < 10 ? 2 : 1) : String(value);
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name.padEnd(58)} ${`${v} ${unit}`.padStart(14)}   budget ${budget}`);
  return ok;
}

export function finish() {
  process.exit(results.every(Boolean) ? 0 : 1);
}

export function rssMb() {
  return process.memoryUsage().rss / (1024 * 1024);
}
