/**
 * Output modifiers (`show … | include REGEX`), applied line by line as output arrives, so they
 * work on asynchronous output (ping) as well as on a `show`.
 *
 *   begin REGEX              from the first matching line on
 *   include / exclude REGEX  matching / non-matching lines
 *   count REGEX              only "Number of lines which match regexp = N" at the end
 *   section [include] REGEX  each matching line with the more-indented lines under it
 *   section exclude REGEX    everything but those sections
 *
 * IOS regular expressions are close to POSIX ERE; the one IOS addition, `_` (a delimiter: comma,
 * braces, parentheses, a space, or the start or end of the line), is translated.
 */

export type FilterKind = 'begin' | 'include' | 'exclude' | 'count' | 'section';

export interface FilterSpec {
  kind: FilterKind;
  /** For `section`: include (default) or exclude matching sections. */
  sectionExclude: boolean;
  regex: string;
}

/** Translate an IOS regular expression for JavaScript; undefined when it does not compile. */
export function compileIosRegex(source: string): RegExp | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      out += c + source[++i];
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '_') {
      out += '(?:^|$|[,{}() ])';
    } else {
      out += c;
    }
  }
  try {
    return new RegExp(out);
  } catch {
    return undefined;
  }
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** A streaming filter: feed lines, receive the lines to show; `end()` flushes what waits for the end. */
export class OutputFilter {
  private begun = false;
  private matched = 0;
  /** Indentation of the section being included/excluded, or -1 outside one. */
  private sectionIndent = -1;

  constructor(
    readonly spec: FilterSpec,
    private readonly re: RegExp,
  ) {}

  push(line: string): string[] {
    const hit = this.re.test(line);
    switch (this.spec.kind) {
      case 'include':
        return hit ? [line] : [];
      case 'exclude':
        return hit ? [] : [line];
      case 'begin':
        if (hit) this.begun = true;
        return this.begun ? [line] : [];
      case 'count':
        if (hit) this.matched++;
        return [];
      case 'section': {
        const indent = indentOf(line);
        const inside = this.sectionIndent >= 0 && indent > this.sectionIndent && line.trim() !== '';
        if (!inside) this.sectionIndent = hit ? indent : -1;
        const shown = inside || hit;
        return shown !== this.spec.sectionExclude ? [line] : [];
      }
    }
  }

  end(): string[] {
    return this.spec.kind === 'count' ? [`Number of lines which match regexp = ${this.matched}`] : [];
  }
}
