/** The values a matched command line hands to its handler, read by name (never by position). */

import type { Args } from './types.js';
import type { Token } from './syntax.js';

export interface Capture {
  tok: Token;
  /** Keyword text as defined (abbreviation expanded), or the parameter's value (interface canonicalised). */
  value: string;
  /** Index of the first typed word this capture consumed. */
  wordIndex: number;
}

export class MatchedArgs implements Args {
  readonly words: string[];
  constructor(private readonly captures: readonly Capture[]) {
    this.words = captures.map((c) => c.value);
  }

  private keysOf(c: Capture): string[] {
    const keys: string[] = [];
    if (c.tok.name) keys.push(c.tok.name);
    keys.push(c.tok.kind === 'keyword' ? c.tok.text : c.tok.display);
    return keys;
  }

  private values(name: string): string[] {
    return this.captures.filter((c) => this.keysOf(c).includes(name)).map((c) => c.value);
  }

  has(name: string): boolean {
    return this.values(name).length > 0;
  }
  get(name: string): string | undefined {
    return this.values(name)[0];
  }
  getAll(name: string): string[] {
    return this.values(name);
  }
  num(name: string): number | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
}
