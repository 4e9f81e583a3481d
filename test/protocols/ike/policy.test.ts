/**
 * Phase-1 policy: the proposal an IOS initiator sends for its suites, and the responder's check with
 * the `debug crypto isakmp` lines IOS prints (format from a 15.x responder debug), including a recorded
 * third-party offer and the key-length mismatch case; pre-shared key selection by peer address.
 */
import { describe, expect, it } from 'vitest';
import { type IsakmpPolicy, ISAKMP_POLICY_DEFAULTS } from '../../../src/config/crypto.js';
import { checkOffer, phase1Proposal, preSharedKeyFor } from '../../../src/protocols/ike/policy.js';
import { decodeIsakmp, encodeIsakmp, EXCH_MAIN, PL_SA } from '../../../src/wire/isakmp.js';
import { parseIpv4 } from '../../../src/wire/addr.js';

const seed0: IsakmpPolicy = { priority: 1, ...ISAKMP_POLICY_DEFAULTS, encryption: '3des', authentication: 'pre-share' };
const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function mm1(policies: IsakmpPolicy[]): Uint8Array {
  return encodeIsakmp({
    initiatorCookie: hex('0102030405060708'),
    responderCookie: new Uint8Array(8),
    exchangeType: EXCH_MAIN,
    flags: 0,
    messageId: 0,
    payloads: [{ type: PL_SA, doi: 1, situation: 1, proposals: [phase1Proposal(policies)] }],
  });
}

describe('phase-1 proposal and policy check', () => {
  it('encodes seed 000’s suite as one KEY_IKE transform: 3DES, SHA, group 1, PSK, 86400 s as a 4-byte TLV', () => {
    const bytes = mm1([seed0]);
    // SA (DOI 1, situation 1) → proposal 1, ISAKMP, no SPI, 1 transform → transform 1, KEY_IKE.
    expect(toHex(bytes.subarray(28))).toBe(
      '00000038' + '00000001' + '00000001' + '0000002c' + '01010001' + '00000024' + '01010000' + '80010005' + '80020002' + '80040001' + '80030001' + '800b0001' + '000c000400015180',
    );
  });

  it('a responder with the same suite accepts it, printing what IOS prints', () => {
    const d = decodeIsakmp(mm1([seed0]));
    if (!d.ok || !('proposals' in d.value.payloads[0]!)) throw new Error('bad MM1');
    const r = checkOffer(d.value.payloads[0].proposals[0]!, [seed0], 'ISAKMP:(0):');
    expect(r.lines).toEqual([
      'ISAKMP:(0):Checking ISAKMP transform 1 against priority 1 policy',
      'ISAKMP:      encryption 3DES-CBC',
      'ISAKMP:      hash SHA',
      'ISAKMP:      default group 1',
      'ISAKMP:      auth pre-share',
      'ISAKMP:      life type in seconds',
      'ISAKMP:      life duration (VPI) of  0x0 0x1 0x51 0x80 ',
      'ISAKMP:(0):atts are acceptable. Next payload is 0',
    ]);
    expect(r.accepted?.policy.priority).toBe(1);
    expect(r.accepted?.lifetime).toBe(86400);
  });

  it('checks every local suite in priority order and explains each refusal; nothing fits → no offers accepted', () => {
    const offer = phase1Proposal([{ priority: 5, ...ISAKMP_POLICY_DEFAULTS, encryption: 'aes', aesBits: 256, hash: 'sha256', authentication: 'pre-share', group: 5, lifetime: 5000 }]);
    const local: IsakmpPolicy[] = [
      { priority: 10, ...ISAKMP_POLICY_DEFAULTS, encryption: '3des', authentication: 'pre-share' },
      { priority: 5, ...ISAKMP_POLICY_DEFAULTS, encryption: 'aes', aesBits: 192, hash: 'sha256', authentication: 'pre-share', group: 5, lifetime: 5000 },
    ];
    const r = checkOffer(offer, local, 'ISAKMP:(0):');
    expect(r.accepted).toBeUndefined();
    expect(r.lines.filter((l) => l.startsWith('ISAKMP:(0):'))).toEqual([
      'ISAKMP:(0):Checking ISAKMP transform 1 against priority 5 policy',
      'ISAKMP:(0):Proposed key length does not match policy',
      'ISAKMP:(0):atts are not acceptable. Next payload is 0',
      'ISAKMP:(0):Checking ISAKMP transform 1 against priority 10 policy',
      'ISAKMP:(0):Encryption algorithm offered does not match policy!',
      'ISAKMP:(0):atts are not acceptable. Next payload is 0',
      'ISAKMP:(0):no offers accepted!',
    ]);
    expect(r.lines).toContain('ISAKMP:      keylength of 256');
    expect(r.lines).toContain('ISAKMP:      life duration (basic) of 5000');
  });

  it('accepts a recorded third-party MM1 (AES-128, SHA, group 2, PSK, 28800 s) and takes the shorter lifetime', () => {
    const recorded = decodeIsakmp(
      hex('59cedc5dcea558fe00000000000000000110020000000000000000540000003800000001000000010000002c00010001000000240001000080010007800e0080800200028004000280030001800b0001800c7080'),
    );
    if (!recorded.ok || !('proposals' in recorded.value.payloads[0]!)) throw new Error('bad vector');
    const local: IsakmpPolicy = { priority: 20, ...ISAKMP_POLICY_DEFAULTS, encryption: 'aes', hash: 'sha', authentication: 'pre-share', group: 2 };
    const r = checkOffer(recorded.value.payloads[0].proposals[0]!, [local], 'ISAKMP:(0):');
    expect(r.accepted?.lifetime).toBe(28800);
    expect(r.lines).toContain('ISAKMP:      life duration (basic) of 28800');
    expect(r.lines).toContain('ISAKMP:      keylength of 128');
  });

  it('picks the most specific pre-shared key for a peer', () => {
    const ip = (s: string) => parseIpv4(s)!;
    const keys = [
      { key: 'any', address: ip('0.0.0.0'), mask: ip('0.0.0.0') },
      { key: 'spoke1', address: ip('172.16.1.1') },
      { key: 'branch', address: ip('172.16.0.0'), mask: ip('255.255.0.0') },
    ];
    expect(preSharedKeyFor(keys, ip('172.16.1.1'))?.key).toBe('spoke1');
    expect(preSharedKeyFor(keys, ip('172.16.2.1'))?.key).toBe('branch');
    expect(preSharedKeyFor(keys, ip('10.1.4.1'))?.key).toBe('any');
    expect(preSharedKeyFor(keys.slice(1), ip('10.1.4.1'))).toBeUndefined();
  });
});
