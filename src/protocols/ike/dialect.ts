/**
 * How `debug crypto isakmp` writes its line prefixes on each IOS train — the one place that knows:
 * 15.x prints `ISAKMP:(1002):` (and `ISAKMP (1002):` on some lines), 12.x prints `ISAKMP (0:1):` for
 * both (the engine slot before the conn-id). Callers pass the train from the router's platform.
 */

export interface IsakmpDialect {
  /** The common `ISAKMP:(c):` prefix. */
  p(connId: number): string;
  /** The spaced variant some lines use: `ISAKMP (c):`. */
  s(connId: number): string;
  /** How a message id appears in `processing … message ID = N` (15.x unsigned, 12.x signed). */
  mid(id: number): string;
  /** The first conn-id a router gives an ISAKMP SA. */
  firstConnId: number;
}

const signed = (id: number) => String(id | 0);

export function isakmpDialect(train: number): IsakmpDialect {
  if (train < 15) {
    return { p: (c) => `ISAKMP (0:${c}):`, s: (c) => `ISAKMP (0:${c}):`, mid: signed, firstConnId: 1 };
  }
  return { p: (c) => `ISAKMP:(${c}):`, s: (c) => `ISAKMP (${c}):`, mid: (id) => String(id >>> 0), firstConnId: 1001 };
}

/**
 * The two messages of a state transition: `Input = …`, then `Old State = A  New State = B ` followed
 * by the blank line 15.x prints after a main-mode transition (quick-mode ones, with `Node N,`, have neither).
 */
export function transitionLines(prefix: string, input: string, from: string, to: string, node?: number): [string, string] {
  if (node !== undefined) return [`${prefix}Node ${node >>> 0}, Input = ${input}`, `${prefix}Old State = ${from}  New State = ${to}`];
  return [`${prefix}Input = ${input}`, `${prefix}Old State = ${from}  New State = ${to} \n`];
}

/** The ISAKMP SA state column and the `(I) MM_NO_STATE` label; QM_IDLE is padded as IOS pads it. */
export function stateLabel(s: string): string {
  return s === 'QM_IDLE' ? 'QM_IDLE      ' : s;
}
