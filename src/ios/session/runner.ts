/**
 * The command in progress, from Enter until it is over: its handler returned, its asynchronous job
 * (if any) is done, its dialog question answered and its output paged through `--More--`. Until
 * then the session is busy and typed keys wait.
 */

import type { AsyncJob } from '../grammar/types.js';
import type { LineKind } from '../console-api.js';
import { edit, emptyEdit, type EditAction, type EditState } from './lineedit.js';
import { CTRL_EDITS, KEY_EDITS, type Key } from './keys.js';
import type { Pager } from './pager.js';
import type { OutputFilter } from './pipes.js';
import { splitText } from './output.js';

export interface Running {
  filter?: OutputFilter;
  returned: boolean;
  async: boolean;
  flushed: boolean;
  finished: boolean;
  breakCbs: (() => void)[];
  afterFinish?: () => void;
}

/** A question a command asked (`Target IP address: `), answered on the input line. */
export interface Dialog {
  prompt: string;
  answer: (text: string) => void;
  secret: boolean;
  edit: EditState;
  owner: Running;
}

export class CommandRunner {
  current: Running | null = null;
  dialog: Dialog | null = null;

  constructor(
    private readonly pager: Pager,
    private readonly emit: (text: string, kind: LineKind) => void,
    /** Called when a job or dialog changes state outside a key press: replay type-ahead, redraw. */
    private readonly settled: () => void,
    private readonly inKeyHandling: () => boolean,
  ) {}

  begin(afterFinish?: () => void): Running {
    const run: Running = { returned: false, async: false, flushed: false, finished: false, breakCbs: [] };
    if (afterFinish) run.afterFinish = afterFinish;
    this.current = run;
    this.pager.reset();
    return run;
  }

  /** Command output: through its `| filter`, then the pager; late output goes straight out. */
  write(run: Running, text: string, kind: 'output' | 'error'): void {
    for (const line of splitText(text)) {
      if (run.finished) this.emit(line, kind);
      else if (kind === 'output' && run.filter) for (const f of run.filter.push(line)) this.pager.push({ text: f, kind });
      else this.pager.push({ text: line, kind });
    }
  }

  /** A handler threw: IOS-style error line, and the console carries on. */
  internalError(e: unknown, run: Running | null): void {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
    if (run && !run.finished) this.pager.push({ text: `% Internal error: ${msg}`, kind: 'error' });
    else this.emit(`% Internal error: ${msg}`, 'error');
  }

  /** Close the current command if nothing holds it any more. */
  finish(): void {
    const run = this.current;
    if (!run || !run.returned || run.async || this.dialog?.owner === run) return;
    if (run.filter && !run.flushed) {
      run.flushed = true;
      for (const l of run.filter.end()) this.pager.push({ text: l, kind: 'output' });
    }
    if (this.pager.paused) return;
    run.finished = true;
    this.current = null;
    if (run.afterFinish) {
      try {
        run.afterFinish();
      } catch (e) {
        this.internalError(e, null);
      }
    }
  }

  /** Ctrl-^ or Ctrl-C while a command runs. */
  breakRunning(): void {
    const run = this.current;
    if (!run) return;
    for (const cb of [...run.breakCbs]) {
      try {
        cb();
      } catch (e) {
        this.internalError(e, run);
      }
    }
  }

  beginAsync(run: Running): AsyncJob {
    run.async = true;
    return {
      print: (text) => this.write(run, text, 'output'),
      error: (text) => this.write(run, text, 'error'),
      ask: (prompt, answer, opts) => this.ask(run, prompt, answer, opts?.secret ?? false),
      done: () => {
        if (!run.async) return;
        run.async = false;
        this.finish();
        this.settled();
      },
      onBreak: (cb) => {
        run.breakCbs.push(cb);
      },
    };
  }

  ask(run: Running, prompt: string, answer: (text: string) => void, secret: boolean): void {
    if (run.finished) return;
    this.dialog = { prompt, answer, secret, edit: emptyEdit(), owner: run };
    if (!this.inKeyHandling()) this.settled();
  }

  /** A key typed while a dialog question is shown: plain editing, Enter answers, Ctrl-C aborts. */
  dialogKey(d: Dialog, k: Key): void {
    if (k.t === 'key' && k.k === 'enter') {
      this.emit(d.prompt + (d.secret ? '' : d.edit.buffer), 'echo');
      this.dialog = null;
      try {
        d.answer(d.edit.buffer);
      } catch (e) {
        this.internalError(e, d.owner);
      }
      this.finish();
      return;
    }
    if (k.t === 'ctrl' && (k.c === '\x03' || k.c === '\x1a' || k.c === '\x1e')) {
      this.emit(d.prompt + (d.secret ? '' : d.edit.buffer), 'echo');
      this.dialog = null;
      this.breakRunning();
      this.finish();
      return;
    }
    // No history and no `?` help in a dialog: `?` is just a character here.
    let a: EditAction | undefined;
    if (k.t === 'char') a = { type: 'insert', text: k.c };
    else if (k.t === 'key' && k.k !== 'up' && k.k !== 'down' && KEY_EDITS[k.k]) a = { type: KEY_EDITS[k.k]! } as EditAction;
    else if (k.t === 'ctrl' && CTRL_EDITS[k.c] && k.c !== '\x10' && k.c !== '\x0e') a = { type: CTRL_EDITS[k.c]! } as EditAction;
    if (a) d.edit = edit(d.edit, a);
  }
}
