/**
 * The scenarios shipped in `scenarios/`, and finding a scenario by path or by its name there.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, extname } from 'node:path';
import { loadScenario, ScenarioError } from './load.js';
import type { Scenario } from './model.js';

/** `scenarios/` of the package (this file is dist/scenario/catalog.js or src/scenario/catalog.ts). */
export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export function scenarioFiles(dir = SCENARIO_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => ['.yaml', '.yml'].includes(extname(n)))
    .sort()
    .map((n) => join(dir, n));
}

/** A path, or the name of a shipped scenario (`ticket-nhrp-auth`). */
export function resolveScenario(nameOrPath: string): Scenario {
  if (existsSync(nameOrPath)) return loadScenario(nameOrPath);
  const shipped = scenarioFiles().find((f) => f.endsWith(`/${nameOrPath}.yaml`) || f.endsWith(`/${nameOrPath}.yml`));
  if (shipped) return loadScenario(shipped);
  throw new ScenarioError(nameOrPath, { line: 1, col: 1 }, 'no such file or shipped scenario (see dmvpn-console list)');
}
