/**
 * Running a scenario headless: the lab in its start state with the faults loaded as part of it, the
 * steps typed as a person would (checking their expected output), optionally the solution, time to
 * settle, then the checks. Also grades a learner's saved configurations (`--config-dir`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, extname, basename } from 'node:path';
import { findLab, loadLab } from '../lab/catalog.js';
import { LabConfigError, type Lab } from '../lab/lab.js';
import { LabDriver } from '../lab/driver.js';
import { asStartupConfig } from '../lab/startup-config.js';
import type { ConsoleLine } from '../ios/console-api.js';
import { runCheck, type CheckResult } from './checks.js';
import { ScenarioError } from './load.js';
import type { Scenario, Step } from './model.js';

export interface RunOptions {
  /** Type the scenario's solution (a ticket's documented fix) after the steps. */
  solved?: boolean;
  /** Grade the saved configurations in this directory (`Hub.cfg` …) instead of faults and steps. */
  configDir?: string;
  /** Transcript lines as `run` prints them (`Hub| …`), narration as `@# …`. */
  transcript?: (line: string) => void;
}

export interface ScenarioReport {
  scenario: Scenario;
  results: CheckResult[];
  score: number;
  total: number;
  passed: boolean;
}

export function buildScenarioLab(s: Scenario, opts: RunOptions = {}): Lab {
  if (opts.configDir !== undefined) {
    const routers = findLab(s.lab)!.build(s.spokes).routers.map((r) => r.name);
    const overlay = savedConfigurations(opts.configDir).map((c) => {
      const router = routers.find((r) => r.toLowerCase() === c.router.toLowerCase());
      if (!router) throw new ScenarioError(c.file, { line: 1, col: 1 }, `no router ${c.router} in lab ${s.lab} (expected files named ${routers.join(', ')})`);
      return { router, file: c.file, lines: c.lines };
    });
    try {
      return loadLab({ lab: s.lab, start: 'blank', seed: s.seed, spokes: s.spokes, overlay });
    } catch (e) {
      if (!(e instanceof LabConfigError)) throw e;
      const file = overlay.find((o) => o.router === e.router)?.file ?? opts.configDir;
      throw new ScenarioError(file, { line: 1, col: 1 }, `${e.router} rejected this configuration: ${e.rejected[0]}`);
    }
  }
  try {
    return loadLab({ lab: s.lab, start: s.start, seed: s.seed, spokes: s.spokes, overlay: s.faults.map((f) => ({ router: f.console, lines: f.lines })) });
  } catch (e) {
    if (e instanceof LabConfigError) {
      const fault = s.faults.find((f) => f.console === e.router);
      throw new ScenarioError(s.file, fault?.pos ?? { line: 1, col: 1 }, `fault configuration rejected by ${e.router}: ${e.rejected[0]}`);
    }
    throw e;
  }
}

export function runScenario(s: Scenario, opts: RunOptions = {}): ScenarioReport {
  const lab = buildScenarioLab(s, opts);
  const driver = new LabDriver(lab);
  const out = opts.transcript;
  for (const c of lab.consoles()) c.setTerminalLength(0);
  const unsubscribe = out ? lab.consoles().map((c) => c.onLine((l) => out(`${c.name}| ${l.text}`))) : [];
  const results: CheckResult[] = [];
  try {
    if (opts.configDir === undefined) {
      results.push(...playSteps(lab, driver, s, s.steps, out));
      if (opts.solved && s.solution.length > 0) {
        driver.advance(s.settleMs);
        results.push(...playSteps(lab, driver, s, s.solution, out));
      }
    }
    driver.advance(s.settleMs);
    driver.finish();
  } finally {
    for (const u of unsubscribe) u();
  }
  return report(s, [...results, ...s.checks.map((check) => runCheck(lab, check))]);
}

/** Grade a lab as it stands (graded practice grading on a key, or on exit). */
export function gradeLab(lab: Lab, s: Scenario): ScenarioReport {
  return report(s, s.checks.map((check) => runCheck(lab, check)));
}

function report(s: Scenario, results: CheckResult[]): ScenarioReport {
  const total = results.reduce((a, r) => a + r.points, 0);
  const score = results.reduce((a, r) => a + r.earned, 0);
  return { scenario: s, results, score, total, passed: results.every((r) => r.passed) };
}

/** Type steps; a step whose output misses its `expect` becomes a failed result naming the step. */
export function playSteps(lab: Lab, driver: LabDriver, s: Scenario, steps: Step[], out?: (line: string) => void): CheckResult[] {
  const failures: CheckResult[] = [];
  for (const step of steps) {
    if (step.say !== undefined && out) out(`@# ${step.say}`);
    if (step.kind === 'wait') {
      driver.advance(step.ms);
      continue;
    }
    const c = lab.console(step.console)!;
    const seen: ConsoleLine[] = [];
    const stop = c.onLine((l) => seen.push(l));
    for (const line of step.lines) driver.type(c, line);
    driver.waitReady(c);
    stop();
    if (step.expect && !step.expect.test(seen.map((l) => l.text).join('\n'))) {
      failures.push({
        name: `step at ${s.file}:${step.pos.line} (${step.console}: ${step.lines[step.lines.length - 1]})`,
        passed: false,
        points: 0,
        earned: 0,
        message: `expected output matching /${step.expect.source}/`,
        found: `${seen.length} lines without a match`,
      });
    }
  }
  return failures;
}

/**
 * A learner's saved configurations: one file per router named after it (`Hub.cfg`, `spoke1.txt` …),
 * as `show running-config` prints it. The lines around the configuration itself are left out.
 */
export function savedConfigurations(dir: string): Array<{ router: string; file: string; lines: string[] }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new ScenarioError(dir, { line: 1, col: 1 }, 'cannot read the configuration directory');
  }
  return names
    .filter((n) => ['.cfg', '.txt', '.conf', ''].includes(extname(n)))
    .map((n) => ({
      router: basename(n, extname(n)),
      file: join(dir, n),
      lines: asStartupConfig(
        readFileSync(join(dir, n), 'utf8')
          .split(/\r?\n/)
          .filter((l) => !/^(Building configuration|Current configuration|end\s*$)/.test(l)),
      ),
    }));
}
