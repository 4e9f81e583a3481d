/**
 * A check on a whole command set (FRR's `grammar find-ambiguous`, as an assertion): every command,
 * typed out in full with sample values, must reach that command and no other. Two definitions that
 * can never be told apart show up here instead of as `% Ambiguous command` in front of a user.
 */

import type { InterfaceTypeDef, ModeId } from './types.js';
import type { ModeEntry } from './registry.js';
import type { SyntaxNode, Token } from './syntax.js';
import { matchLine } from './match.js';

function sample(tok: Token, ifTypes: readonly InterfaceTypeDef[]): string {
  if (tok.kind === 'keyword') return tok.text;
  switch (tok.type) {
    case 'ipv4':
      return '10.0.0.1';
    case 'prefix':
      return '10.0.0.0/8';
    case 'range':
      return String(tok.min ?? 0);
    case 'ifname': {
      const t = ifTypes[0];
      return t ? `${t.name}${t.slotted ? '0/0' : '0'}` : 'Loopback0';
    }
    case 'line':
    case 'word':
      return 'Sample';
  }
}

/** Two spellings of a syntax: the shortest (optional parts left out) and the longest. */
function spell(node: SyntaxNode, full: boolean, ifTypes: readonly InterfaceTypeDef[]): string[] {
  switch (node.k) {
    case 'tok':
      return [sample(node.tok, ifTypes)];
    case 'seq':
      return node.items.flatMap((n) => spell(n, full, ifTypes));
    case 'opt':
      return full ? spell(node.body, full, ifTypes) : [];
    case 'alt':
      return spell(node.options[0]!, full, ifTypes);
    case 'set':
      return full ? node.items.flatMap((n) => spell(n, full, ifTypes)) : [];
  }
}

export interface LintProblem {
  mode: ModeId;
  line: string;
  expected: string;
  got: string;
}

/** Every way a mode's commands, spelled out, fail to reach themselves. */
export function lintMode<D>(mode: ModeId, entries: readonly ModeEntry<D>[], ifTypes: readonly InterfaceTypeDef[]): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const e of entries) {
    if (e.variant !== 'run') continue;
    for (const full of [false, true]) {
      const line = spell(e.cmd.syntax, full, ifTypes).join(' ');
      const r = matchLine(entries, line, ifTypes);
      const got = r.kind === 'ok' ? r.entry.cmd.def.syntax : r.kind;
      if (r.kind !== 'ok' || r.entry.cmd !== e.cmd) problems.push({ mode, line, expected: e.cmd.def.syntax, got });
    }
  }
  return problems;
}
