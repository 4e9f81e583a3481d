/**
 * Encryption of messages under an established ISAKMP SA (quick mode and informational exchanges):
 * each exchange starts its CBC IV from hash(last phase-1 block | M-ID) (RFC 2409 Appendix B) and chains
 * from there; the HASH payload leads and covers M-ID and the payloads after it.
 */
import {
  decodePayloadChain,
  encodeIsakmp,
  encodePayloadChain,
  FLAG_ENCRYPTED,
  type IsakmpMessage,
  type IsakmpPayload,
  PL_HASH,
} from '../../wire/isakmp.js';
import { cbcDecrypt, cbcEncrypt, CIPHERS, concat, hash, prf } from './primitives.js';
import type { IsakmpSa } from './isakmp-sa.js';

export function midBytes(id: number): Uint8Array {
  return new Uint8Array([(id >>> 24) & 255, (id >>> 16) & 255, (id >>> 8) & 255, id & 255]);
}

/** The running IV of one exchange (quick mode or informational). */
export class ExchangeIv {
  private iv: Uint8Array;

  constructor(sa: IsakmpSa, messageId: number) {
    const block = CIPHERS[sa.cipher].blockLen;
    this.iv = hash(sa.hashAlg, sa.phase2Material().lastBlock, midBytes(messageId)).subarray(0, block);
  }

  encrypt(sa: IsakmpSa, plain: Uint8Array): Uint8Array {
    const block = CIPHERS[sa.cipher].blockLen;
    const padded = new Uint8Array(Math.ceil(plain.length / block) * block);
    padded.set(plain);
    sa.engine('encrypt');
    const ct = cbcEncrypt(sa.cipher, sa.keys!.encKey, this.iv, padded);
    this.iv = ct.slice(ct.length - block);
    return ct;
  }

  decrypt(sa: IsakmpSa, ct: Uint8Array): Uint8Array | undefined {
    const block = CIPHERS[sa.cipher].blockLen;
    sa.engine('decrypt');
    const plain = cbcDecrypt(sa.cipher, sa.keys!.encKey, this.iv, ct);
    if (plain) this.iv = ct.slice(ct.length - block);
    return plain;
  }
}

/** prf(SKEYID_a, prefix… | M-ID | payloads after HASH) — HASH(1), HASH(2) and the informational HASH. */
export function exchangeHash(sa: IsakmpSa, messageId: number, rest: IsakmpPayload[], ...extra: Uint8Array[]): Uint8Array {
  sa.engine('hash');
  return prf(sa.hashAlg, sa.phase2Material().skeyidA, midBytes(messageId), ...extra, encodePayloadChain(rest));
}

/** HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b). */
export function hash3(sa: IsakmpSa, messageId: number, ni: Uint8Array, nr: Uint8Array): Uint8Array {
  sa.engine('hash');
  return prf(sa.hashAlg, sa.phase2Material().skeyidA, concat(new Uint8Array([0]), midBytes(messageId), ni, nr));
}

/** Encode an encrypted exchange message: HASH first, then `rest`. */
export function sealMessage(sa: IsakmpSa, iv: ExchangeIv, exchangeType: number, messageId: number, hashValue: Uint8Array, rest: IsakmpPayload[]): Uint8Array {
  const payloads: IsakmpPayload[] = [{ type: PL_HASH, data: hashValue }, ...rest];
  const m: IsakmpMessage = { initiatorCookie: sa.ckyI, responderCookie: sa.ckyR, exchangeType, flags: FLAG_ENCRYPTED, messageId, payloads: [] };
  return encodeIsakmp({ ...m, firstPayload: PL_HASH, encrypted: iv.encrypt(sa, encodePayloadChain(payloads)) });
}

/** Decrypt an exchange message; returns its HASH and the payloads after it, or undefined. */
export function openMessage(sa: IsakmpSa, iv: ExchangeIv, m: IsakmpMessage): { hash: Uint8Array; rest: IsakmpPayload[] } | undefined {
  if (!m.encrypted) return undefined;
  const plain = iv.decrypt(sa, m.encrypted);
  if (!plain) return undefined;
  const chain = decodePayloadChain(m.firstPayload ?? 0, plain);
  if (!chain.ok) return undefined;
  const [first, ...rest] = chain.value;
  if (!first || first.type !== PL_HASH || !('data' in first)) return undefined;
  return { hash: first.data, rest };
}

