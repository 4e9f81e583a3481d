/**
 * The text IOS prints for help and parse errors. Formats follow real IOS 15 output:
 *
 *   R1#clock ?                              R1#di?
 *     set  Set the time and date            dir  disable  disconnect
 *                                           (blank line, then the prompt and line again)
 *   R1(config)#logging 0255.255.1           R1(config)#a
 *                      ^                    % Ambiguous command:  "a"
 *   % Invalid input detected at '^' marker.
 *   (blank line)                            R1(config)#logging
 *                                           % Incomplete command.
 *                                           (blank line)
 *
 * Long help: two spaces, the labels sorted as IOS sorts them (byte order, so `<1-65535>` and
 * `A.B.C.D` come before keywords and `|` after), padded to the longest label plus two spaces; help
 * text wraps at the screen width, continuing under the help column; `<cr>` comes last.
 */

import type { HelpItem } from './assist.js';

export const SCREEN_WIDTH = 80;

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Greedy wrap at spaces: a word moves to the next line when the line would reach the screen width. */
function wrap(first: string, words: string[], indent: number, width: number): string[] {
  const lines: string[] = [];
  let cur = first;
  let placed = false;
  for (const w of words) {
    if (!placed) {
      cur += w;
      placed = true;
    } else if (cur.length + 1 + w.length < width) {
      cur += ' ' + w;
    } else {
      lines.push(cur);
      cur = ' '.repeat(indent) + w;
    }
  }
  lines.push(cur);
  return lines;
}

export function formatLongHelp(items: readonly HelpItem[], cr: boolean, width = SCREEN_WIDTH): string[] {
  const sorted = [...items].sort((a, b) => byteOrder(`${a.label}\t${a.help}`, `${b.label}\t${b.help}`));
  const labelWidth = Math.max(0, ...sorted.map((i) => i.label.length));
  const column = 2 + labelWidth + 2;
  const out: string[] = [];
  for (const item of sorted) {
    const head = `  ${item.label.padEnd(labelWidth)}  `;
    if (item.help === '') out.push(head.trimEnd());
    else out.push(...wrap(head, item.help.split(' '), column, width));
  }
  if (cr) out.push('  <cr>');
  return out;
}

/** `dir  disable  disconnect  `: each word followed by two spaces, wrapped before the screen edge. */
export function formatShortHelp(words: readonly string[], width = SCREEN_WIDTH): string[] {
  const sorted = [...words].sort(byteOrder);
  const out: string[] = [];
  let cur = '';
  for (const w of sorted) {
    if (cur !== '' && cur.length + w.length + 2 > width - 1) {
      out.push(cur);
      cur = '';
    }
    cur += `${w}  `;
  }
  if (cur !== '') out.push(cur);
  return out;
}

export const INVALID_INPUT = "% Invalid input detected at '^' marker.";
export const INCOMPLETE = '% Incomplete command.';
export const UNRECOGNIZED = '% Unrecognized command';

export interface ErrorLine {
  text: string;
  kind: 'output' | 'error';
}

/**
 * The caret report. When the prompt and line would not fit on one screen line (or the line is not
 * the one on screen, as with `do`), IOS prints the line again under a blank line and puts the
 * caret under that copy, folding it at the screen width.
 */
export function invalidInput(promptLength: number, line: string, errorIndex: number, reprint = false, width = SCREEN_WIDTH): ErrorLine[] {
  const out: ErrorLine[] = [];
  if (!reprint && promptLength + line.length < width) {
    out.push({ text: ' '.repeat(promptLength + errorIndex) + '^', kind: 'error' });
  } else {
    out.push({ text: '', kind: 'output' });
    const chunks = Math.max(1, Math.ceil(line.length / width));
    const errChunk = Math.min(Math.floor(errorIndex / width), chunks - 1);
    for (let c = 0; c < chunks; c++) {
      out.push({ text: line.slice(c * width, (c + 1) * width), kind: 'output' });
      if (c === errChunk) out.push({ text: ' '.repeat(errorIndex - c * width) + '^', kind: 'error' });
    }
  }
  out.push({ text: INVALID_INPUT, kind: 'error' }, { text: '', kind: 'output' });
  return out;
}

export function incomplete(): ErrorLine[] {
  return [
    { text: INCOMPLETE, kind: 'error' },
    { text: '', kind: 'output' },
  ];
}

export function ambiguous(line: string): ErrorLine[] {
  return [{ text: `% Ambiguous command:  "${line}"`, kind: 'error' }];
}
