/**
 * Raw terminal bytes → keys. Printable characters, Enter (`\r`, `\n` or `\r\n` as one), control
 * characters and the ANSI/VT100 escape sequences for arrows and Home/End/Delete. Unknown escape
 * sequences are swallowed whole so their bytes never reach the command line.
 */

import type { EditAction } from './lineedit.js';

export type KeyName =
  | 'enter'
  | 'tab'
  | 'backspace'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'delete'
  | 'word-left'
  | 'word-right'
  | 'word-delete';

export type Key = { t: 'char'; c: string } | { t: 'ctrl'; c: string } | { t: 'key'; k: KeyName };

const CSI_KEYS: Record<string, KeyName> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  '1~': 'home',
  '7~': 'home',
  '4~': 'end',
  '8~': 'end',
  '3~': 'delete',
};

export class KeyReader {
  /** An escape sequence cut by the end of a chunk, completed by the next one. */
  private pending = '';
  /** A `\r` just ended a chunk: a `\n` starting the next one belongs to the same Enter. */
  private lastWasCR = false;

  read(chunk: string): Key[] {
    const s = this.pending + chunk;
    this.pending = '';
    const keys: Key[] = [];
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      const code = c.charCodeAt(0);
      if (c === '\n' && this.lastWasCR) {
        this.lastWasCR = false;
        i++;
        continue;
      }
      this.lastWasCR = c === '\r';
      if (c === '\r' || c === '\n') {
        keys.push({ t: 'key', k: 'enter' });
        i++;
      } else if (c === '\t') {
        keys.push({ t: 'key', k: 'tab' });
        i++;
      } else if (c === '\x7f' || c === '\x08') {
        keys.push({ t: 'key', k: 'backspace' });
        i++;
      } else if (c === '\x1b') {
        const used = this.escape(s, i, keys);
        if (used === 0) {
          this.pending = s.slice(i);
          break;
        }
        i += used;
      } else if (code < 0x20) {
        keys.push({ t: 'ctrl', c });
        i++;
      } else {
        // Astral characters arrive as surrogate pairs; keep the pair together.
        const cp = s.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        keys.push({ t: 'char', c: ch });
        i += ch.length;
      }
    }
    return keys;
  }

  /** Consume one escape sequence at s[i]; returns its length, or 0 when the chunk ends inside it. */
  private escape(s: string, i: number, keys: Key[]): number {
    const next = s[i + 1];
    if (next === undefined) return 0;
    if (next === '[' || next === 'O') {
      let j = i + 2;
      while (j < s.length && j - i < 32 && /[0-9;]/.test(s[j]!)) j++;
      if (j >= s.length) return 0;
      // A sequence ends with a byte from @ to ~; anything else (a control key) cuts it short and
      // is then read as itself.
      const fin = s.charCodeAt(j);
      if (fin < 0x40 || fin > 0x7e) return j - i;
      const body = s.slice(i + 2, j + 1);
      const name = CSI_KEYS[body] ?? CSI_KEYS[body.replace(/^1;\d+/, '')];
      if (name) keys.push({ t: 'key', k: name });
      return j + 1 - i;
    }
    // Esc before a control key is a lone Esc: drop it, keep the key.
    if (next.charCodeAt(0) < 0x20 || next === '\x7f') return 1;
    // Meta (Esc) prefixes as IOS's editor knows them: Esc-B, Esc-F, Esc-D.
    const meta: Record<string, KeyName> = { b: 'word-left', B: 'word-left', f: 'word-right', F: 'word-right', d: 'word-delete', D: 'word-delete' };
    const k = meta[next];
    if (k) keys.push({ t: 'key', k });
    return 2;
  }
}

/** Control keys of the line editor (see lineedit.ts). */
export const CTRL_EDITS: Record<string, EditAction['type']> = {
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x04': 'delete',
  '\x0b': 'kill-end',
  '\x15': 'kill-start',
  '\x18': 'kill-start',
  '\x17': 'kill-word-left',
  '\x14': 'transpose',
  '\x10': 'history-prev',
  '\x0e': 'history-next',
};

export const KEY_EDITS: Partial<Record<string, EditAction['type']>> = {
  backspace: 'backspace',
  delete: 'delete',
  home: 'home',
  end: 'end',
  left: 'left',
  right: 'right',
  up: 'history-prev',
  down: 'history-next',
  'word-left': 'word-left',
  'word-right': 'word-right',
  'word-delete': 'kill-word-right',
};
