/**
 * The command syntax language, parsed into a small AST.
 *
 * A command's `syntax` string is a sequence of tokens separated by spaces:
 *
 *   keyword        a literal word, written in lowercase (`show`, `running-config`, `esp-3des`). Typed
 *                  input matches it case-insensitively by any unique prefix (`sh` → `show`); an exact
 *                  match wins over prefix matches of other keywords (`ip route` vs `ip routing`).
 *   A.B.C.D        an IPv4 address (four dotted decimal octets 0-255).
 *   A.B.C.D/nn     an IPv4 prefix with length 0-32.
 *   WORD           any single word.
 *   LINE           the rest of the line, kept verbatim (inner spaces included, trailing ones trimmed).
 *   <1-65535>      a decimal number within the range.
 *   IFNAME         an interface name as IOS accepts it (`Tunnel0`, `tu0`, `tunnel 0`, `e0/0`,
 *                  `Ethernet 0/0`, `lo0`), normalised to its canonical spelling (`Tunnel0`); the
 *                  interface types come from the table the session is configured with.
 *   OTHER          any other all-uppercase placeholder (`MONTH`, `H.H.H`) behaves like WORD but is
 *                  listed by `?` under its own spelling.
 *
 * Any token may carry a name: `A.B.C.D$addr`, `<1-65535>$as`, `WORD$name`. Handlers read named values
 * with `args.get('addr')`; a keyword's own text is also a name (`args.has('brief')`).
 *
 * Groups:
 *   [x y]          optional sequence
 *   [a|b]          optional choice
 *   (a|b|c)        exactly one of the alternatives; `(a|b)$name` names the keyword chosen
 *   {a|b|c}        any subset of the items, in any order, each at most once (items may be sequences:
 *                  `{source IFNAME$src|repeat <1-2147483647>$count}`)
 *
 * Help: `CommandDef.help` has one line per token, keyed by the keyword text, by `$name` for named
 * tokens, or by the placeholder (`WORD`, `<1-65535>`) for unnamed ones.
 */

export type ParamKind = 'ipv4' | 'prefix' | 'word' | 'line' | 'range' | 'ifname';

export interface KeywordToken {
  kind: 'keyword';
  /** The keyword as written (matched case-insensitively). */
  text: string;
  name?: string;
  help: string;
  /** Internal tokens (the pipe) are not handed to command handlers. */
  internal?: boolean;
}

export interface ParamToken {
  kind: 'param';
  type: ParamKind;
  /** What `?` shows: `A.B.C.D`, `WORD`, `<1-65535>`, … */
  display: string;
  name?: string;
  help: string;
  min?: number;
  max?: number;
  internal?: boolean;
}

export type Token = KeywordToken | ParamToken;

export type SyntaxNode =
  | { k: 'tok'; tok: Token }
  | { k: 'seq'; items: SyntaxNode[] }
  | { k: 'opt'; body: SyntaxNode }
  | { k: 'alt'; options: SyntaxNode[]; name?: string }
  | { k: 'set'; items: SyntaxNode[] };

export class SyntaxError extends Error {}

const SYMBOLS = new Set(['[', ']', '(', ')', '{', '}', '|']);

/** Split a syntax string into symbols and words; `$name` after a closing bracket is its own lexeme. */
function lex(syntax: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < syntax.length) {
    const c = syntax[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (SYMBOLS.has(c)) {
      out.push(c);
      i++;
    } else {
      let j = i;
      while (j < syntax.length && !SYMBOLS.has(syntax[j]!) && syntax[j] !== ' ' && syntax[j] !== '\t') j++;
      // A range placeholder may not contain symbols, so `<1-65535>` is a single word here.
      out.push(syntax.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** Classify one word of the syntax (without its `$name`). */
export function classifyWord(word: string): Omit<ParamToken, 'help' | 'name'> | { kind: 'keyword'; text: string } {
  const range = /^<(-?\d+)-(-?\d+)>$/.exec(word);
  if (range) {
    return { kind: 'param', type: 'range', display: word, min: Number(range[1]), max: Number(range[2]) };
  }
  switch (word) {
    case 'A.B.C.D':
      return { kind: 'param', type: 'ipv4', display: word };
    case 'A.B.C.D/nn':
      return { kind: 'param', type: 'prefix', display: word };
    case 'WORD':
      return { kind: 'param', type: 'word', display: word };
    case 'LINE':
      return { kind: 'param', type: 'line', display: word };
    case 'IFNAME':
      return { kind: 'param', type: 'ifname', display: word };
  }
  // All-caps placeholders (at least two characters, one a letter) act as WORD with their own label.
  if (/^[A-Z][A-Z0-9.:/_-]+$/.test(word)) return { kind: 'param', type: 'word', display: word };
  return { kind: 'keyword', text: word };
}

/** The help key of a token: `$name` when named, else the keyword or placeholder text. */
export function helpKeys(word: string, name: string | undefined): string[] {
  return name ? [`$${name}`, word] : [word];
}

/**
 * Parse a syntax string. `help` supplies one line per token; a missing help line is a definition
 * error (thrown), except for IFNAME whose `?` listing comes from the interface-type table.
 */
export function parseSyntax(syntax: string, help: Record<string, string>): SyntaxNode {
  const lexemes = lex(syntax);
  let pos = 0;
  const fail = (msg: string): never => {
    throw new SyntaxError(`command syntax "${syntax}": ${msg}`);
  };

  const readName = (): string | undefined => {
    const next = lexemes[pos];
    if (next !== undefined && next.startsWith('$')) {
      pos++;
      if (!/^\$[A-Za-z_][A-Za-z0-9_-]*$/.test(next)) fail(`bad name ${next}`);
      return next.slice(1);
    }
    return undefined;
  };

  const atom = (lexeme: string): SyntaxNode => {
    const dollar = lexeme.indexOf('$');
    const word = dollar >= 0 ? lexeme.slice(0, dollar) : lexeme;
    const name = dollar >= 0 ? lexeme.slice(dollar + 1) : undefined;
    if (word === '') fail(`empty token in "${lexeme}"`);
    if (name !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) fail(`bad name in "${lexeme}"`);
    const cls = classifyWord(word);
    const keys = helpKeys(word, name);
    const text = keys.map((k) => help[k]).find((h) => h !== undefined);
    if (text === undefined && !(cls.kind === 'param' && cls.type === 'ifname')) {
      fail(`no help line for token "${lexeme}" (expected key ${keys.map((k) => `'${k}'`).join(' or ')})`);
    }
    const tok: Token =
      cls.kind === 'keyword'
        ? { kind: 'keyword', text: cls.text, help: text ?? '', ...(name ? { name } : {}) }
        : { ...cls, help: text ?? '', ...(name ? { name } : {}) };
    return { k: 'tok', tok };
  };

  // seq := item* ; stops at a closing symbol or '|'
  const seq = (): SyntaxNode => {
    const items: SyntaxNode[] = [];
    for (;;) {
      const lx = lexemes[pos];
      if (lx === undefined || lx === ']' || lx === ')' || lx === '}' || lx === '|') break;
      pos++;
      if (lx === '[') {
        const body = alts(']');
        const name = readName();
        items.push({ k: 'opt', body: name && body.k === 'alt' ? { ...body, name } : body });
      } else if (lx === '(') {
        const body = alts(')');
        const name = readName();
        items.push(name && body.k === 'alt' ? { ...body, name } : body);
      } else if (lx === '{') {
        const options = altList('}');
        items.push({ k: 'set', items: options });
      } else if (lx.startsWith('$')) {
        fail(`name ${lx} does not follow a token or group`);
      } else {
        items.push(atom(lx));
      }
    }
    return items.length === 1 ? items[0]! : { k: 'seq', items };
  };

  const altList = (close: string): SyntaxNode[] => {
    const options = [seq()];
    while (lexemes[pos] === '|') {
      pos++;
      options.push(seq());
    }
    if (lexemes[pos] !== close) fail(`expected '${close}'`);
    pos++;
    return options;
  };

  const alts = (close: string): SyntaxNode => {
    const options = altList(close);
    return options.length === 1 ? options[0]! : { k: 'alt', options };
  };

  const root = seq();
  if (pos !== lexemes.length) fail(`unexpected '${lexemes[pos]}'`);
  if (root.k === 'seq' && root.items.length === 0) fail('empty syntax');
  return root;
}

/** The first keyword of a syntax (used to index and to decide whether a command takes `| filters`). */
export function firstKeyword(node: SyntaxNode): string | undefined {
  switch (node.k) {
    case 'tok':
      return node.tok.kind === 'keyword' ? node.tok.text : undefined;
    case 'seq':
      return node.items[0] ? firstKeyword(node.items[0]) : undefined;
    default:
      return undefined;
  }
}
