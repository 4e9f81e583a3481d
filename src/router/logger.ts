/**
 * A router's logging: debug flags, syslog messages and the consoles that receive them.
 *
 * Protocols register their debug flags (with the line `show debug` prints for each) and call
 * `debug(flag, text)` from the code that handles a packet or timer; nothing is printed unless the flag
 * is on. Every emitted line carries the `service timestamps … datetime msec` prefix from virtual time.
 */
import { iosLogTimestamp } from './timestamp.js';

export interface DebugFlagDef {
  /** Stable id, e.g. `nhrp.packet`. */
  id: string;
  /** Group header `show debug` prints, e.g. `NHRP`. */
  group: string;
  /** Line `show debug` prints when on, e.g. `NHRP protocol debugging is on`. */
  line: string;
}

export type LogKind = 'debug' | 'syslog';
export type LogListener = (text: string, kind: LogKind) => void;

export class RouterLogger {
  private flags: DebugFlagDef[] = [];
  private enabled = new Set<string>();
  private listeners: LogListener[] = [];
  /**
   * Recent messages for `show logging`: IOS buffers at level debugging by default, so debug output is
   * kept too. Bounded: only the newest few kilobytes are ever shown, so older entries are dropped in
   * batches (amortised constant time even under a debug flood).
   */
  private recent: string[] = [];
  private static readonly BUFFER_MAX = 512;
  /** Every message logged since boot, and those of severity 0-6 (what trap logging at informational counts). */
  messagesLogged = 0;
  trapMessagesLogged = 0;
  /** Debug conditions (`debug nhrp condition peer …`); a protocol passes peer keys to `debugFor`. */
  private conditions: Array<{ kind: string; value: string }> = [];

  constructor(private readonly now: () => number) {}

  /** The newest buffered messages, oldest first. */
  get buffer(): readonly string[] {
    return this.recent;
  }

  registerDebugFlags(defs: DebugFlagDef[]): void {
    for (const d of defs) if (!this.flags.some((f) => f.id === d.id)) this.flags.push(d);
  }

  setDebug(id: string, on: boolean): void {
    if (on) this.enabled.add(id);
    else this.enabled.delete(id);
  }

  isDebugOn(id: string): boolean {
    return this.enabled.has(id);
  }

  allDebugOff(): void {
    this.enabled.clear();
  }

  /** Flags in registration order, for `show debug`. */
  debugFlags(): readonly DebugFlagDef[] {
    return this.flags;
  }

  addCondition(kind: string, value: string): void {
    if (!this.conditions.some((c) => c.kind === kind && c.value === value)) this.conditions.push({ kind, value });
  }

  removeConditions(): void {
    this.conditions = [];
  }

  debugConditions(): ReadonlyArray<{ kind: string; value: string }> {
    return this.conditions;
  }

  onLine(listener: LogListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Emit debug text (may hold several lines; each gets the timestamp only on its first line, as IOS). */
  debug(id: string, text: string): void {
    if (!this.enabled.has(id)) return;
    this.emit(text, 'debug');
  }

  /**
   * Like `debug`, but honouring debug conditions of `kind`: when any condition of that kind is set, only
   * messages whose `keys` include a condition value are printed.
   */
  debugFor(id: string, kind: string, keys: string[], text: string): void {
    if (!this.enabled.has(id)) return;
    const conds = this.conditions.filter((c) => c.kind === kind);
    if (conds.length > 0 && !conds.some((c) => keys.includes(c.value))) return;
    this.emit(text, 'debug');
  }

  /** `%FACILITY-SEV-MNEMONIC: text`. */
  syslog(tag: string, text: string): void {
    this.emit(`%${tag}: ${text}`, 'syslog');
  }

  private emit(text: string, kind: LogKind): void {
    const stamped = `${iosLogTimestamp(this.now())}: ${text}`;
    this.messagesLogged++;
    if (kind === 'syslog' && Number(/^%[A-Z0-9_]+-(\d)-/.exec(text)?.[1] ?? 7) <= 6) this.trapMessagesLogged++;
    this.recent.push(stamped);
    if (this.recent.length > 2 * RouterLogger.BUFFER_MAX) this.recent = this.recent.slice(-RouterLogger.BUFFER_MAX);
    for (const l of this.listeners) l(stamped, kind);
  }
}
