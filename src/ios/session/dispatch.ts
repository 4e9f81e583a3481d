/**
 * What to do with an entered line, decided without side effects (the session carries it out):
 *
 *   comment or blank            → nothing
 *   matches in the current mode → run it
 *   config submode, no match    → try the parent modes up to global config; a match there runs
 *                                  in that mode (the submode is left), as IOS does for
 *                                  `router eigrp 1` typed in interface mode
 *   `do LINE` in config         → the LINE is judged in privileged EXEC; errors reprint that line
 *   EXEC, first word unknown    → a host name to connect to (`Translating "shwo"...`)
 *   otherwise                   → the error of the current mode (IOS reports the submode's own
 *                                  error, not the parent's)
 */

import type { InterfaceTypeDef, ModeId } from '../grammar/types.js';
import type { ModeEntry } from '../grammar/registry.js';
import type { MatchedArgs } from '../grammar/args.js';
import { matchLine, rootCont, splitWords, steps, type MatchResult } from '../grammar/match.js';
import { help as helpFor, complete as completeFor } from '../grammar/assist.js';
import { invalidInput, incomplete, ambiguous, formatLongHelp, formatShortHelp, UNRECOGNIZED, type ErrorLine } from '../grammar/render.js';
import type { ModeTable } from './modes.js';
import { isDoCommand } from './builtins.js';
import { compileIosRegex, type FilterKind, type FilterSpec } from './pipes.js';

export interface Grammar<D> {
  entries(mode: ModeId): readonly ModeEntry<D>[];
  modes: ModeTable;
  ifTypes: readonly InterfaceTypeDef[];
}

export type Plan<D> =
  | { k: 'nothing' }
  | {
      k: 'run';
      /** The mode the command runs in: the current one, a parent (leaving the submode), or EXEC for `do`. */
      mode: ModeId;
      /** Run through `do`: the configuration mode stays as it is. */
      viaDo: boolean;
      entry: ModeEntry<D>;
      args: MatchedArgs;
      filter?: { spec: FilterSpec; re: RegExp };
    }
  | { k: 'error'; lines: ErrorLine[] }
  | { k: 'host'; host: string };

const EXEC = 'priv-exec';

/** A line IOS ignores: blank, or a comment (`!`, and `#`/`;` as the parser also treats them). */
export function isComment(line: string): boolean {
  const t = line.trimStart();
  return t === '' || t.startsWith('!');
}

function errorLines<D>(r: Exclude<MatchResult<D>, { kind: 'ok' }>, line: string, promptLength: number, reprint: boolean): ErrorLine[] {
  switch (r.kind) {
    case 'ambiguous':
      return ambiguous(line);
    case 'incomplete':
      return incomplete();
    case 'invalid':
      return invalidInput(promptLength, line, r.errorIndex, reprint);
  }
}

function withFilter<D>(
  r: Extract<MatchResult<D>, { kind: 'ok' }>,
  mode: ModeId,
  line: string,
  promptLength: number,
  reprint: boolean,
): Plan<D> {
  const get = (name: string) => r.internal.find((c) => c.tok.name === name);
  const filter = get('__filter');
  const regex = get('__regex');
  const viaDo = reprint;
  if (!filter || !regex) return { k: 'run', mode, viaDo, entry: r.entry, args: r.args };
  const re = compileIosRegex(regex.value);
  if (!re) {
    const at = splitWords(line)[regex.wordIndex]?.start ?? 0;
    return { k: 'error', lines: invalidInput(promptLength, line, at, reprint) };
  }
  const spec: FilterSpec = {
    kind: filter.value as FilterKind,
    sectionExclude: get('__secop')?.value === 'exclude',
    regex: regex.value,
  };
  return { k: 'run', mode, viaDo, entry: r.entry, args: r.args, filter: { spec, re } };
}

/** Does `word` abbreviate a first keyword of `mode`? */
function startsCommand<D>(g: Grammar<D>, mode: ModeId, word: string): boolean {
  const w = word.toLowerCase();
  return g.entries(mode).some((e) => steps(rootCont(e.root)).some((s) => s.tok.kind === 'keyword' && s.tok.text.toLowerCase().startsWith(w)));
}

function planExec<D>(g: Grammar<D>, mode: ModeId, line: string, promptLength: number, reprint: boolean): Plan<D> {
  const r = matchLine(g.entries(mode), line, g.ifTypes);
  if (r.kind === 'ok') return withFilter(r, mode, line, promptLength, reprint);
  if (r.kind === 'invalid' && r.firstWordUnknown) {
    const first = splitWords(line)[0]!.text;
    // `configure terminal` at `Router>` is a command the user may not run yet, not a host name.
    if (mode !== 'user-exec' || !startsCommand(g, EXEC, first)) return { k: 'host', host: first };
  }
  return { k: 'error', lines: errorLines(r, line, promptLength, reprint) };
}

/** Decide what an entered line does in `mode`. `promptLength` places the caret. */
export function planLine<D>(g: Grammar<D>, mode: ModeId, line: string, promptLength: number): Plan<D> {
  if (isComment(line)) return { k: 'nothing' };
  if (!g.modes.isConfig(mode)) return planExec(g, mode, line, promptLength, false);

  const first = matchLine(g.entries(mode), line, g.ifTypes);
  if (first.kind === 'ok') {
    if (isDoCommand(first.entry.cmd.def)) {
      const inner = first.args.get('LINE') ?? '';
      return isComment(inner) ? { k: 'nothing' } : planExec(g, EXEC, inner, 0, true);
    }
    return { k: 'run', mode, viaDo: false, entry: first.entry, args: first.args };
  }
  if (first.kind !== 'ambiguous') {
    for (const parent of g.modes.chain(mode).slice(1)) {
      if (!g.modes.isConfig(parent)) break;
      const r = matchLine(g.entries(parent), line, g.ifTypes);
      if (r.kind === 'ok' && !isDoCommand(r.entry.cmd.def)) return { k: 'run', mode: parent, viaDo: false, entry: r.entry, args: r.args };
      if (r.kind === 'ambiguous') return { k: 'error', lines: ambiguous(line) };
    }
  }
  return { k: 'error', lines: errorLines(first, line, promptLength, false) };
}

/**
 * `do` in a configuration mode hands everything after it to privileged EXEC for `?` and Tab
 * (`do sh?`, `do show ?`); `do ?` itself lists `LINE  Exec Command`.
 */
function splitDo<D>(g: Grammar<D>, mode: ModeId, text: string): string | undefined {
  if (!g.modes.isConfig(mode)) return undefined;
  const m = /^([ \t]*)(\S+)[ \t]+(.*)$/s.exec(text);
  if (!m || m[3] === '') return undefined;
  const w = m[2]!.toLowerCase();
  if (!'do'.startsWith(w)) return undefined;
  const rivals = new Set<string>();
  for (const e of g.entries(mode)) {
    for (const s of steps(rootCont(e.root))) {
      if (s.tok.kind === 'keyword' && s.tok.text.toLowerCase().startsWith(w)) rivals.add(s.tok.text.toLowerCase());
    }
  }
  return w === 'do' || (rivals.size === 1 && rivals.has('do')) ? m[3] : undefined;
}

/** The lines `?` prints for the text before the cursor (the trailing blank line included). */
export function helpLines<D>(g: Grammar<D>, mode: ModeId, text: string): ErrorLine[] {
  const inner = splitDo(g, mode, text);
  const [m, t] = inner !== undefined ? [EXEC, inner] : [mode, text];
  const r = helpFor(g.entries(m), t, g.ifTypes);
  const out = (lines: string[]): ErrorLine[] => lines.map((text) => ({ text, kind: 'output' as const }));
  switch (r.kind) {
    case 'unrecognized':
      return [{ text: UNRECOGNIZED, kind: 'error' }];
    case 'ambiguous':
      return ambiguous(t);
    case 'short':
      return out([...formatShortHelp(r.words), '']);
    case 'long': {
      const header = t.trim() === '' ? g.modes.get(m)?.helpHeader : undefined;
      return out([...(header ? [header] : []), ...formatLongHelp(r.items, r.cr), '']);
    }
  }
}

/** Tab: the line with its last word completed, or undefined when IOS would just show the line again. */
export function completion<D>(g: Grammar<D>, mode: ModeId, text: string): string | undefined {
  const inner = splitDo(g, mode, text);
  const r = inner !== undefined ? completeFor(g.entries(EXEC), inner, g.ifTypes) : completeFor(g.entries(mode), text, g.ifTypes);
  if (r.kind === 'none') return undefined;
  const last = /\S+$/.exec(text)!;
  return text.slice(0, last.index) + r.word;
}
