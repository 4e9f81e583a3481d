/**
 * The IOS line editor as a pure reducer: (state, action) → state. Emacs-style keys as IOS's
 * "enhanced editing" offers them; the session maps keys to actions and keeps one history per mode
 * family (EXEC and configuration), as IOS does.
 *
 *   Ctrl-A / Home   start of line          Ctrl-E / End    end of line
 *   Ctrl-B / Left   back one character     Ctrl-F / Right  forward one character
 *   Esc-B           back one word          Esc-F           forward one word
 *   Backspace       delete left            Ctrl-D / Del    delete at cursor
 *   Ctrl-K          delete to end          Ctrl-U, Ctrl-X  delete to start
 *   Ctrl-W          delete word left       Esc-D           delete word right
 *   Ctrl-T          transpose characters
 *   Ctrl-P / Up     older history          Ctrl-N / Down   newer history
 */

export interface EditState {
  buffer: string;
  cursor: number;
  history: readonly string[];
  /** Index into history while browsing it; history.length when editing a new line. */
  histPos: number;
  /** The line being typed before browsing history started, restored by going past the newest entry. */
  draft: string;
}

export type EditAction =
  | { type: 'insert'; text: string }
  | { type: 'set'; buffer: string }
  | {
      type:
        | 'backspace'
        | 'delete'
        | 'home'
        | 'end'
        | 'left'
        | 'right'
        | 'word-left'
        | 'word-right'
        | 'kill-end'
        | 'kill-start'
        | 'kill-word-left'
        | 'kill-word-right'
        | 'transpose'
        | 'history-prev'
        | 'history-next';
    };

/** IOS keeps the line short; beyond this the editor refuses more characters. */
export const MAX_LINE = 1024;

export function emptyEdit(history: readonly string[] = []): EditState {
  return { buffer: '', cursor: 0, history, histPos: history.length, draft: '' };
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

function wordLeft(b: string, i: number): number {
  while (i > 0 && isSpace(b[i - 1])) i--;
  while (i > 0 && !isSpace(b[i - 1])) i--;
  return i;
}

function wordRight(b: string, i: number): number {
  while (i < b.length && isSpace(b[i])) i++;
  while (i < b.length && !isSpace(b[i])) i++;
  return i;
}

export function edit(s: EditState, a: EditAction): EditState {
  const { buffer: b, cursor: c } = s;
  switch (a.type) {
    case 'insert': {
      const room = MAX_LINE - b.length;
      if (room <= 0) return s;
      const text = a.text.slice(0, room);
      return { ...s, buffer: b.slice(0, c) + text + b.slice(c), cursor: c + text.length };
    }
    case 'set':
      return { ...s, buffer: a.buffer.slice(0, MAX_LINE), cursor: Math.min(a.buffer.length, MAX_LINE) };
    case 'backspace':
      return c === 0 ? s : { ...s, buffer: b.slice(0, c - 1) + b.slice(c), cursor: c - 1 };
    case 'delete':
      return c >= b.length ? s : { ...s, buffer: b.slice(0, c) + b.slice(c + 1) };
    case 'home':
      return { ...s, cursor: 0 };
    case 'end':
      return { ...s, cursor: b.length };
    case 'left':
      return { ...s, cursor: Math.max(0, c - 1) };
    case 'right':
      return { ...s, cursor: Math.min(b.length, c + 1) };
    case 'word-left':
      return { ...s, cursor: wordLeft(b, c) };
    case 'word-right':
      return { ...s, cursor: wordRight(b, c) };
    case 'kill-end':
      return { ...s, buffer: b.slice(0, c) };
    case 'kill-start':
      return { ...s, buffer: b.slice(c), cursor: 0 };
    case 'kill-word-left': {
      const w = wordLeft(b, c);
      return { ...s, buffer: b.slice(0, w) + b.slice(c), cursor: w };
    }
    case 'kill-word-right': {
      const w = wordRight(b, c);
      return { ...s, buffer: b.slice(0, c) + b.slice(w) };
    }
    case 'transpose': {
      // IOS swaps the character before the cursor with the one under it (at the end: the last two).
      if (b.length < 2 || c === 0) return s;
      const i = c >= b.length ? b.length - 1 : c;
      const swapped = b.slice(0, i - 1) + b[i] + b[i - 1] + b.slice(i + 1);
      return { ...s, buffer: swapped, cursor: Math.min(b.length, i + 1) };
    }
    case 'history-prev': {
      if (s.histPos === 0 || s.history.length === 0) return s;
      const draft = s.histPos === s.history.length ? b : s.draft;
      const pos = s.histPos - 1;
      const line = s.history[pos]!;
      return { ...s, buffer: line, cursor: line.length, histPos: pos, draft };
    }
    case 'history-next': {
      if (s.histPos >= s.history.length) return s;
      const pos = s.histPos + 1;
      const line = pos === s.history.length ? s.draft : s.history[pos]!;
      return { ...s, buffer: line, cursor: line.length, histPos: pos };
    }
  }
}

/** IOS keeps the last 10 commands per history (`terminal history size` default). */
export const HISTORY_SIZE = 10;

/** The history after a line was entered: blank lines and repeats of the newest entry are not kept. */
export function remember(history: readonly string[], line: string, size = HISTORY_SIZE): string[] {
  if (line.trim() === '' || history[history.length - 1] === line) return [...history];
  const next = [...history, line];
  return next.slice(Math.max(0, next.length - size));
}
