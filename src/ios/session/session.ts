/**
 * One IOS console line: keys in, completed lines and an input line out (ConsoleSessionApi).
 *
 * The session is always in one of these states; keys go to whichever is on top:
 *
 *   --More--   the pager holds output           Space / Enter / other key
 *   dialog     a command asked a question       line editing, Enter answers, Ctrl-C aborts
 *   busy       a command runs over virtual time keys wait (type-ahead); Ctrl-^ / Ctrl-C break it
 *   logged out after `exit` in EXEC             Enter starts a new EXEC session
 *   prompt     idle at `Hub#`                   line editing, `?`, Tab, Enter runs the line
 *
 * Time comes only from the injected clock; nothing here reads the wall clock.
 */

import type { ConsoleLine, ConsoleSessionApi, InputLine } from '../console-api.js';
import type { CommandContext, ModeId } from '../grammar/types.js';
import { CommandRegistry, type ModeEntry } from '../grammar/registry.js';
import { DEFAULT_INTERFACE_TYPES } from '../grammar/ifname.js';
import { KeyReader, CTRL_EDITS, KEY_EDITS, type Key } from './keys.js';
import { edit, emptyEdit, remember, type EditAction, type EditState } from './lineedit.js';
import { Pager } from './pager.js';
import { OutputFilter } from './pipes.js';
import { ModeTable, STANDARD_MODES } from './modes.js';
import { ModeStack } from './modestack.js';
import { builtinCommands, SESSION_CONTROL, type SessionControl } from './builtins.js';
import { planLine, helpLines, completion, type Grammar, type Plan } from './dispatch.js';
import { CONFIG_EXIT_MESSAGE, type ConsoleSessionOptions } from './options.js';
import { connectToHost } from './connect.js';
import { ConsoleOutput, splitText } from './output.js';
import { CommandRunner, type Running } from './runner.js';

export type { ConsoleClock, ConsoleSessionOptions } from './options.js';
export { CONFIG_EXIT_MESSAGE } from './options.js';

const isBreak = (k: Key): boolean => k.t === 'ctrl' && (k.c === '\x1e' || k.c === '\x03');

export class ConsoleSession<D> implements ConsoleSessionApi {
  readonly name: string;
  /** Hooks the router layer may set after construction (domain lookup, enable secret, …). */
  readonly options: ConsoleSessionOptions<D>;
  private readonly modes: ModeTable;
  private readonly grammar: Grammar<D>;
  private readonly stack: ModeStack;
  private edit: EditState;
  private readonly histories = { exec: [] as string[], config: [] as string[] };
  private readonly keys = new KeyReader();
  /** Type-ahead: keys not yet handled, from `head` on (a paste can be long; no shifting). */
  private pending: Key[] = [];
  private head = 0;
  private readonly out: ConsoleOutput;
  private readonly pager: Pager;
  private readonly runner: CommandRunner;
  private loggedOut = false;
  private literalNext = false;
  private pumping = false;

  constructor(options: ConsoleSessionOptions<D>) {
    this.name = options.name;
    this.options = options;
    this.modes = new ModeTable(options.modes ?? STANDARD_MODES);
    this.grammar = {
      modes: this.modes,
      ifTypes: options.interfaceTypes ?? DEFAULT_INTERFACE_TYPES,
      entries: mergedEntries(new CommandRegistry<D>().addAll(builtinCommands<D>(this.modes)), options.registry),
    };
    this.stack = new ModeStack(this.modes, options.initialMode ?? 'user-exec', ({ config, familyChanged }) => {
      if (familyChanged) this.edit = emptyEdit(this.histories[this.stack.family]);
      if (!config) return;
      try {
        this.options.onConfigExit?.(CONFIG_EXIT_MESSAGE);
      } catch {
        // the logger's problem, not the console's
      }
    });
    this.edit = emptyEdit(this.histories[this.stack.family]);
    this.out = new ConsoleOutput(() => options.clock.now());
    const emit = this.out.emit.bind(this.out);
    this.pager = new Pager((l) => emit(l.text, l.kind), options.terminalLength ?? 24);
    this.runner = new CommandRunner(this.pager, emit, () => this.settled(), () => this.pumping);
  }

  // ---- ConsoleSessionApi --------------------------------------------------------------------

  input(keys: string): void {
    try {
      for (const k of this.keys.read(String(keys))) this.pending.push(k);
      this.pump();
    } catch (e) {
      this.runner.internalError(e, null);
    }
    this.out.input(this.inputLine());
  }

  onLine(listener: (line: ConsoleLine) => void): () => void {
    return this.out.onLine(listener);
  }

  onInputChange(listener: (line: InputLine | null) => void): () => void {
    return this.out.onInputChange(listener);
  }

  inputLine(): InputLine | null {
    if (this.loggedOut) return { prompt: '', buffer: '', cursor: 0 };
    if (this.pager.paused) return { prompt: ' --More-- ', buffer: '', cursor: 0 };
    const d = this.runner.dialog;
    if (d) return { prompt: d.prompt, buffer: d.secret ? '' : d.edit.buffer, cursor: d.secret ? 0 : d.edit.cursor };
    if (this.runner.current) return null;
    return { prompt: this.prompt(), buffer: this.edit.buffer, cursor: this.edit.cursor };
  }

  isReady(): boolean {
    return !this.loggedOut && !this.runner.current && !this.runner.dialog && !this.pager.paused && this.head >= this.pending.length;
  }

  setTerminalLength(rows: number): void {
    this.pager.setLength(Number.isFinite(rows) ? Math.max(0, Math.floor(rows)) : 24);
  }

  // ---- for the router layer -------------------------------------------------------------------

  /** Deliver a debug or syslog line (already timestamped) to this console, as a completed line. */
  asyncLine(text: string, kind: 'debug' | 'syslog'): void {
    for (const l of splitText(text)) this.out.emit(l, kind);
    this.out.input(this.inputLine());
  }

  get mode(): ModeId {
    return this.stack.mode;
  }

  get modeData(): Readonly<Record<string, string>> {
    return this.stack.data;
  }

  prompt(): string {
    return this.hostName() + (this.modes.get(this.mode)?.promptSuffix ?? '#');
  }

  private hostName(): string {
    try {
      return String(this.options.hostname());
    } catch {
      return 'Router';
    }
  }

  // ---- keys -----------------------------------------------------------------------------------

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.runner.current && !this.runner.dialog && !this.pager.paused) {
          // Busy: typed keys wait, but a break reaches the running command at once.
          const ix = this.pending.findIndex((k, i) => i >= this.head && isBreak(k));
          if (ix < 0) break;
          this.pending.splice(ix, 1);
          this.runner.breakRunning();
          continue;
        }
        const k = this.pending[this.head++];
        if (!k) {
          this.pending = [];
          this.head = 0;
          break;
        }
        try {
          this.handleKey(k);
        } catch (e) {
          this.runner.internalError(e, this.runner.current);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Something finished outside input() (a job, a timer): replay type-ahead and redraw. */
  private settled(): void {
    this.pump();
    this.out.input(this.inputLine());
  }

  private handleKey(k: Key): void {
    if (this.pager.paused) {
      this.pager.key(k.t === 'char' && k.c === ' ' ? 'space' : k.t === 'key' && k.k === 'enter' ? 'enter' : 'other');
      if (!this.pager.paused) this.runner.finish();
      return;
    }
    if (this.runner.dialog) return this.runner.dialogKey(this.runner.dialog, k);
    if (this.loggedOut) {
      if (k.t === 'key' && k.k === 'enter') this.loggedOut = false;
      return;
    }
    this.promptKey(k);
  }

  private promptKey(k: Key): void {
    if (k.t === 'char') {
      if (k.c === '?' && !this.literalNext) return this.help();
      this.literalNext = false;
      // Plain characters queued right behind this one (a paste, a script line) go in as one insert.
      let text = k.c;
      while (this.head < this.pending.length) {
        const next = this.pending[this.head]!;
        if (next.t !== 'char' || next.c === '?') break;
        text += next.c;
        this.head++;
      }
      this.edit = edit(this.edit, { type: 'insert', text });
      return;
    }
    this.literalNext = false;
    if (k.t === 'key') {
      if (k.k === 'enter') return this.submit('');
      if (k.k === 'tab') return this.tab();
      const a = KEY_EDITS[k.k];
      if (a) this.edit = edit(this.edit, { type: a } as EditAction);
      return;
    }
    const a = CTRL_EDITS[k.c];
    if (a) {
      this.edit = edit(this.edit, { type: a } as EditAction);
    } else if (k.c === '\x16') {
      this.literalNext = true; // Ctrl-V: the next key (a `?`) is typed literally
    } else if (k.c === '\x1a') {
      if (this.stack.family === 'config') this.submit('^Z');
    } else if (k.c === '\x03') {
      this.out.emit(this.prompt() + this.edit.buffer + '^C', 'echo');
      this.edit = emptyEdit(this.histories[this.stack.family]);
      this.stack.end();
    } else if (k.c === '\x0c' || k.c === '\x12') {
      this.out.emit(this.prompt() + this.edit.buffer, 'echo'); // Ctrl-L / Ctrl-R redisplay the line
    }
  }

  // ---- the prompt's actions ---------------------------------------------------------------------

  /** Enter (or Ctrl-Z, which runs the line and then leaves configuration mode). */
  private submit(suffix: string): void {
    const line = this.edit.buffer;
    const prompt = this.prompt();
    this.out.emit(prompt + line + suffix, 'echo');
    const fam = this.stack.family;
    this.histories[fam] = remember(this.histories[fam], line);
    this.edit = emptyEdit(this.histories[fam]);
    this.execute(line, prompt.length, suffix === '^Z' ? () => this.stack.end() : undefined);
  }

  /** `?`: answered at once; the line stays as typed (the `?` is not inserted). */
  private help(): void {
    const text = this.edit.buffer.slice(0, this.edit.cursor);
    this.out.emit(this.prompt() + text + '?', 'echo');
    const run = this.runner.begin();
    for (const l of helpLines(this.grammar, this.mode, text)) this.pager.push(l);
    run.returned = true;
    this.runner.finish();
  }

  /** Tab completes in place; when it cannot, IOS shows the line again on a new line. */
  private tab(): void {
    const { buffer, cursor } = this.edit;
    const line = cursor === buffer.length ? completion(this.grammar, this.mode, buffer) : undefined;
    if (line === undefined || line === buffer) this.out.emit(this.prompt() + buffer, 'echo');
    else this.edit = edit(this.edit, { type: 'set', buffer: line });
  }

  private execute(line: string, promptLength: number, afterFinish?: () => void): void {
    let plan: Plan<D>;
    try {
      plan = planLine(this.grammar, this.mode, line, promptLength);
    } catch (e) {
      this.runner.internalError(e, null);
      plan = { k: 'nothing' };
    }
    if (plan.k === 'nothing') {
      afterFinish?.();
      return;
    }
    const run = this.runner.begin(afterFinish);
    try {
      if (plan.k === 'error') for (const l of plan.lines) this.pager.push(l);
      else if (plan.k === 'host') connectToHost(this.runner.beginAsync(run), plan.host, this.options);
      else this.invoke(run, plan);
    } catch (e) {
      this.runner.internalError(e, run);
    }
    run.returned = true;
    this.runner.finish();
  }

  private invoke(run: Running, plan: Extract<Plan<D>, { k: 'run' }>): void {
    if (plan.mode !== this.mode && !plan.viaDo) this.stack.leaveTo(plan.mode);
    if (plan.filter) run.filter = new OutputFilter(plan.filter.spec, plan.filter.re);
    const def = plan.entry.cmd.def;
    const variant = plan.entry.variant;
    const handler = variant === 'run' ? def.run : variant === 'no' ? def.no : (def.default ?? def.no);
    handler?.call(def, this.context(run, plan.mode, variant === 'no', variant === 'default'), plan.args);
  }

  private context(run: Running, mode: ModeId, negated: boolean, defaulted: boolean): CommandContext<D> {
    const r = this.runner;
    const control: SessionControl = {
      exitMode: () => {
        if (!this.stack.exit()) this.logout(run);
      },
      endConfig: () => this.stack.end(),
      logout: () => this.logout(run),
      enableSecret: () => this.options.enableSecret?.(),
    };
    return {
      device: this.options.device,
      mode,
      modeData: mode === this.mode ? { ...this.modeData } : {},
      negated,
      defaulted,
      print: (text) => r.write(run, text, 'output'),
      error: (text) => r.write(run, text, 'error'),
      enterMode: (m, data) => this.stack.enter(m, data ?? {}),
      beginAsync: () => r.beginAsync(run),
      ask: (prompt, answer, opts) => r.ask(run, prompt, answer, opts?.secret ?? false),
      setTerminalLength: (rows) => this.setTerminalLength(rows),
      [SESSION_CONTROL]: control,
    } as CommandContext<D>;
  }

  /** `exit` at the EXEC: the console line is released and waits for RETURN, as on a router. */
  private logout(run: Running): void {
    this.stack.enter('user-exec', {});
    this.runner.write(run, `\n${this.hostName()} con0 is now available\n\n\n\n\n\nPress RETURN to get started.\n\n\n`, 'output');
    this.loggedOut = true;
  }
}

/**
 * Built-ins first, then the router's commands. The registry may grow after the session starts, so
 * the merged list is rebuilt when its size changes.
 */
function mergedEntries<D>(builtins: CommandRegistry<D>, registry: CommandRegistry<D>): (mode: ModeId) => readonly ModeEntry<D>[] {
  const cache = new Map<ModeId, { n: number; list: ModeEntry<D>[] }>();
  return (mode) => {
    const n = registry.commands().length;
    const hit = cache.get(mode);
    if (hit && hit.n === n) return hit.list;
    const list = [...builtins.entries(mode), ...registry.entries(mode)];
    cache.set(mode, { n, list });
    return list;
  };
}
