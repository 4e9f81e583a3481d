/**
 * IKEv1 and ESP cryptography, all from node:crypto (no hand-written ciphers):
 * Diffie-Hellman on the MODP groups IOS offers, the pre-shared-key SKEYID derivation of RFC 2409 §5,
 * key expansion (RFC 2409 Appendix B), CBC encryption without padding (IKE and ESP pad themselves),
 * and truncated HMACs for ESP integrity.
 *
 * Private keys, nonces and IVs are passed in by the caller, who draws them from the seeded RNG, so a
 * whole lab run stays deterministic even though the maths is real.
 */
import { createCipheriv, createDecipheriv, createDiffieHellman, createHash, createHmac, type DiffieHellman, getDiffieHellman } from 'node:crypto';

export type HashAlg = 'md5' | 'sha' | 'sha256';
export type CipherAlg = 'des' | '3des' | 'aes128' | 'aes192' | 'aes256';

const NODE_HASH: Record<HashAlg, string> = { md5: 'md5', sha: 'sha1', sha256: 'sha256' };

/** IOS `group N` → node's MODP group name. */
const DH_GROUPS: Record<number, string> = { 1: 'modp1', 2: 'modp2', 5: 'modp5', 14: 'modp14' };

export interface CipherSpec {
  node: string;
  keyLen: number;
  blockLen: number;
}

/**
 * Single DES is not in OpenSSL 3's default provider; DES-CBC with key K equals 3DES-EDE-CBC with key
 * K‖K‖K (EDE with three equal keys collapses to one DES encryption), so DES rides on des-ede3-cbc.
 */
export const CIPHERS: Record<CipherAlg, CipherSpec> = {
  des: { node: 'des-ede3-cbc', keyLen: 8, blockLen: 8 },
  '3des': { node: 'des-ede3-cbc', keyLen: 24, blockLen: 8 },
  aes128: { node: 'aes-128-cbc', keyLen: 16, blockLen: 16 },
  aes192: { node: 'aes-192-cbc', keyLen: 24, blockLen: 16 },
  aes256: { node: 'aes-256-cbc', keyLen: 32, blockLen: 16 },
};

export function hashLength(h: HashAlg): number {
  return h === 'md5' ? 16 : h === 'sha' ? 20 : 32;
}

export function supportedDhGroup(group: number): boolean {
  return DH_GROUPS[group] !== undefined;
}

export interface DhKeyPair {
  publicKey: Uint8Array;
  computeSecret(peerPublic: Uint8Array): Uint8Array;
}

/**
 * One DiffieHellman object per group, reused for every key pair: building one from a prime makes
 * OpenSSL test the prime (tens of milliseconds each), while setting a private key is cheap. Calls are
 * synchronous, so each operation sets its own private key first.
 */
const groupEngines = new Map<number, { dh: DiffieHellman; primeLen: number }>();

function engineFor(group: number): { dh: DiffieHellman; primeLen: number } {
  let e = groupEngines.get(group);
  if (!e) {
    const name = DH_GROUPS[group];
    if (!name) throw new Error(`unsupported DH group ${group}`);
    const params = getDiffieHellman(name);
    e = { dh: createDiffieHellman(params.getPrime(), params.getGenerator()), primeLen: params.getPrime().length };
    groupEngines.set(group, e);
  }
  return e;
}

/** A DH key pair for `group` from caller-supplied private key bytes (drawn from the seeded RNG). */
export function dhKeyPair(group: number, privateKey: Uint8Array): DhKeyPair {
  const { dh, primeLen } = engineFor(group);
  const priv = Buffer.from(privateKey);
  dh.setPrivateKey(priv);
  dh.generateKeys();
  // KE payloads carry the public value left-padded to the prime's length (RFC 2409 §5).
  const publicKey = leftPad(new Uint8Array(dh.getPublicKey()), primeLen);
  return {
    publicKey,
    computeSecret: (peer) => {
      dh.setPrivateKey(priv);
      return leftPad(new Uint8Array(dh.computeSecret(Buffer.from(peer))), primeLen);
    },
  };
}

function leftPad(b: Uint8Array, len: number): Uint8Array {
  if (b.length >= len) return b;
  const out = new Uint8Array(len);
  out.set(b, len - b.length);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function prf(h: HashAlg, key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const m = createHmac(NODE_HASH[h], Buffer.from(key));
  for (const d of data) m.update(d);
  return new Uint8Array(m.digest());
}

export function hash(h: HashAlg, ...data: Uint8Array[]): Uint8Array {
  const m = createHash(NODE_HASH[h]);
  for (const d of data) m.update(d);
  return new Uint8Array(m.digest());
}

export interface Phase1Keys {
  skeyid: Uint8Array;
  skeyidD: Uint8Array;
  skeyidA: Uint8Array;
  skeyidE: Uint8Array;
  /** The encryption key, expanded from SKEYID_e to the cipher's key length. */
  encKey: Uint8Array;
  /** IV for the first encrypted main-mode message: hash(g^xi | g^xr) cut to the block size. */
  iv: Uint8Array;
}

/** RFC 2409 §5 with pre-shared keys: SKEYID = prf(psk, Ni_b | Nr_b), then SKEYID_d/_a/_e. */
export function derivePhase1Keys(
  h: HashAlg,
  cipher: CipherAlg,
  psk: string,
  ni: Uint8Array,
  nr: Uint8Array,
  gxy: Uint8Array,
  ckyI: Uint8Array,
  ckyR: Uint8Array,
  gxi: Uint8Array,
  gxr: Uint8Array,
): Phase1Keys {
  const skeyid = prf(h, new TextEncoder().encode(psk), ni, nr);
  const skeyidD = prf(h, skeyid, gxy, ckyI, ckyR, new Uint8Array([0]));
  const skeyidA = prf(h, skeyid, skeyidD, gxy, ckyI, ckyR, new Uint8Array([1]));
  const skeyidE = prf(h, skeyid, skeyidA, gxy, ckyI, ckyR, new Uint8Array([2]));
  const spec = CIPHERS[cipher];
  const encKey = expandKey(h, skeyidE, spec.keyLen);
  const iv = hash(h, gxi, gxr).subarray(0, spec.blockLen);
  return { skeyid, skeyidD, skeyidA, skeyidE, encKey, iv };
}

/** RFC 2409 Appendix B: K = K1 | K2 | …, K1 = prf(SKEYID_e, 0), Kn = prf(SKEYID_e, Kn-1). */
export function expandKey(h: HashAlg, skeyidE: Uint8Array, len: number): Uint8Array {
  if (skeyidE.length >= len) return skeyidE.slice(0, len);
  let k = prf(h, skeyidE, new Uint8Array([0]));
  let out = k;
  while (out.length < len) {
    k = prf(h, skeyidE, k);
    out = concat(out, k);
  }
  return out.slice(0, len);
}

/** IPsec KEYMAT (RFC 2409 §5.5): prf(SKEYID_d, [g^xy |] protocol | SPI | Ni_b | Nr_b), expanded. */
export function deriveKeymat(h: HashAlg, skeyidD: Uint8Array, protocol: number, spi: number, ni: Uint8Array, nr: Uint8Array, len: number, pfsSecret?: Uint8Array): Uint8Array {
  const spiBytes = new Uint8Array([(spi >>> 24) & 255, (spi >>> 16) & 255, (spi >>> 8) & 255, spi & 255]);
  const seed = [...(pfsSecret ? [pfsSecret] : []), new Uint8Array([protocol]), spiBytes, ni, nr];
  let k = prf(h, skeyidD, ...seed);
  let out = k;
  while (out.length < len) {
    k = prf(h, skeyidD, k, ...seed);
    out = concat(out, k);
  }
  return out.slice(0, len);
}

function nodeKey(cipher: CipherAlg, key: Uint8Array): Buffer {
  return cipher === 'des' ? Buffer.from(concat(key, key, key)) : Buffer.from(key);
}

/** CBC-encrypt `plain` (a multiple of the block size) with no padding of node's own. */
export function cbcEncrypt(cipher: CipherAlg, key: Uint8Array, iv: Uint8Array, plain: Uint8Array): Uint8Array {
  const c = createCipheriv(CIPHERS[cipher].node, nodeKey(cipher, key), Buffer.from(iv));
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
}

/** CBC-decrypt; returns undefined (never throws) when the length is not a multiple of the block. */
export function cbcDecrypt(cipher: CipherAlg, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | undefined {
  const spec = CIPHERS[cipher];
  if (data.length === 0 || data.length % spec.blockLen !== 0 || iv.length !== spec.blockLen) return undefined;
  const d = createDecipheriv(spec.node, nodeKey(cipher, key), Buffer.from(iv));
  d.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
}

/** ESP integrity: HMAC-MD5-96, HMAC-SHA1-96, HMAC-SHA256-128. */
export function espIcv(h: HashAlg, key: Uint8Array, data: Uint8Array): Uint8Array {
  const full = prf(h, key, data);
  return full.subarray(0, h === 'sha256' ? 16 : 12);
}

export function espAuthKeyLen(h: HashAlg): number {
  return hashLength(h);
}
