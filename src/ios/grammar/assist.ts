/**
 * `?` and Tab, computed from the same walk as matching (match.ts), so what help offers is exactly
 * what the matcher accepts.
 *
 *   `show ?`   long help: every token that may follow, plus `<cr>` where the command may end
 *   `sh?`      short help: the tokens the partial word could start
 *   `sh<Tab>`  completion: the rest of the one keyword the partial word abbreviates
 */

import type { InterfaceTypeDef } from './types.js';
import type { ModeEntry } from './registry.js';
import { walk, steps, canEnd, splitWords, type Path, type Step } from './match.js';
import { matchTypes } from './ifname.js';

export interface HelpItem {
  label: string;
  help: string;
}

export type HelpResult =
  | { kind: 'long'; items: HelpItem[]; cr: boolean }
  | { kind: 'short'; words: string[] }
  | { kind: 'unrecognized' }
  | { kind: 'ambiguous' };

const visible = <D>(paths: readonly Path<D>[]): Path<D>[] => paths.filter((p) => !p.entry.cmd.def.hidden);

function unitLabel(t: InterfaceTypeDef): string {
  return t.unitHelp ?? '<0-2147483647>';
}

function longItems(step: Step, ifTypes: readonly InterfaceTypeDef[]): HelpItem[] {
  const tok = step.tok;
  if (step.unitOf) return [{ label: unitLabel(step.unitOf), help: `${step.unitOf.name} interface number` }];
  if (tok.kind === 'keyword') return [{ label: tok.text, help: tok.help }];
  if (tok.type === 'ifname') return ifTypes.map((t) => ({ label: t.name, help: t.help }));
  return [{ label: tok.display, help: tok.help }];
}

/** Could `partial` be the start of a value for this step? Returns what short help lists for it. */
function shortLabels(step: Step, partial: string, ifTypes: readonly InterfaceTypeDef[]): string[] {
  const tok = step.tok;
  const p = partial.toLowerCase();
  if (step.unitOf) return /^[\d/]+$/.test(partial) ? [unitLabel(step.unitOf)] : [];
  if (tok.kind === 'keyword') return tok.text.toLowerCase().startsWith(p) ? [tok.text] : [];
  switch (tok.type) {
    case 'word':
    case 'line':
      return [tok.display];
    case 'range':
      return /^-?\d+$/.test(partial) ? [tok.display] : [];
    case 'ipv4':
    case 'prefix':
      return /^[\d.]+(\/\d*)?$/.test(partial) && (tok.type === 'prefix' || !partial.includes('/')) ? [tok.display] : [];
    case 'ifname': {
      const m = /^([A-Za-z][A-Za-z-]*)(.*)$/.exec(partial);
      if (!m) return [];
      const types = matchTypes(ifTypes, m[1]!);
      if (m[2] === '') return types.map((t) => t.name);
      return types.length === 1 ? [unitLabel(types[0]!)] : [];
    }
  }
}

function dedupe(items: HelpItem[]): HelpItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.label}\t${i.help}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Help for the text before the cursor (the `?` itself not included). */
export function help<D>(entries: readonly ModeEntry<D>[], text: string, ifTypes: readonly InterfaceTypeDef[]): HelpResult {
  const words = splitWords(text);
  const partial = text.length > 0 && !/[ \t]$/.test(text) ? words[words.length - 1] : undefined;
  const upTo = partial ? words.length - 1 : words.length;
  const w = walk(entries, text, words, ifTypes, upTo);
  const paths = visible(w.frontier[upTo]!);
  if (w.ambiguous) return { kind: 'ambiguous' };
  if (paths.length === 0) return { kind: 'unrecognized' };

  if (partial) {
    const labels = new Set<string>();
    for (const p of paths) for (const s of steps(p.cont)) for (const l of shortLabels(s, partial.text, ifTypes)) labels.add(l);
    if (labels.size === 0) return { kind: 'unrecognized' };
    return { kind: 'short', words: [...labels] };
  }
  const items = dedupe(paths.flatMap((p) => steps(p.cont).flatMap((s) => longItems(s, ifTypes))));
  const cr = paths.some(canEnd);
  if (items.length === 0 && !cr) return { kind: 'unrecognized' };
  return { kind: 'long', items, cr };
}

export type Completion = { kind: 'none' } | { kind: 'word'; word: string };

/**
 * Tab: a partial word that abbreviates exactly one keyword is completed and followed by a space;
 * when several fit, it grows to their common prefix (no space), as IOS's word completion does.
 * The typed letters are kept and the rest of the keyword appended. Interface types complete to
 * their canonical spelling (`tu` → `Tunnel`) with no space, since the unit follows.
 */
export function complete<D>(entries: readonly ModeEntry<D>[], text: string, ifTypes: readonly InterfaceTypeDef[]): Completion {
  if (text === '' || /[ \t]$/.test(text)) return { kind: 'none' };
  const words = splitWords(text);
  const partial = words[words.length - 1]!.text;
  const w = walk(entries, text, words, ifTypes, words.length - 1);
  if (w.ambiguous) return { kind: 'none' };
  const paths = visible(w.frontier[words.length - 1]!);
  const keywords = new Set<string>();
  const types = new Set<string>();
  const p = partial.toLowerCase();
  for (const path of paths) {
    for (const s of steps(path.cont)) {
      if (s.unitOf) continue;
      if (s.tok.kind === 'keyword') {
        if (s.tok.text.toLowerCase().startsWith(p)) keywords.add(s.tok.text);
      } else if (s.tok.type === 'ifname' && /^[A-Za-z-]+$/.test(partial)) {
        for (const t of matchTypes(ifTypes, partial)) types.add(t.name);
      }
    }
  }
  const names = [...keywords, ...types];
  if (names.length === 0) return { kind: 'none' };
  if (names.length === 1) {
    const name = names[0]!;
    return { kind: 'word', word: keywords.has(name) ? partial + name.slice(partial.length) + ' ' : name };
  }
  let common = names[0]!.toLowerCase();
  for (const n of names) {
    let i = 0;
    while (i < common.length && i < n.length && common[i] === n[i]!.toLowerCase()) i++;
    common = common.slice(0, i);
  }
  if (common.length <= partial.length) return { kind: 'none' };
  return { kind: 'word', word: partial + names[0]!.slice(partial.length, common.length) };
}
