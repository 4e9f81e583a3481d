/**
 * Command-line parsing for `dmvpn-console [SUBCOMMAND] [OPTIONS] [ARG]`. Errors are one line, for the user.
 */
import type { StartState } from '../lab/runtime-api.js';

export interface CliOptions {
  command: string;
  lab: string;
  start: StartState;
  seed: number;
  spokes: number | undefined;
  speed: number;
  pick: boolean;
  batch: boolean;
  json: boolean;
  solved: boolean;
  configDir: string | undefined;
  help: boolean;
  version: boolean;
  positional: string[];
}

export class UsageError extends Error {}

const COMMANDS = ['tui', 'run', 'play', 'check', 'lab', 'list'];
const STARTS: StartState[] = ['blank', 'underlay', 'solved'];

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    command: 'tui',
    lab: 'dmvpn-phase1',
    start: 'underlay',
    seed: 1,
    spokes: undefined,
    speed: 1,
    pick: false,
    batch: false,
    json: false,
    solved: false,
    configDir: undefined,
    help: false,
    version: false,
    positional: [],
  };
  let startGiven = false;
  const args = [...argv];
  if (args[0] && COMMANDS.includes(args[0])) o.command = args.shift()!;
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const int = (flag: string, text: string, min: number): number => {
    if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${flag} takes a whole number ≥ ${min}, not "${text}"`);
    return Number(text);
  };
  while (args.length > 0) {
    const a = args.shift()!;
    switch (a) {
      case '--lab':
        o.lab = value(a);
        break;
      case '--start': {
        const v = value(a);
        if (!STARTS.includes(v as StartState)) throw new UsageError(`--start takes blank, underlay or solved, not "${v}"`);
        o.start = v as StartState;
        startGiven = true;
        break;
      }
      case '--seed':
        o.seed = int(a, value(a), 0);
        break;
      case '--spokes':
        o.spokes = int(a, value(a), 1);
        break;
      case '--speed': {
        const v = value(a);
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--speed takes a positive number, not "${v}"`);
        o.speed = n;
        break;
      }
      case '--pick':
        o.pick = true;
        break;
      case '--batch':
        o.batch = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--solved':
        o.solved = true;
        break;
      case '--config-dir':
        o.configDir = value(a);
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      case '-V':
      case '--version':
        o.version = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.positional.push(a);
    }
  }
  if (!startGiven && o.command === 'run') o.start = 'underlay';
  return o;
}

export const HELP = `Usage: dmvpn-console [COMMAND] [OPTIONS]

Cisco IOS router consoles for DMVPN and IPsec labs, on a simulated network.

Commands:
  (none), tui          open the lab in split-pane consoles (needs a terminal)
  run [SCRIPT|-]       type a script into the consoles and print the transcript
  play FILE            play a scenario's steps live in the split-pane consoles (--batch: print the transcript)
  lab FILE             graded practice: the task, grading on a key and on exit, hints, a countdown
  check FILE           grade a scenario: one line per check and a total; exit 0 only if all pass
                         --solved       type the scenario's solution (a ticket's fix) first
                         --config-dir D grade saved configurations D/Hub.cfg, D/Spoke1.cfg …
                         --json         the report as JSON
  list                 list the labs and scenarios

Options:
  --lab NAME           lab to load (default dmvpn-phase1)
  --start STATE        blank, underlay or solved (default underlay)
  --seed N             random seed (default 1); same lab, seed and script give the same transcript
  --spokes N           grow the lab to N spokes
  --speed X            virtual seconds per real second in the TUI (default 1)
  --pick               open the lab picker first
  -h, --help           this help
  -V, --version        print the version

Script lines for run: @Hub / @Spoke1 / @ISP switch console, @wait 30s advances time,
@# comment; any other line is typed into the current console followed by Enter.
`;
