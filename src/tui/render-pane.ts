/**
 * Turns a pane's visible lines into text for one Ink <Text>: each line cut (never wrapped) to the
 * pane's inner width, coloured by kind, and the input line last with a visible cursor.
 */
import chalk from 'chalk';
import type { ConsoleLine, InputLine } from '../ios/console-api.js';

export function cut(text: string, width: number): string {
  // Tabs would break column arithmetic; IOS output uses spaces, but be safe.
  const t = text.replace(/\t/g, '    ');
  return t.length > width ? t.slice(0, width) : t;
}

function colour(line: ConsoleLine, text: string): string {
  switch (line.kind) {
    case 'debug':
      return chalk.cyan(text);
    case 'syslog':
      return chalk.yellow(text);
    case 'error':
      return chalk.red(text);
    case 'echo':
      return chalk.bold(text);
    default:
      return text.startsWith('%') ? chalk.red(text) : text;
  }
}

/** The input line cut to `width`, keeping the cursor visible (horizontal scroll when too long). */
export function renderInput(input: InputLine | null, width: number, focused: boolean): string {
  if (!input) return '';
  const full = input.prompt + input.buffer;
  const cursorAt = input.prompt.length + input.cursor;
  const start = cursorAt >= width ? cursorAt - width + 1 : 0;
  const visible = full.slice(start, start + width);
  const c = cursorAt - start;
  if (!focused) return visible;
  const under = visible[c] ?? ' ';
  return visible.slice(0, c) + chalk.inverse(under) + visible.slice(c + 1);
}

export function renderPaneBody(lines: ConsoleLine[], input: InputLine | null, width: number, height: number, focused: boolean, scrolledBack: boolean): string {
  const bodyRows = Math.max(0, height - 1);
  const shown = lines.slice(Math.max(0, lines.length - bodyRows)).map((l) => colour(l, cut(l.text, width)));
  while (shown.length < bodyRows) shown.unshift('');
  const last = scrolledBack ? chalk.dim(cut('-- scrolled back: type to return --', width)) : renderInput(input, width, focused);
  return [...shown, last].join('\n');
}
