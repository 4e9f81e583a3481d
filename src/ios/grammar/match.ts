/**
 * Matching a typed line against a mode's syntax trees, the way the IOS parser does it: every
 * command is tried at once, word by word, and all partial matches are followed to the end of the
 * line (no look-ahead tricks), then the results are judged.
 *
 *   - exactly one complete command            → ok (ties broken: exact keyword > abbreviated keyword
 *                                                > typed parameter > WORD/LINE, word by word)
 *   - a word abbreviates keywords of two
 *     commands, or several complete commands  → ambiguous   `% Ambiguous command:  "sh i"`
 *   - the whole line was read, not complete   → incomplete  `% Incomplete command.`
 *   - otherwise                               → invalid at the deepest character any command reached;
 *                                                inside a keyword that is the first character no
 *                                                keyword shares (`show` in config mode fails at `h`)
 *
 * A path through a command is a continuation: the list of syntax nodes still to match. `steps()`
 * lists the tokens that may come next and what remains after each; `?`, Tab and the matcher share it.
 */

import type { InterfaceTypeDef } from './types.js';
import type { SyntaxNode, Token, ParamToken } from './syntax.js';
import type { ModeEntry } from './registry.js';
import { MatchedArgs, type Capture } from './args.js';
import { readInterfaceWord, readInterfaceUnit } from './ifname.js';

/** A node still to be matched; `ifunit` is the unit word of a two-word interface name. */
type RNode = SyntaxNode | { k: 'ifunit'; type: InterfaceTypeDef; tok: ParamToken };
export type Cont = { node: RNode; next: Cont } | null;

export interface Step {
  tok: Token;
  /** Set when this step is the unit word after an interface type. */
  unitOf?: InterfaceTypeDef;
  after: Cont;
}

function nullable(n: RNode): boolean {
  switch (n.k) {
    case 'tok':
    case 'ifunit':
      return false;
    case 'seq':
      return n.items.every(nullable);
    case 'opt':
    case 'set':
      return true;
    case 'alt':
      return n.options.some(nullable);
  }
}

export function contNullable(c: Cont): boolean {
  for (let x = c; x; x = x.next) if (!nullable(x.node)) return false;
  return true;
}

/** Steps whose token belongs to `n` itself (not to what follows it). */
function ownSteps(n: RNode, next: Cont, out: Step[]): void {
  switch (n.k) {
    case 'tok':
      out.push({ tok: n.tok, after: next });
      return;
    case 'ifunit':
      out.push({ tok: n.tok, unitOf: n.type, after: next });
      return;
    case 'seq': {
      if (n.items.length === 0) return;
      const [head, ...rest] = n.items as [SyntaxNode, ...SyntaxNode[]];
      const restNode: SyntaxNode | undefined = rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { k: 'seq', items: rest };
      ownSteps(head, restNode ? { node: restNode, next } : next, out);
      if (restNode && nullable(head)) ownSteps(restNode, next, out);
      return;
    }
    case 'opt':
      ownSteps(n.body, next, out);
      return;
    case 'alt':
      for (const o of n.options) ownSteps(o, next, out);
      return;
    case 'set':
      n.items.forEach((item, i) => {
        const remaining = n.items.filter((_, j) => j !== i);
        ownSteps(item, remaining.length ? { node: { k: 'set', items: remaining }, next } : next, out);
      });
      return;
  }
}

/**
 * Steps by continuation. Syntax trees never change once registered and a step's `after` is itself a
 * continuation that is reused, so the steps of a continuation are computed once: loading a 500-spoke
 * lab types some 20,000 configuration lines, each first word tried against every command of the mode.
 */
const stepsMemo = new WeakMap<NonNullable<Cont>, Step[]>();
const rootConts = new WeakMap<SyntaxNode, NonNullable<Cont>>();

/** The continuation at the start of a command (one object per syntax tree, so its steps are memoized). */
export function rootCont(root: SyntaxNode): NonNullable<Cont> {
  let c = rootConts.get(root);
  if (!c) rootConts.set(root, (c = { node: root, next: null }));
  return c;
}

/** Every token that may come next after continuation `c` (callers must not change the list). */
export function steps(c: Cont): Step[] {
  if (c === null) return [];
  const memo = stepsMemo.get(c);
  if (memo) return memo;
  const out = computeSteps(c);
  stepsMemo.set(c, out);
  return out;
}

function computeSteps(c: Cont): Step[] {
  const out: Step[] = [];
  for (let x = c; x; x = x.next) {
    ownSteps(x.node, x.next, out);
    if (!nullable(x.node)) break;
  }
  return out;
}

export interface Word {
  text: string;
  start: number;
}

/** Split a line into words at spaces and tabs, remembering where each starts. */
export function splitWords(line: string): Word[] {
  const words: Word[] = [];
  const re = /[^ \t]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push({ text: m[0], start: m.index });
  return words;
}

export interface Path<D> {
  entry: ModeEntry<D>;
  cont: Cont;
  /** Index of the next word to read. */
  at: number;
  tokens: number;
  captures: Capture[];
  /** Strength of each match, word by word (see RANK). */
  ranks: number[];
}

const RANK = { exact: 4, partial: 3, typed: 2, loose: 1 } as const;

export function canEnd<D>(p: Path<D>): boolean {
  if (contNullable(p.cont)) return true;
  const min = p.entry.minTokensAfterPrefix;
  return min !== undefined && p.tokens - 1 >= min;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
export function isIpv4(w: string): boolean {
  const m = IPV4.exec(w);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

function paramValue(tok: ParamToken, word: string): string | undefined {
  switch (tok.type) {
    case 'ipv4':
      return isIpv4(word) ? word : undefined;
    case 'prefix': {
      const [a, len, extra] = word.split('/');
      return extra === undefined && a !== undefined && isIpv4(a) && /^\d{1,2}$/.test(len ?? '') && Number(len) <= 32
        ? word
        : undefined;
    }
    case 'range': {
      if (!/^\d{1,12}$/.test(word) && !/^-\d{1,12}$/.test(word)) return undefined;
      const n = Number(word);
      return n >= (tok.min ?? -Infinity) && n <= (tok.max ?? Infinity) ? String(n) : undefined;
    }
    case 'word':
      return word;
    default:
      return undefined;
  }
}

/** Length of the common prefix of two strings, case-insensitively. */
function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.toLowerCase() === b[i]!.toLowerCase()) i++;
  return i;
}

export interface Walk<D> {
  words: Word[];
  /** Paths that read every word (complete or not). */
  alive: Path<D>[];
  /** Paths at each word index before reading it (frontier[i] read words 0..i-1). */
  frontier: Path<D>[][];
  /** Deepest character offset any path reached before failing. */
  errorIndex: number;
  /**
   * Whether some word abbreviates two different keywords of visible commands (`sh i`: interfaces?
   * ip?). IOS calls the whole line ambiguous then, even if only one reading could complete.
   */
  ambiguous: boolean;
}

function advance<D>(p: Path<D>, cont: Cont, at: number, cap: Capture | undefined, rank: number): Path<D> {
  return {
    entry: p.entry,
    cont,
    at,
    tokens: p.tokens + (cap ? 1 : 0),
    captures: cap ? [...p.captures, cap] : p.captures,
    ranks: [...p.ranks, rank],
  };
}

/**
 * Read `words` through every entry of a mode. `upTo` limits reading to the first words (for `?` and
 * Tab on a partial last word).
 */
export function walk<D>(
  entries: readonly ModeEntry<D>[],
  line: string,
  words: Word[],
  ifTypes: readonly InterfaceTypeDef[],
  upTo = words.length,
): Walk<D> {
  const frontier: Path<D>[][] = Array.from({ length: upTo + 1 }, () => []);
  frontier[0] = entries.map((entry) => ({
    entry,
    cont: rootCont(entry.root),
    at: 0,
    tokens: 0,
    captures: [],
    ranks: [],
  }));
  let errorIndex = 0;
  let ambiguous = false;
  const failures: Array<{ word: Word; failed: Path<D>[] }> = [];

  for (let i = 0; i < upTo; i++) {
    const word = words[i]!;
    const wl = word.text.toLowerCase();
    type Cand = { path: Path<D>; step: Step; exact: boolean; partial: boolean };
    const cands: Cand[] = [];
    const failed: Path<D>[] = [];
    for (const path of frontier[i]!) {
      let matched = false;
      for (const step of steps(path.cont)) {
        const tok = step.tok;
        if (tok.kind === 'keyword') {
          const k = lowerKeyword(tok.text);
          if (k === wl) cands.push({ path, step, exact: true, partial: false });
          else if (k.startsWith(wl)) cands.push({ path, step, exact: false, partial: true });
          else continue;
          matched = true;
        } else {
          cands.push({ path, step, exact: false, partial: false });
          matched = true; // judged below; a param that rejects the word records the failure then
        }
      }
      if (!matched) failed.push(path);
    }
    // An exact keyword hides keywords it merely abbreviates (`ip route` is not `ip routing`).
    const anyExact = cands.some((c) => c.exact);
    const rejected = new Set<Path<D>>();
    const accepted = new Set<Path<D>>();
    const abbreviated = new Set<string>();
    for (const c of cands) {
      const { path, step } = c;
      const tok = step.tok;
      if (tok.kind === 'keyword') {
        if (c.partial && anyExact) continue;
        const cap: Capture = { tok, value: tok.text, wordIndex: i };
        frontier[i + 1]!.push(advance(path, step.after, i + 1, cap, c.exact ? RANK.exact : RANK.partial));
        if (c.partial && !path.entry.cmd.def.hidden) abbreviated.add(tok.text.toLowerCase());
        accepted.add(path);
        continue;
      }
      if (step.unitOf) {
        const name = readInterfaceUnit(step.unitOf, word.text);
        if (name === undefined) {
          rejected.add(path);
          continue;
        }
        // The capture was opened on the type word; complete it with the full name.
        const caps = path.captures.slice(0, -1);
        const open = path.captures[path.captures.length - 1]!;
        const next = advance({ ...path, captures: caps, tokens: path.tokens - 1 }, step.after, i + 1, { ...open, value: name }, RANK.typed);
        frontier[i + 1]!.push(next);
        accepted.add(path);
        continue;
      }
      if (tok.type === 'line') {
        if (upTo < words.length) {
          // Reading only up to a partial last word (for `?`/Tab): the LINE goes on into that word.
          frontier[upTo]!.push({ ...path, cont: { node: { k: 'tok', tok }, next: step.after }, at: upTo });
        } else {
          const cap: Capture = { tok, value: line.slice(word.start).trimEnd(), wordIndex: i };
          frontier[upTo]!.push(advance(path, step.after, upTo, cap, RANK.loose));
        }
        accepted.add(path);
        continue;
      }
      if (tok.type === 'ifname') {
        const r = readInterfaceWord(ifTypes, word.text);
        if (r.kind === 'full') {
          frontier[i + 1]!.push(advance(path, step.after, i + 1, { tok, value: r.name, wordIndex: i }, RANK.typed));
          accepted.add(path);
        } else if (r.kind === 'type') {
          const unit: Cont = { node: { k: 'ifunit', type: r.type, tok }, next: step.after };
          frontier[i + 1]!.push(advance(path, unit, i + 1, { tok, value: r.type.name, wordIndex: i }, RANK.typed));
          accepted.add(path);
        } else {
          rejected.add(path);
        }
        continue;
      }
      const value = paramValue(tok, word.text);
      if (value === undefined) {
        rejected.add(path);
        continue;
      }
      frontier[i + 1]!.push(advance(path, step.after, i + 1, { tok, value, wordIndex: i }, tok.type === 'word' ? RANK.loose : RANK.typed));
      accepted.add(path);
    }
    if (abbreviated.size > 1) ambiguous = true;
    for (const p of rejected) if (!accepted.has(p)) failed.push(p);
    failures.push({ word, failed });
  }
  const alive = frontier[upTo]!;
  // Where the failing paths stopped matters only when none got through (most lines are valid, and
  // every command of the mode but one fails on the first word).
  if (alive.length > 0) errorIndex = line.length;
  else for (const f of failures) errorIndex = Math.max(errorIndex, failureIndex(f.word, f.failed));
  return { words, alive, frontier, errorIndex, ambiguous };
}

/** Where failing paths stopped in `word`: inside a keyword, at the first character no keyword shares. */
function failureIndex<D>(word: Word, failed: Path<D>[]): number {
  let index = 0;
  for (const path of failed) {
    let depth = 0;
    for (const step of steps(path.cont)) {
      if (step.tok.kind === 'keyword') depth = Math.max(depth, commonPrefix(word.text, step.tok.text));
    }
    index = Math.max(index, word.start + Math.min(depth, word.text.length));
  }
  return index;
}

const lowered = new Map<string, string>();
/** Keywords in lower case, computed once each (every line compares its words with hundreds of them). */
function lowerKeyword(text: string): string {
  let l = lowered.get(text);
  if (l === undefined) lowered.set(text, (l = text.toLowerCase()));
  return l;
}

function compareRanks(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type MatchResult<D> =
  | { kind: 'ok'; entry: ModeEntry<D>; args: MatchedArgs; internal: Capture[] }
  | { kind: 'ambiguous' }
  | { kind: 'incomplete' }
  | { kind: 'invalid'; errorIndex: number; firstWordUnknown: boolean };

/** Judge a whole line typed in a mode (see the table at the top of the file). */
export function matchLine<D>(
  entries: readonly ModeEntry<D>[],
  line: string,
  ifTypes: readonly InterfaceTypeDef[],
): MatchResult<D> {
  const words = splitWords(line);
  const w = walk(entries, line, words, ifTypes);
  if (w.ambiguous) return { kind: 'ambiguous' };
  const complete = w.alive.filter(canEnd);
  if (complete.length > 0) {
    // Visible commands shadow hidden ones, as IOS counts visible matches first.
    const visible = complete.filter((p) => !p.entry.cmd.def.hidden);
    const pool = visible.length > 0 ? visible : complete;
    let best: Path<D>[] = [];
    for (const p of pool) {
      const c = best.length === 0 ? 1 : compareRanks(p.ranks, best[0]!.ranks);
      if (c > 0) best = [p];
      else if (c === 0) best.push(p);
    }
    const distinct = new Set(best.map((p) => `${p.entry.cmd.id}/${p.entry.variant}`));
    if (distinct.size > 1) return { kind: 'ambiguous' };
    const chosen = best[0]!;
    const userCaps = chosen.captures.filter((c) => !c.tok.internal);
    return { kind: 'ok', entry: chosen.entry, args: new MatchedArgs(userCaps), internal: chosen.captures.filter((c) => c.tok.internal) };
  }
  if (w.alive.length > 0) return { kind: 'incomplete' };
  const firstWordUnknown = words.length > 0 && w.frontier[1]!.length === 0;
  return { kind: 'invalid', errorIndex: w.errorIndex, firstWordUnknown };
}
