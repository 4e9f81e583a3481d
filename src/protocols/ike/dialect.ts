/**
 * How `debug crypto isakmp` writes its line prefixes on each IOS train — the one place that knows:
 * 15.x prints `ISAKMP:(1002):` (and `ISAKMP (1002):` on some lines), 12.x prints `ISAKMP (0:1):` for
 * both (the engine slot before the conn-id). Callers pass the train from the router's platform.
 * It also holds what `debug crypto engine` prints for each operation of the software crypto engine.
 */

/** What the crypto engine is asked to do while IKE and IPsec run. */
export type EngineOp = 'dhKeyPair' | 'dhSecret' | 'ikeSa' | 'hash' | 'encrypt' | 'decrypt' | 'dhClear' | 'ipsecSa';

export interface IsakmpDialect {
  /** The common `ISAKMP:(c):` prefix. */
  p(connId: number): string;
  /** The spaced variant some lines use: `ISAKMP (c):`. */
  s(connId: number): string;
  /** How a message id appears in `processing … message ID = N` (15.x unsigned, 12.x signed). */
  mid(id: number): string;
  /** The first conn-id a router gives an ISAKMP SA. */
  firstConnId: number;
  /** `debug crypto engine` lines for one engine operation (none where the train's wording is unknown). */
  engine(op: EngineOp, connId: number): string[];
}

/**
 * 12.x names the engine `CryptoEngine0`/`CRYPTO_ENGINE` (`generate alg parameter` and `Dh phase 1
 * status: 0`, twice per key pair, are from a recorded 12.2 initiator; the SKEYID, HMAC, DH-clear and
 * flow lines are from Cisco's 12.x debug examples as remembered, not from a capture).
 */
function legacyEngine(op: EngineOp, c: number): string[] {
  switch (op) {
    case 'dhKeyPair':
      return ['CryptoEngine0: generate alg parameter', 'CRYPTO_ENGINE: Dh phase 1 status: 0', 'CRYPTO_ENGINE: Dh phase 1 status: 0'];
    case 'ikeSa':
      return [`CryptoEngine0: create ISAKMP SKEYID for conn id ${c}`];
    case 'hash':
      return [`CryptoEngine0: generate hmac context for conn id ${c}`];
    case 'dhClear':
      return [`CryptoEngine0: clear dh number for conn id ${c}`];
    case 'ipsecSa':
      return [`CryptoEngine0: ipsec allocate flow ${c}`];
    default:
      return [];
  }
}

/**
 * 12.4 and later print `crypto_engine: …` (`Decrypt IKE packet` and `Generate IKE hash` are from a
 * recorded 12.4 responder; the others are remembered 12.4T/15.x wording). No line is known for key-pair
 * generation or for dropping the DH secret, so none is printed.
 */
function modernEngine(op: EngineOp): string[] {
  switch (op) {
    case 'dhSecret':
      return ['crypto_engine: Create DH shared secret', 'crypto_engine: Modular Exponentiation'];
    case 'ikeSa':
      return ['crypto_engine: Create IKE SA', 'crypto_engine: crypto_create_session()'];
    case 'hash':
      return ['crypto_engine: Generate IKE hash'];
    case 'encrypt':
      return ['crypto_engine: Encrypt IKE packet'];
    case 'decrypt':
      return ['crypto_engine: Decrypt IKE packet'];
    case 'ipsecSa':
      return ['crypto_engine: Create IPSec SA (by keys)'];
    default:
      return [];
  }
}

const signed = (id: number) => String(id | 0);

export function isakmpDialect(train: number): IsakmpDialect {
  if (train < 15) {
    return { p: (c) => `ISAKMP (0:${c}):`, s: (c) => `ISAKMP (0:${c}):`, mid: signed, firstConnId: 1, engine: legacyEngine };
  }
  return { p: (c) => `ISAKMP:(${c}):`, s: (c) => `ISAKMP (${c}):`, mid: (id) => String(id >>> 0), firstConnId: 1001, engine: (op) => modernEngine(op) };
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
