import { describe, expect, it } from 'vitest';
import {
  cbcDecrypt,
  cbcEncrypt,
  derivePhase1Keys,
  dhKeyPair,
  espIcv,
  expandKey,
  prf,
} from '../../../src/protocols/ike/primitives.js';
import { RandomStream } from '../../../src/sim/rng.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('IKE primitives', () => {
  it('Diffie-Hellman on every IOS group gives both peers the same secret, deterministically', () => {
    for (const group of [1, 2, 5, 14]) {
      const r = new RandomStream(group);
      const a = dhKeyPair(group, r.bytes(32));
      const b = dhKeyPair(group, r.bytes(32));
      expect(hex(a.computeSecret(b.publicKey))).toBe(hex(b.computeSecret(a.publicKey)));
      const again = dhKeyPair(group, new RandomStream(group).bytes(32));
      expect(hex(again.publicKey)).toBe(hex(a.publicKey));
    }
    expect(dhKeyPair(1, new Uint8Array(20).fill(3)).publicKey.length).toBe(96);
    expect(dhKeyPair(2, new Uint8Array(20).fill(3)).publicKey.length).toBe(128);
  });

  it('HMAC matches RFC 2202 test case 2 (prf is HMAC)', () => {
    const out = prf('sha', new TextEncoder().encode('Jefe'), new TextEncoder().encode('what do ya want for nothing?'));
    expect(hex(out)).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    expect(hex(prf('md5', new TextEncoder().encode('Jefe'), new TextEncoder().encode('what do ya want for nothing?')))).toBe(
      '750c783e6ab0b503eaa86e310a5db738',
    );
  });

  it('a wrong pre-shared key gives different SKEYID material (so MM5 fails to decrypt/verify)', () => {
    const z = new Uint8Array(8);
    const ni = new Uint8Array(16).fill(1);
    const nr = new Uint8Array(16).fill(2);
    const g = new Uint8Array(96).fill(5);
    const a = derivePhase1Keys('sha', '3des', 'cisco123', ni, nr, g, z, z, g, g);
    const b = derivePhase1Keys('sha', '3des', 'cisco124', ni, nr, g, z, z, g, g);
    expect(hex(a.encKey)).not.toBe(hex(b.encKey));
    expect(a.encKey.length).toBe(24);
    expect(a.iv.length).toBe(8);
  });

  it('expands SKEYID_e to longer keys (RFC 2409 appendix B)', () => {
    const k = expandKey('sha', new Uint8Array(20).fill(9), 32);
    expect(k.length).toBe(32);
    expect(hex(k.subarray(0, 20))).toBe(hex(prf('sha', new Uint8Array(20).fill(9), new Uint8Array([0]))));
  });

  it('CBC round-trips for every cipher, and DES works although OpenSSL 3 lacks single DES', () => {
    for (const [alg, keyLen, block] of [['des', 8, 8], ['3des', 24, 8], ['aes128', 16, 16], ['aes256', 32, 16]] as const) {
      const key = new Uint8Array(keyLen).fill(0x11);
      const iv = new Uint8Array(block).fill(0x22);
      const plain = new Uint8Array(block * 3).map((_, i) => i);
      const c = cbcEncrypt(alg, key, iv, plain);
      expect(hex(c)).not.toBe(hex(plain));
      expect(hex(cbcDecrypt(alg, key, iv, c)!)).toBe(hex(plain));
    }
    expect(cbcDecrypt('3des', new Uint8Array(24), new Uint8Array(8), new Uint8Array(7))).toBeUndefined();
  });

  it('DES-CBC equals the FIPS 81 known answer (key 0123456789abcdef)', () => {
    // FIPS 81 CBC example: "Now is the time for all " with IV 1234567890abcdef.
    const key = Buffer.from('0123456789abcdef', 'hex');
    const iv = Buffer.from('1234567890abcdef', 'hex');
    const plain = new TextEncoder().encode('Now is the time for all ');
    expect(hex(cbcEncrypt('des', key, iv, plain))).toBe('e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6');
  });

  it('ESP ICVs are truncated HMACs', () => {
    expect(espIcv('sha', new Uint8Array(20), new Uint8Array(10)).length).toBe(12);
    expect(espIcv('md5', new Uint8Array(16), new Uint8Array(10)).length).toBe(12);
    expect(espIcv('sha256', new Uint8Array(32), new Uint8Array(10)).length).toBe(16);
  });
});
