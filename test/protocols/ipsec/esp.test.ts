/**
 * ESP (RFC 4303) as the datapath uses it: what goes in comes out, a flipped bit fails the ICV, a
 * truncated packet is an invalid length, and the anti-replay window refuses repeats and stale numbers.
 */
import { describe, expect, it } from 'vitest';
import { decapsulateEsp, encapsulateEsp, espSpi } from '../../../src/protocols/ipsec/esp.js';
import { Sadb, type IpsecSa } from '../../../src/protocols/ipsec/sadb.js';
import type { EspSuite } from '../../../src/protocols/ike/ipsec-proposal.js';
import { plaintextMtu } from '../../../src/protocols/ipsec/service.js';

const suite: EspSuite = { cipher: '3des', auth: 'sha', mode: 'transport', label: 'esp-3des esp-sha-hmac' };
const keys = { encKey: new Uint8Array(24).fill(7), authKey: new Uint8Array(20).fill(9) };
const iv = new Uint8Array(8).fill(3);
const payload = new TextEncoder().encode('GRE carrying an EIGRP hello, say');

describe('ESP', () => {
  it('round-trips: SPI and sequence in clear, payload and next header recovered, padded to the block', () => {
    const esp = encapsulateEsp(suite, keys, 0x8d538d11, 5, 47, payload, iv);
    expect(espSpi(esp)).toBe(0x8d538d11);
    // 8 header + 8 IV + ciphertext (payload + pad + 2, multiple of 8) + 12 ICV.
    expect((esp.length - 8 - 8 - 12) % 8).toBe(0);
    const r = decapsulateEsp(suite, keys, esp);
    expect(r).toEqual({ ok: true, nextHeader: 47, payload, seq: 5 });
  });

  it('a flipped ciphertext bit fails the integrity check; a cut packet is an invalid length', () => {
    const esp = encapsulateEsp(suite, keys, 1000, 1, 47, payload, iv);
    const bad = esp.slice();
    bad[20] ^= 1;
    expect(decapsulateEsp(suite, keys, bad)).toEqual({ ok: false, error: 'verify-failed' });
    expect(decapsulateEsp(suite, keys, esp.subarray(0, 30))).toEqual({ ok: false, error: 'invalid-len' });
  });

  it('AES-256 with SHA-256 uses a 16-byte block and a 16-byte ICV', () => {
    const aes: EspSuite = { cipher: 'aes256', auth: 'sha256', mode: 'tunnel', label: 'esp-aes 256 esp-sha256-hmac' };
    const k = { encKey: new Uint8Array(32).fill(1), authKey: new Uint8Array(32).fill(2) };
    const esp = encapsulateEsp(aes, k, 4242, 1, 4, payload, new Uint8Array(16).fill(5));
    expect((esp.length - 8 - 16 - 16) % 16).toBe(0);
    expect(decapsulateEsp(aes, k, esp)).toMatchObject({ ok: true, nextHeader: 4, payload });
  });

  it('anti-replay: new numbers pass, a repeat or one older than the 64-packet window is refused', () => {
    const db = new Sadb();
    const sa = { replayTop: 0, replayBits: 0n } as IpsecSa;
    expect(db.acceptSequence(sa, 1)).toBe(true);
    expect(db.acceptSequence(sa, 3)).toBe(true);
    expect(db.acceptSequence(sa, 2)).toBe(true);
    expect(db.acceptSequence(sa, 2)).toBe(false);
    expect(db.acceptSequence(sa, 100)).toBe(true);
    expect(db.acceptSequence(sa, 36)).toBe(false);
    expect(db.acceptSequence(sa, 37)).toBe(true);
    expect(db.acceptSequence(sa, 0)).toBe(false);
  });

  it('plaintext MTU: 1458 for seed 000’s transport 3DES/SHA, 1438 for tunnel AES-256/SHA on 1500 bytes', () => {
    expect(plaintextMtu(1500, suite)).toBe(1458);
    expect(plaintextMtu(1500, { cipher: 'aes256', auth: 'sha', mode: 'tunnel', label: '' })).toBe(1438);
  });
});
