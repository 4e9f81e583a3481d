/**
 * argv → subcommand. Every user error is one line on stderr with exit status 2; nothing here prints a
 * stack trace for bad input.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, UsageError, HELP, type CliOptions } from './cli/args.js';
import { runBatch } from './cli/batch.js';
import { loadLab, LabNotFoundError } from './lab/catalog.js';

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
    const { pickerLoader } = await import('./cli/scenario-commands.js');
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
      case 'check':
      case 'play':
      case 'lab': {
        // Loaded only for these commands: YAML and the schema validator cost start-up time `run` should not pay.
        const { scenarioCommand } = await import('./cli/scenario-commands.js');
        return await scenarioCommand(o, fail);
      }
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
    if (e instanceof UsageError) return fail(`${e.message} (see --help)`);
    throw e;
  }
}
