/**
 * ESP (RFC 4303) with CBC ciphers and truncated HMACs from node:crypto: SPI, sequence number, IV,
 * encrypted payload with its padding, pad length and next header, then the ICV over everything before
 * it. Decapsulation checks the ICV first and never throws; each failure names the counter IOS bumps.
 */
import { cbcDecrypt, cbcEncrypt, CIPHERS, concat, espIcv } from '../ike/primitives.js';
import type { EspSuite } from '../ike/ipsec-proposal.js';

export const IP_PROTO_ESP = 50;
const HEADER_LEN = 8;

export interface EspKeys {
  encKey: Uint8Array;
  authKey: Uint8Array;
}

function icvLength(s: EspSuite): number {
  return s.auth === 'sha256' ? 16 : 12;
}

export function encapsulateEsp(s: EspSuite, k: EspKeys, spi: number, seq: number, nextHeader: number, payload: Uint8Array, iv: Uint8Array): Uint8Array {
  const block = CIPHERS[s.cipher].blockLen;
  const padLen = (block - ((payload.length + 2) % block)) % block;
  const plain = new Uint8Array(payload.length + padLen + 2);
  plain.set(payload);
  // RFC 4303 §2.4: the default padding is 1, 2, 3, …
  for (let i = 0; i < padLen; i++) plain[payload.length + i] = i + 1;
  plain[plain.length - 2] = padLen;
  plain[plain.length - 1] = nextHeader;
  const head = new Uint8Array(HEADER_LEN);
  const dv = new DataView(head.buffer);
  dv.setUint32(0, spi >>> 0);
  dv.setUint32(4, seq >>> 0);
  const body = concat(head, iv, cbcEncrypt(s.cipher, k.encKey, iv, plain));
  return concat(body, espIcv(s.auth, k.authKey, body));
}

export function espSpi(b: Uint8Array): number | undefined {
  return b.length < HEADER_LEN ? undefined : new DataView(b.buffer, b.byteOffset, b.length).getUint32(0);
}

export function espSeq(b: Uint8Array): number {
  return new DataView(b.buffer, b.byteOffset, b.length).getUint32(4);
}

export type EspResult = { ok: true; nextHeader: number; payload: Uint8Array; seq: number } | { ok: false; error: 'invalid-len' | 'verify-failed' | 'decaps-failed' };

export function decapsulateEsp(s: EspSuite, k: EspKeys, b: Uint8Array): EspResult {
  const block = CIPHERS[s.cipher].blockLen;
  const icvLen = icvLength(s);
  if (b.length < HEADER_LEN + block + block + icvLen || (b.length - HEADER_LEN - block - icvLen) % block !== 0) return { ok: false, error: 'invalid-len' };
  const body = b.subarray(0, b.length - icvLen);
  const icv = b.subarray(b.length - icvLen);
  const expected = espIcv(s.auth, k.authKey, body);
  if (!expected.every((x, i) => x === icv[i])) return { ok: false, error: 'verify-failed' };
  const iv = body.subarray(HEADER_LEN, HEADER_LEN + block);
  const plain = cbcDecrypt(s.cipher, k.encKey, iv, body.subarray(HEADER_LEN + block));
  if (!plain) return { ok: false, error: 'decaps-failed' };
  const padLen = plain[plain.length - 2]!;
  if (padLen + 2 > plain.length) return { ok: false, error: 'decaps-failed' };
  return { ok: true, nextHeader: plain[plain.length - 1]!, payload: plain.slice(0, plain.length - 2 - padLen), seq: espSeq(b) };
}
