/**
 * Shapes shared by the IOS command-line engine and the command modules written against it.
 * Commands and modes are data (DESIGN principle 6): a command is its syntax string, one help line per
 * token, the modes it lives in and its handlers; abbreviation, `?`, Tab, ambiguity and caret errors all
 * come from these definitions. The syntax language is documented in `syntax.ts`.
 */

export type ModeId = string; // 'user-exec' | 'priv-exec' | 'global' | 'interface' | 'router' | 'line' | …

export interface ModeDef {
  id: ModeId;
  /** '>' '#' '(config)#' '(config-if)#' '(config-router)#' '(config-line)#' … appended to the hostname. */
  promptSuffix: string;
  /** Where `exit` goes; global's parent is priv-exec. Config submodes fall back to their parents. */
  parent?: ModeId;
  /** Header IOS prints above `?` on an empty line: 'Exec commands:', 'Interface configuration commands:'. */
  helpHeader?: string;
  /** Help of `exit` in this mode: 'Exit from interface configuration mode'. */
  exitHelp?: string;
}

export interface Args {
  /** Keyword present (by keyword text) or named parameter given. */
  has(name: string): boolean;
  /** Value of a named parameter ($name) or a keyword's text. */
  get(name: string): string | undefined;
  getAll(name: string): string[];
  num(name: string): number | undefined;
  /** The raw words as typed, after abbreviation expansion for keywords. */
  readonly words: string[];
}

export interface CommandContext<D = unknown> {
  /** Whatever the session was created with (a Router); opaque to the engine. */
  device: D;
  readonly mode: ModeId;
  /** e.g. { interface: 'Tunnel0' } or { as: '1' } */
  readonly modeData: Readonly<Record<string, string>>;
  /** Invoked through 'no'. */
  readonly negated: boolean;
  /** Invoked through 'default'. */
  readonly defaulted: boolean;
  /** Text may contain '\n'; each line becomes an 'output' line (passes through | filters and --More--). */
  print(text: string): void;
  /** An IOS '%' message line, kind 'error'. */
  error(text: string): void;
  enterMode(mode: ModeId, data?: Record<string, string>): void;
  /**
   * For commands that run over virtual time (ping, traceroute, clear with confirm): the session stays
   * busy (input line null, keys type-ahead-buffered) until job.done(). Output printed through the job
   * appears live.
   */
  beginAsync(): AsyncJob;
  /**
   * A dialog question (extended ping, 'Destination filename [startup-config]?'); shows `prompt` as the
   * input line and calls back with the answer typed (empty string on just Enter). Can be chained inside
   * callbacks.
   */
  ask(prompt: string, answer: (text: string) => void, opts?: { secret?: boolean }): void;
  setTerminalLength(rows: number): void;
}

export interface AsyncJob {
  print(text: string): void;
  error(text: string): void;
  ask: CommandContext['ask'];
  done(): void;
  /** Ctrl-Shift-6 (\x1e) or Ctrl-C. */
  onBreak(cb: () => void): void;
}

export interface CommandDef<D = unknown> {
  /** See the syntax language in syntax.ts. */
  syntax: string;
  /** One help line per token: key = keyword text, or '$name' for named params, or the param placeholder text. */
  help: Record<string, string>;
  modes: ModeId[];
  run(ctx: CommandContext<D>, args: Args): void;
  /**
   * 'no <syntax>' — when absent the command has no 'no' form (IOS then gives the caret error). The 'no'
   * form may accept a prefix of the syntax (e.g. 'no ip address' without arguments): set noMinWords to
   * the number of words required.
   */
  no?: (ctx: CommandContext<D>, args: Args) => void;
  noMinWords?: number;
  /** 'default <syntax>'; when absent but `no` exists, default behaves like no. */
  default?: (ctx: CommandContext<D>, args: Args) => void;
  /** User-exec commands are privilege 1; default 15. */
  privilege?: 1 | 15;
  /** Works but not listed by '?'. */
  hidden?: boolean;
  /** Accepts `| include …` output modifiers; default: EXEC commands starting with `show` or `more`. */
  pipe?: boolean;
}

/**
 * One interface type the IFNAME parameter accepts (`Tunnel`, `Ethernet`, `Loopback`, …). The session is
 * configured with a table of these; `?` after `interface` lists them with their help.
 */
export interface InterfaceTypeDef {
  /** Canonical name as IOS prints it: 'Tunnel', 'Ethernet', 'FastEthernet', 'Loopback'. */
  name: string;
  /** Help text shown by '?', e.g. 'Tunnel interface'. */
  help: string;
  /** Unit help shown after the type name, e.g. '<0-2147483647>' for Tunnel, '<0-0>' for Ethernet. */
  unitHelp?: string;
  /** Accepts 'slot/port' units (Ethernet0/0) as well as plain numbers. */
  slotted?: boolean;
}
