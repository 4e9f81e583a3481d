/**
 * argv → subcommand. Every user error is one line on stderr with exit status 2; nothing here prints a
 * stack trace for bad input.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, UsageError, HELP, type CliOptions } from './cli/args.js';
import { runBatch } from './cli/batch.js';
import { loadLab, BUILTIN_LABS, LabNotFoundError } from './lab/catalog.js';
import type { Lab } from './lab/lab.js';
import type { Scenario } from './scenario/model.js';
import type { LoadedEntry, Practice } from './tui/app.js';
import type { PickerEntry } from './tui/picker.js';
import { ScenarioError, loadScenario } from './scenario/load.js';
import { resolveScenario, scenarioFiles } from './scenario/catalog.js';
import { buildScenarioLab, gradeLab, runScenario } from './scenario/run.js';
import { reportJson, reportLines } from './scenario/report.js';

const VERSION = '0.1.0';

function fail(message: string): number {
  process.stderr.write(`dmvpn-console: ${message}\n`);
  return 2;
}

function readScript(path: string | undefined): { text: string; name: string } {
  if (path === undefined || path === '-') return { text: readFileSync(0, 'utf8'), name: '<stdin>' };
  return { text: readFileSync(path, 'utf8'), name: path };
}

async function runTuiCommand(o: CliOptions): Promise<number> {
  const { canRunTui } = await import('./tui/tty.js');
  if (!canRunTui()) {
    return fail('the split-pane consoles need a terminal; for scripts use: dmvpn-console run [--lab NAME] SCRIPT');
  }
  const lab = loadLab({ lab: o.lab, start: o.start, seed: o.seed, spokes: o.spokes });
  const { runTui } = await import('./tui/app.js');
  const flood = Number(process.env.DMVPN_CONSOLE_BENCH_FLOOD ?? 0);
  let stopFlood = () => {};
  if (flood > 0) {
    const { startBenchFlood } = await import('./tui/bench-flood.js');
    stopFlood = startBenchFlood(lab.routers.values().next().value!.log, flood);
  }
  try {
    const load = await pickerLoader(o);
    await runTui(lab, { speed: o.speed, labName: o.lab, pick: o.pick, start: o.start, seed: o.seed }, load);
  } finally {
    stopFlood();
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  let o: CliOptions;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message} (see --help)`);
    throw e;
  }
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (o.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    switch (o.command) {
      case 'list':
        return listAll();
      case 'check':
        return checkCommand(o);
      case 'play':
        return o.batch ? playBatch(o) : await scenarioTui(o, 'play');
      case 'lab':
        return await scenarioTui(o, 'practice');
      case 'run': {
        let script: { text: string; name: string };
        try {
          script = readScript(o.positional[0]);
        } catch {
          return fail(`cannot read script ${o.positional[0] ?? '<stdin>'}`);
        }
        const lab = loadLab({ lab: o.lab, start: o.start, seed: o.seed, spokes: o.spokes });
        return runBatch(lab, script.text, script.name, {
          out: (l) => process.stdout.write(`${l}\n`),
          err: (l) => process.stderr.write(`${l}\n`),
        });
      }
      case 'tui':
        return await runTuiCommand(o);
      default:
        return fail(`"${o.command}" is not available yet`);
    }
  } catch (e) {
    if (e instanceof LabNotFoundError) return fail(e.message);
    if (e instanceof ScenarioError) return fail(e.message);
    if (e instanceof UsageError) return fail(`${e.message} (see --help)`);
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
async function pickerLoader(o: CliOptions): Promise<(e: PickerEntry) => LoadedEntry> {
  const { ScenarioPlayer } = await import('./scenario/player.js');
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
async function scenarioTui(o: CliOptions, mode: 'play' | 'practice'): Promise<number> {
  const { canRunTui } = await import('./tui/tty.js');
  if (!canRunTui()) {
    return fail(
      mode === 'play'
        ? 'playing in the split-pane consoles needs a terminal; without one use: dmvpn-console play FILE --batch'
        : 'graded practice needs a terminal; to grade saved configurations use: dmvpn-console check FILE --config-dir DIR',
    );
  }
  const scenario = resolveScenario(scenarioArg(o));
  const lab = buildScenarioLab(scenario);
  const { runTui } = await import('./tui/app.js');
  const { ScenarioPlayer } = await import('./scenario/player.js');
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
