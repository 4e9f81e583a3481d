/**
 * The scenario subcommands: `list`, `check`, `play` (TUI or `--batch`) and `lab` (graded practice), and
 * what the TUI's picker loads for a scenario. Errors in scenario files are one line with file:line:col.
 */
import { UsageError, type CliOptions } from './args.js';
import { loadLab, BUILTIN_LABS } from '../lab/catalog.js';
import type { Lab } from '../lab/lab.js';
import type { Scenario } from '../scenario/model.js';
import type { LoadedEntry, Practice } from '../tui/app.js';
import type { PickerEntry } from '../tui/picker.js';
import { ScenarioError, loadScenario } from '../scenario/load.js';
import { resolveScenario, scenarioFiles } from '../scenario/catalog.js';
import { buildScenarioLab, gradeLab, runScenario } from '../scenario/run.js';
import { reportJson, reportLines } from '../scenario/report.js';

type Fail = (message: string) => number;

export async function scenarioCommand(o: CliOptions, fail: Fail): Promise<number> {
  try {
    switch (o.command) {
      case 'list':
        return listAll();
      case 'check':
        return checkCommand(o);
      case 'play':
        return o.batch ? playBatch(o) : await scenarioTui(o, 'play', fail);
      default:
        return await scenarioTui(o, 'practice', fail);
    }
  } catch (e) {
    if (e instanceof ScenarioError) return fail(e.message);
    throw e;
  }
}

function listAll(): number {
  const out = (l: string) => process.stdout.write(`${l}\n`);
  out('Labs:');
  for (const l of BUILTIN_LABS) out(`  ${l.name.padEnd(26)} ${l.description}`);
  out('Scenarios:');
  for (const file of scenarioFiles()) {
    try {
      const s = loadScenario(file);
      out(`  ${s.id.padEnd(26)} ${s.kind.padEnd(8)} ${s.title}`);
    } catch (e) {
      out(`  ${e instanceof ScenarioError ? e.message : String(e)}`);
    }
  }
  return 0;
}

function scenarioArg(o: CliOptions): string {
  const file = o.positional[0];
  if (file === undefined) throw new UsageError(`${o.command} needs a scenario file or name`);
  return file;
}

function checkCommand(o: CliOptions): number {
  const scenario = resolveScenario(scenarioArg(o));
  const report = runScenario(scenario, { solved: o.solved, configDir: o.configDir });
  if (o.json) process.stdout.write(`${reportJson(report)}\n`);
  else for (const l of reportLines(report)) process.stdout.write(`${l}\n`);
  return report.passed ? 0 : 1;
}

/** What choosing an entry in the TUI's picker loads: a lab, or a scenario to play or practise. */
export async function pickerLoader(o: CliOptions): Promise<(e: PickerEntry) => LoadedEntry> {
  const { ScenarioPlayer } = await import('../scenario/player.js');
  return (e) => {
    if (e.scenario === undefined) return { lab: loadLab({ lab: e.lab, start: e.start, seed: o.seed, spokes: o.spokes }), labName: e.lab };
    const scenario = loadScenario(e.scenario);
    const lab = buildScenarioLab(scenario);
    const labName = `${scenario.id} on ${scenario.lab}`;
    if (scenario.kind === 'playback') return { lab, labName, player: new ScenarioPlayer(lab, scenario.steps) };
    return { lab, labName, practice: practiceOf(lab, scenario) };
  };
}

function practiceOf(lab: Lab, scenario: Scenario): Practice {
  return { title: scenario.title, description: scenario.description, hints: scenario.hints, grade: () => reportLines(gradeLab(lab, scenario)), timeLimitMs: scenario.timeLimitMs };
}

/**
 * A scenario in the split-pane TUI: `play FILE` (its steps typed live with narration) or `lab FILE`
 * (graded practice, graded again on exit once the screen is restored).
 */
async function scenarioTui(o: CliOptions, mode: 'play' | 'practice', fail: Fail): Promise<number> {
  const { canRunTui } = await import('../tui/tty.js');
  if (!canRunTui()) {
    return fail(
      mode === 'play'
        ? 'playing in the split-pane consoles needs a terminal; without one use: dmvpn-console play FILE --batch'
        : 'graded practice needs a terminal; to grade saved configurations use: dmvpn-console check FILE --config-dir DIR',
    );
  }
  const scenario = resolveScenario(scenarioArg(o));
  const lab = buildScenarioLab(scenario);
  const { runTui } = await import('../tui/app.js');
  const { ScenarioPlayer } = await import('../scenario/player.js');
  const extra = mode === 'play' ? { player: new ScenarioPlayer(lab, scenario.steps) } : { practice: practiceOf(lab, scenario) };
  const labName = `${scenario.id} on ${scenario.lab}`;
  await runTui(lab, { speed: o.speed, labName, start: scenario.start, seed: scenario.seed, ...extra }, await pickerLoader(o));
  if (mode === 'play') return 0;
  const final = gradeLab(lab, scenario);
  process.stdout.write(`${scenario.title}\n${reportLines(final).join('\n')}\n`);
  return final.passed ? 0 : 1;
}

function playBatch(o: CliOptions): number {
  const scenario = resolveScenario(scenarioArg(o));
  const report = runScenario(scenario, { solved: o.solved, transcript: (l) => process.stdout.write(`${l}\n`) });
  // Steps whose output missed their `expect` are reported; the checks are for `check`.
  const missed = report.results.filter((r) => !r.passed && r.name.startsWith('step at '));
  for (const m of missed) process.stderr.write(`${m.name}: ${m.message}\n`);
  return missed.length === 0 ? 0 : 1;
}
