/**
 * Splits raw terminal input into the TUI's own keys and the bytes that belong to the focused console.
 * IOS owns Tab, `?` and the Ctrl-letters, so the app's keys are function keys and Alt-digits only.
 */
export type AppKey =
  | { kind: 'focus'; index: number }
  | { kind: 'zoom' }
  | { kind: 'pause' }
  | { kind: 'step' }
  | { kind: 'run-to-end' }
  | { kind: 'task' }
  | { kind: 'grade' }
  | { kind: 'hint' }
  | { kind: 'speed' }
  | { kind: 'packets' }
  | { kind: 'help' }
  | { kind: 'picker' }
  | { kind: 'quit' }
  | { kind: 'scroll'; lines: number }
  | { kind: 'console'; bytes: string };

/** Escape sequences xterm-compatible terminals send, mapped to app keys. */
const SEQUENCES: Array<[string, AppKey]> = [
  ['\x1bOP', { kind: 'focus', index: 0 }],
  ['\x1b[11~', { kind: 'focus', index: 0 }],
  ['\x1bOQ', { kind: 'focus', index: 1 }],
  ['\x1b[12~', { kind: 'focus', index: 1 }],
  ['\x1bOR', { kind: 'focus', index: 2 }],
  ['\x1b[13~', { kind: 'focus', index: 2 }],
  ['\x1bOS', { kind: 'focus', index: 3 }],
  ['\x1b[14~', { kind: 'focus', index: 3 }],
  ['\x1b[15~', { kind: 'zoom' }],
  ['\x1b[17~', { kind: 'pause' }],
  ['\x1b[18~', { kind: 'step' }],
  ['\x1b[18;2~', { kind: 'run-to-end' }],
  ['\x1b[1;2P', { kind: 'task' }],
  ['\x1b[1;2Q', { kind: 'grade' }],
  ['\x1b[1;2R', { kind: 'hint' }],
  ['\x1b[19~', { kind: 'speed' }],
  ['\x1b[20~', { kind: 'packets' }],
  ['\x1b[21~', { kind: 'quit' }],
  ['\x1b[23~', { kind: 'picker' }],
  ['\x1b[24~', { kind: 'help' }],
  ['\x1b[5~', { kind: 'scroll', lines: -10 }],
  ['\x1b[6~', { kind: 'scroll', lines: 10 }],
  ['\x1b[1;2A', { kind: 'scroll', lines: -1 }],
  ['\x1b[1;2B', { kind: 'scroll', lines: 1 }],
  ['\x1b1', { kind: 'focus', index: 0 }],
  ['\x1b2', { kind: 'focus', index: 1 }],
  ['\x1b3', { kind: 'focus', index: 2 }],
  ['\x1b4', { kind: 'focus', index: 3 }],
];

/** Walk a chunk, peeling off app keys; consecutive console bytes stay together (a paste stays a paste). */
export function splitKeys(chunk: string): AppKey[] {
  const out: AppKey[] = [];
  let pending = '';
  let i = 0;
  outer: while (i < chunk.length) {
    if (chunk[i] === '\x1b') {
      for (const [seq, key] of SEQUENCES) {
        if (chunk.startsWith(seq, i)) {
          if (pending) out.push({ kind: 'console', bytes: pending });
          pending = '';
          out.push(key);
          i += seq.length;
          continue outer;
        }
      }
    }
    pending += chunk[i];
    i++;
  }
  if (pending) out.push({ kind: 'console', bytes: pending });
  return out;
}

/** Extra keys while a scenario plays (`dmvpn-console play FILE`). */
export const PLAYER_KEY_HELP: Array<[string, string]> = [
  ['F6', 'pause / resume the playback and virtual time'],
  ['F7', 'play the current step at once'],
  ['Shift-F7', 'run every remaining step to the end'],
];

/** Extra keys in graded practice (`dmvpn-console lab FILE`). */
export const PRACTICE_KEY_HELP: Array<[string, string]> = [
  ['Shift-F1', 'show the task again'],
  ['Shift-F2', 'grade now: each check, points and total'],
  ['Shift-F3', 'next hint'],
];

export const KEY_HELP: Array<[string, string]> = [
  ['F1 F2 F3 / Alt-1..3', 'focus Hub, Spoke1, Spoke2 (F4 / Alt-4: the next console, e.g. ISP)'],
  ['F5', 'zoom the focused pane / back'],
  ['F6', 'pause / resume virtual time'],
  ['F7', 'single-step to the next event (while paused)'],
  ['F8', 'change speed (x1, x10, x100, x0.1)'],
  ['F9', 'packet-flow pane on / off'],
  ['PgUp PgDn, Shift-Up/Down', 'scroll the focused pane (typing returns to live output)'],
  ['F11', 'switch lab (picker with a filter field)'],
  ['F12', 'this help'],
  ['F10', 'quit'],
  ['Tab ? Ctrl-A/E/B/F/D/K/U/W/Z/C Ctrl-^', 'IOS line editing, help and break, as on a router'],
];
