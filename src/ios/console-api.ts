/**
 * The contract between an IOS console session and whatever shows it (the TUI pane, the batch runner,
 * the scenario player, tests). A session owns everything IOS does at a terminal line: modes, the line
 * editor, `?`, Tab, history, `--More--`, dialogs; front-ends only feed keys and display what it emits.
 *
 * Output model: a session produces *completed lines* (appended to scrollback in order) and one
 * *input line* (prompt + editable buffer + cursor) that is redrawn below them, as a console with
 * `logging synchronous` does. Asynchronous lines (debug, syslog) are completed lines too, so they can
 * never garble what the user is typing.
 */

/** What produced a completed line, so front-ends can colour it. */
export type LineKind =
  | 'echo' // the prompt + command as it was entered ("Hub#show ip nhrp")
  | 'output' // command output, help, errors
  | 'error' // `% ...` error lines (also 'output' semantically)
  | 'debug' // asynchronous debug output
  | 'syslog'; // asynchronous %FAC-SEV-MNEMONIC messages

export interface ConsoleLine {
  text: string;
  kind: LineKind;
  /** Virtual time (ms since power-on) when the line was emitted. */
  time: number;
}

/** The editable line shown below the scrollback. `null` while a command runs (e.g. during ping). */
export interface InputLine {
  /** "Hub#", "Hub(config-if)#", " --More-- ", "Target IP address: " … */
  prompt: string;
  buffer: string;
  /** Cursor offset in `buffer` (0..buffer.length). */
  cursor: number;
}

export interface ConsoleSessionApi {
  /** Display name of the console (the lab's router name, e.g. "Spoke1"). */
  readonly name: string;
  /**
   * Feed raw terminal input: printable characters, '\r' or '\n' (Enter), '\t', '?', control
   * characters (Ctrl-A = '\x01' …, Ctrl-Z = '\x1a', Ctrl-C = '\x03', Ctrl-Shift-6 = '\x1e'), DEL '\x7f'
   * or BS '\x08', and escape sequences for arrows ('\x1b[A' up, '\x1b[B' down, '\x1b[C' right,
   * '\x1b[D' left). A chunk may contain many keys (a paste); they are processed in order, and keys
   * that arrive while a command is running are buffered (type-ahead) until the prompt returns.
   */
  input(keys: string): void;
  /** Subscribe to completed lines; returns an unsubscribe function. */
  onLine(listener: (line: ConsoleLine) => void): () => void;
  /** Subscribe to changes of the input line (including becoming null/non-null). */
  onInputChange(listener: (line: InputLine | null) => void): () => void;
  /** The current input line, or null while busy. */
  inputLine(): InputLine | null;
  /** True when the session is idle at a command prompt with no type-ahead pending. */
  isReady(): boolean;
  /** Number of rows for `--More--` paging (IOS `terminal length`; 0 disables). */
  setTerminalLength(rows: number): void;
}
