/**
 * The grade report `dmvpn-console check` prints: one line per check and a total, or the same as JSON.
 */
import type { ScenarioReport } from './run.js';

export function reportLines(r: ScenarioReport): string[] {
  const width = String(Math.max(1, ...r.results.map((x) => x.points))).length;
  const lines = r.results.map((x) => {
    const pts = `${String(x.earned).padStart(width)}/${String(x.points).padEnd(width)}`;
    if (x.passed) return `PASS  ${pts}  ${x.name}`;
    const why = x.message ? `: ${x.message}` : '';
    return `FAIL  ${pts}  ${x.name}${why} (found: ${x.found})`;
  });
  const passedCount = r.results.filter((x) => x.passed).length;
  lines.push(`Total ${r.score}/${r.total}: ${passedCount} of ${r.results.length} checks passed${r.passed ? '' : ' — not passed'}`);
  return lines;
}

export function reportJson(r: ScenarioReport): string {
  return JSON.stringify(
    {
      scenario: r.scenario.id,
      title: r.scenario.title,
      passed: r.passed,
      score: r.score,
      total: r.total,
      checks: r.results.map((x) => ({ name: x.name, passed: x.passed, points: x.points, earned: x.earned, message: x.message, found: x.found })),
    },
    null,
    2,
  );
}
