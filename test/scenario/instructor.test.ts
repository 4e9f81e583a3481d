/**
 * docs/scenarios.md is enough to write a graded scenario: its complete example, taken from the document
 * as an instructor would copy it, runs and grades as the document says. The schema file editors use is
 * the one the loader validates with.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { SCENARIO_SCHEMA } from '../../src/scenario/schema.js';

const doc = readFileSync('docs/scenarios.md', 'utf8');

function exampleFromDoc(): string {
  const section = doc.slice(doc.indexOf('## A complete example'));
  const m = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('docs/scenarios.md has no example block');
  return m[1]!;
}

describe('a scenario written from docs/scenarios.md', () => {
  const scenario = parseScenario(exampleFromDoc(), 'my-ticket.yaml');

  it('loads with its fault and three checks', () => {
    expect(scenario.kind).toBe('ticket');
    expect(scenario.faults).toHaveLength(1);
    expect(scenario.checks.map((c) => c.type)).toEqual(['nhrp-registered', 'eigrp-neighbor', 'route']);
  });

  it('fails the EIGRP checks with the fault in place, and only those', () => {
    const r = runScenario(scenario);
    expect(r.results.map((x) => [x.name, x.passed, x.earned])).toEqual([
      ['Spoke1 registered with its NHS', true, 2],
      ['Spoke1 has EIGRP neighbour 10.1.1.254', false, 0],
      ['Spoke1 has a route to 203.0.113.1/32', false, 0],
    ]);
    expect(r.results[1]!.message).toBe('Spoke1 has no EIGRP adjacency with the hub');
    expect(r.passed).toBe(false);
  });

  it('passes once the documented solution is typed', () => {
    const r = runScenario(scenario, { solved: true });
    expect(r.results.every((x) => x.passed)).toBe(true);
    expect([r.score, r.total]).toEqual([10, 10]);
  });

  it('documents every check type and every top-level field the schema has', () => {
    for (const field of Object.keys(SCENARIO_SCHEMA.properties)) expect(doc).toContain(`| \`${field}\``);
    for (const type of SCENARIO_SCHEMA.properties.checks.items.properties.type.enum) expect(doc).toContain(`| \`${type}\``);
  });
});

describe('scenarios/scenario.schema.json', () => {
  it('is the schema the loader validates with (regenerate with npm run schema)', () => {
    expect(JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(SCENARIO_SCHEMA)));
  });
});
