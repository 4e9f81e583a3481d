/**
 * The command registry: definitions compiled into one entry list per mode. Each entry is a syntax
 * tree (with the `no`/`default` keyword in front for negated forms, and the `| filter` grammar after
 * EXEC `show` commands), so that matching, `?` and Tab all walk the same trees (see match.ts).
 */

import type { CommandDef, ModeId } from './types.js';
import { parseSyntax, firstKeyword, type SyntaxNode, type Token } from './syntax.js';

export type Variant = 'run' | 'no' | 'default';

export interface CompiledCommand<D> {
  def: CommandDef<D>;
  /** Registration order; ties in `?` listings and ambiguity reports follow it. */
  id: number;
  syntax: SyntaxNode;
  pipeable: boolean;
}

export interface ModeEntry<D> {
  cmd: CompiledCommand<D>;
  variant: Variant;
  root: SyntaxNode;
  /** For `no`/`default` forms that accept a prefix: tokens required after the leading keyword. */
  minTokensAfterPrefix?: number;
}

export const EXEC_MODES: readonly ModeId[] = ['user-exec', 'priv-exec'];
export const isExecMode = (mode: ModeId): boolean => EXEC_MODES.includes(mode);

const NO_HELP_CONFIG = 'Negate a command or set its defaults';
const NO_HELP_EXEC = "Disable debugging functions (see also 'undebug')";
const DEFAULT_HELP = 'Set a command to its defaults';

const kw = (text: string, help: string, name?: string): SyntaxNode => ({
  k: 'tok',
  tok: { kind: 'keyword', text, help, internal: true, ...(name ? { name } : {}) },
});
const regex = (): SyntaxNode => ({
  k: 'tok',
  tok: { kind: 'param', type: 'line', display: 'LINE', help: 'Regular Expression', name: '__regex', internal: true },
});

/** `| begin|count|exclude|include|section [include|exclude] LINE`, as IOS 15 offers on show commands. */
function pipeGrammar(): SyntaxNode {
  const filter = (name: string, help: string): SyntaxNode => ({ k: 'seq', items: [kw(name, help, '__filter'), regex()] });
  return {
    k: 'opt',
    body: {
      k: 'seq',
      items: [
        kw('|', 'Output modifiers', '__pipe'),
        {
          k: 'alt',
          options: [
            filter('begin', 'Begin with the line that matches'),
            filter('count', 'Count number of lines which match regexp'),
            filter('exclude', 'Exclude lines that match'),
            filter('include', 'Include lines that match'),
            {
              k: 'seq',
              items: [
                kw('section', 'Filter a section of output', '__filter'),
                {
                  k: 'opt',
                  body: {
                    k: 'alt',
                    options: [
                      kw('exclude', 'Exclude sections that match', '__secop'),
                      kw('include', 'Include sections that match', '__secop'),
                    ],
                  },
                },
                regex(),
              ],
            },
          ],
        },
      ],
    },
  };
}

/** Give the keywords of a named group `(a|b)$name` that name, so `args.get(name)` returns the choice. */
function nameGroups(node: SyntaxNode, inherited?: string): SyntaxNode {
  switch (node.k) {
    case 'tok': {
      if (inherited && !node.tok.name) return { k: 'tok', tok: { ...node.tok, name: inherited } as Token };
      return node;
    }
    case 'seq':
      return { k: 'seq', items: node.items.map((n) => nameGroups(n)) };
    case 'opt':
      return { k: 'opt', body: nameGroups(node.body, inherited) };
    case 'alt':
      return { k: 'alt', options: node.options.map((o) => nameGroups(o, node.name ?? inherited)) };
    case 'set':
      return { k: 'set', items: node.items.map((n) => nameGroups(n)) };
  }
}

export class CommandRegistry<D = unknown> {
  private readonly compiled: CompiledCommand<D>[] = [];
  private readonly cache = new Map<ModeId, ModeEntry<D>[]>();

  /** Compile and add one definition; a malformed syntax or a missing help line throws here. */
  add(def: CommandDef<D>): this {
    const syntax = nameGroups(parseSyntax(def.syntax, def.help));
    const first = firstKeyword(syntax);
    const pipeable = def.pipe ?? (first === 'show' || first === 'more');
    this.compiled.push({ def, id: this.compiled.length, syntax, pipeable });
    this.cache.clear();
    return this;
  }

  addAll(defs: Iterable<CommandDef<D>>): this {
    for (const d of defs) this.add(d);
    return this;
  }

  commands(): readonly CommandDef<D>[] {
    return this.compiled.map((c) => c.def);
  }

  /** Whether a definition with exactly this syntax in this mode is already registered. */
  hasSyntax(syntax: string, mode: ModeId): boolean {
    return this.compiled.some((c) => c.def.syntax === syntax && c.def.modes.includes(mode));
  }

  /**
   * The entries offered in `mode`. User EXEC sees the commands registered for it plus the
   * privilege-1 commands of privileged EXEC, as IOS privilege levels do.
   */
  entries(mode: ModeId): readonly ModeEntry<D>[] {
    const hit = this.cache.get(mode);
    if (hit) return hit;
    const exec = isExecMode(mode);
    const out: ModeEntry<D>[] = [];
    for (const cmd of this.compiled) {
      const { def } = cmd;
      const inMode =
        def.modes.includes(mode) || (mode === 'user-exec' && def.privilege === 1 && def.modes.includes('priv-exec'));
      if (!inMode) continue;
      const pipe = exec && cmd.pipeable;
      out.push({
        cmd,
        variant: 'run',
        root: pipe ? { k: 'seq', items: [cmd.syntax, pipeGrammar()] } : cmd.syntax,
      });
      if (def.no) {
        out.push({
          cmd,
          variant: 'no',
          root: { k: 'seq', items: [kw('no', exec ? NO_HELP_EXEC : NO_HELP_CONFIG), cmd.syntax] },
          ...(def.noMinWords !== undefined ? { minTokensAfterPrefix: def.noMinWords } : {}),
        });
      }
      if ((def.default || def.no) && !exec) {
        out.push({
          cmd,
          variant: 'default',
          root: { k: 'seq', items: [kw('default', DEFAULT_HELP), cmd.syntax] },
          ...(def.noMinWords !== undefined ? { minTokensAfterPrefix: def.noMinWords } : {}),
        });
      }
    }
    this.cache.set(mode, out);
    return out;
  }
}
