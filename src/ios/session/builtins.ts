/**
 * Commands that belong to the terminal session rather than to the router: moving between modes
 * (`enable`, `disable`, `configure terminal`, `exit`, `end`, `logout`, `do`), `terminal length`
 * and `help`. Each session builds them for its own mode table, so every configuration mode a
 * feature module adds gets `exit`, `end` and `do` with no extra work.
 */

import type { CommandContext, CommandDef } from '../grammar/types.js';
import type { ModeTable } from './modes.js';

/** What the built-ins may ask of the session beyond the public CommandContext. */
export interface SessionControl {
  /** `exit`: to the parent mode; from EXEC, end the session. */
  exitMode(): void;
  /** `end`: back to privileged EXEC. */
  endConfig(): void;
  logout(): void;
  enableSecret(): string | undefined;
}

export const SESSION_CONTROL: unique symbol = Symbol('ios-session-control');

function control(ctx: CommandContext<unknown>): SessionControl {
  return (ctx as unknown as { [SESSION_CONTROL]: SessionControl })[SESSION_CONTROL];
}

const doCommands = new WeakSet<object>();
/** The `do LINE` definition is recognised by the dispatcher, which runs the line in privileged EXEC. */
export function isDoCommand(def: object): boolean {
  return doCommands.has(def);
}

export const CONFIG_BANNER = 'Enter configuration commands, one per line.  End with CNTL/Z.';

const HELP_TEXT = `Help may be requested at any point in a command by entering
a question mark '?'.  If nothing matches, the help list will
be empty and you must backup until entering a '?' shows the
available options.
Two styles of help are provided:
1. Full help is available when you are ready to enter a
   command argument (e.g. 'show ?') and describes each possible
   argument.
2. Partial help is provided when an abbreviated argument is entered
   and you want to know what arguments match the input
   (e.g. 'show pr?'.)
`;

/** IOS asks three times, then gives up. */
function askSecret(ctx: CommandContext<unknown>, secret: string, tries: number): void {
  ctx.ask(
    'Password: ',
    (answer) => {
      if (answer === secret) ctx.enterMode('priv-exec');
      else if (tries > 1) askSecret(ctx, secret, tries - 1);
      else ctx.error('% Bad secrets');
    },
    { secret: true },
  );
}

function enterConfig(ctx: CommandContext<unknown>): void {
  ctx.print(CONFIG_BANNER);
  ctx.enterMode('global');
}

export function builtinCommands<D>(modes: ModeTable): CommandDef<D>[] {
  const exec = ['user-exec', 'priv-exec'];
  const config = modes.configModes();
  const defs: CommandDef<unknown>[] = [
    {
      syntax: 'enable',
      help: { enable: 'Turn on privileged commands' },
      modes: exec,
      privilege: 1,
      run(ctx) {
        if (ctx.mode !== 'user-exec') return;
        const secret = control(ctx).enableSecret();
        if (secret === undefined || secret === '') ctx.enterMode('priv-exec');
        else askSecret(ctx, secret, 3);
      },
    },
    {
      syntax: 'disable',
      help: { disable: 'Turn off privileged commands' },
      modes: exec,
      privilege: 1,
      run(ctx) {
        ctx.enterMode('user-exec');
      },
    },
    {
      syntax: 'configure [terminal]',
      help: { configure: 'Enter configuration mode', terminal: 'Configure from the terminal' },
      modes: ['priv-exec'],
      run(ctx, args) {
        if (args.has('terminal')) {
          enterConfig(ctx);
          return;
        }
        ctx.ask('Configuring from terminal, memory, or network [terminal]? ', (answer) => {
          const a = answer.trim().toLowerCase();
          if (a === '' || 'terminal'.startsWith(a)) enterConfig(ctx);
          else ctx.error('?Must be "terminal", "memory" or "network"');
        });
      },
    },
    {
      syntax: 'exit',
      help: { exit: 'Exit from the EXEC' },
      modes: exec,
      privilege: 1,
      run(ctx) {
        control(ctx).logout();
      },
    },
    {
      syntax: 'logout',
      help: { logout: 'Exit from the EXEC' },
      modes: exec,
      privilege: 1,
      run(ctx) {
        control(ctx).logout();
      },
    },
    {
      syntax: 'terminal length <0-512>',
      help: {
        terminal: 'Set terminal line parameters',
        length: 'Set number of lines on a screen',
        '<0-512>': 'Number of lines on screen (0 for no pausing)',
      },
      modes: exec,
      privilege: 1,
      run(ctx, args) {
        ctx.setTerminalLength(args.num('<0-512>') ?? 24);
      },
    },
    {
      syntax: 'help',
      help: { help: 'Description of the interactive help system' },
      modes: [...exec, ...config],
      privilege: 1,
      run(ctx) {
        ctx.print(HELP_TEXT);
      },
    },
  ];
  if (config.length > 0) {
    defs.push({
      syntax: 'end',
      help: { end: 'Exit from configure mode' },
      modes: config,
      run(ctx) {
        control(ctx).endConfig();
      },
    });
    const doDef: CommandDef<unknown> = {
      syntax: 'do LINE',
      help: { do: 'To run exec commands in config mode', LINE: 'Exec Command' },
      modes: config,
      run() {
        // Never reached: the dispatcher runs the LINE in privileged EXEC itself.
      },
    };
    doCommands.add(doDef);
    defs.push(doDef);
    // One `exit` per configuration mode, since its help names the mode.
    for (const id of config) {
      defs.push({
        syntax: 'exit',
        help: { exit: modes.get(id)?.exitHelp ?? 'Exit from configure mode' },
        modes: [id],
        run(ctx) {
          control(ctx).exitMode();
        },
      });
    }
  }
  return defs as CommandDef<D>[];
}
