/**
 * ISAKMP codec against real IKEv1 main-mode packets (a recorded PSK handshake: MM1, MM2 with vendor IDs,
 * MM3 with KE and nonce, MM5 encrypted): decode to the fields RFC 2408 defines, re-encode byte for byte.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeIsakmp,
  decodePayloadChain,
  encodeIsakmp,
  encodePayloadChain,
  EXCH_MAIN,
  EXCH_INFO,
  FLAG_ENCRYPTED,
  PL_KE,
  PL_NONCE,
  PL_NOTIFY,
  PL_SA,
  PL_VID,
  PL_HASH,
  PL_DELETE,
  type IsakmpPayload,
} from '../../src/wire/isakmp.js';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const MM1 = '59cedc5dcea558fe00000000000000000110020000000000000000540000003800000001000000010000002c00010001000000240001000080010007800e0080800200028004000280030001800b0001800c7080';
const MM2 =
  '59cedc5dcea558fe9e169842364452570110020000000000000000740d00003800000001000000010000002c00010001000000240101000080010007800e0080800200028004000280030001800b0001800c70800d00000c09002689dfd6b71200000014afcad71368a1f1c96b8696fc77570100';
const MM3 =
  '59cedc5dcea558fe9e169842364452570410020000000000000000ac0a000084b5fcea14e2593ee937054b98886ca43b00472167db154ff074e158e8b7fcae77ac35cef073698bfe63c99c6dd64ae25a95d55800a845a5db0640d1c3ea5bb8596cb0ffa5d4db0fd01e1875941b14ad4ac492fb5f6381db934664ad8493fe95aab7f1ff8976f329b5ea0f9ede244e906fb419353e878f2fa92ccd533ba33d79ee0000000c32ae9db36e7418a7';
const MM5 = '59cedc5dcea558fe9e1698423644525705100201000000000000004cfabd2d66f56237c7810b25e185b0186559632459fde4ebb654970a62e83cdd47c9201aad89e40e9500d264aeaa968647';

describe('ISAKMP codec', () => {
  it('decodes MM1: main mode, one ISAKMP proposal with one transform and its TV attributes', () => {
    const d = decodeIsakmp(hex(MM1));
    if (!d.ok) throw new Error(d.message);
    const m = d.value;
    expect(toHex(m.initiatorCookie)).toBe('59cedc5dcea558fe');
    expect(toHex(m.responderCookie)).toBe('0000000000000000');
    expect([m.exchangeType, m.flags, m.messageId]).toEqual([EXCH_MAIN, 0, 0]);
    expect(m.payloads).toHaveLength(1);
    const sa = m.payloads[0]!;
    expect(sa.type).toBe(PL_SA);
    if (!('proposals' in sa)) throw new Error('not an SA');
    expect([sa.doi, sa.situation]).toEqual([1, 1]);
    expect(sa.proposals).toHaveLength(1);
    const p = sa.proposals[0]!;
    // This initiator numbers its proposal and transform 0 (IOS starts at 1); the codec keeps what was sent.
    expect([p.number, p.protocol, p.spi.length]).toEqual([0, 1, 0]);
    expect(p.transforms[0]).toEqual({
      number: 0,
      id: 1, // KEY_IKE
      attributes: [
        { type: 1, value: 7 }, // encryption AES-CBC
        { type: 14, value: 128 }, // key length
        { type: 2, value: 2 }, // hash SHA
        { type: 4, value: 2 }, // group 2
        { type: 3, value: 1 }, // pre-shared key
        { type: 11, value: 1 }, // life type seconds
        { type: 12, value: 28800 }, // life duration
      ],
    });
    expect(toHex(encodeIsakmp(m))).toBe(MM1);
  });

  it('decodes MM2 with the responder cookie and two vendor IDs after the SA, and re-encodes it', () => {
    const d = decodeIsakmp(hex(MM2));
    if (!d.ok) throw new Error(d.message);
    expect(toHex(d.value.responderCookie)).toBe('9e16984236445257');
    expect(d.value.payloads.map((p) => p.type)).toEqual([PL_SA, PL_VID, PL_VID]);
    const vids = d.value.payloads.slice(1).map((p) => ('data' in p ? toHex(p.data) : ''));
    // The second is the Dead Peer Detection vendor ID (RFC 3706) that IOS logs as "vendor ID is DPD".
    expect(vids).toEqual(['09002689dfd6b712', 'afcad71368a1f1c96b8696fc77570100']);
    expect(toHex(encodeIsakmp(d.value))).toBe(MM2);
  });

  it('decodes MM3: a 128-byte group 2 KE and an 8-byte nonce', () => {
    const d = decodeIsakmp(hex(MM3));
    if (!d.ok) throw new Error(d.message);
    const [ke, nonce] = d.value.payloads;
    expect([ke!.type, nonce!.type]).toEqual([PL_KE, PL_NONCE]);
    expect('data' in ke! && ke.data.length).toBe(128);
    expect('data' in nonce! && toHex(nonce.data)).toBe('32ae9db36e7418a7');
    expect(toHex(encodeIsakmp(d.value))).toBe(MM3);
  });

  it('keeps MM5 as ciphertext when the E flag is set, with its first payload type', () => {
    const d = decodeIsakmp(hex(MM5));
    if (!d.ok) throw new Error(d.message);
    expect(d.value.flags & FLAG_ENCRYPTED).toBe(FLAG_ENCRYPTED);
    expect(d.value.firstPayload).toBe(5); // ID
    expect(d.value.encrypted!.length).toBe(76 - 28);
    expect(d.value.payloads).toEqual([]);
    expect(toHex(encodeIsakmp(d.value))).toBe(MM5);
  });

  it('round-trips notify (INITIAL-CONTACT), hash and delete payloads, ignoring padding after the chain', () => {
    const payloads: IsakmpPayload[] = [
      { type: PL_HASH, data: new Uint8Array(20).fill(7) },
      { type: PL_NOTIFY, doi: 1, protocol: 1, notifyType: 24578, spi: new Uint8Array(16).fill(1), data: new Uint8Array(0) },
      { type: PL_DELETE, doi: 1, protocol: 3, spiSize: 4, spis: [hex('8d538d11'), hex('0a0b0c0d')] },
    ];
    const chain = encodePayloadChain(payloads);
    const padded = new Uint8Array(chain.length + 7);
    padded.set(chain);
    const d = decodePayloadChain(PL_HASH, padded);
    expect(d.ok && d.value).toEqual(payloads);
    const info = encodeIsakmp({ initiatorCookie: new Uint8Array(8).fill(1), responderCookie: new Uint8Array(8).fill(2), exchangeType: EXCH_INFO, flags: 0, messageId: 0xdeadbeef, payloads });
    const back = decodeIsakmp(info);
    expect(back.ok && back.value.payloads).toEqual(payloads);
  });

  it('rejects truncated and inconsistent packets with a reason and never throws', () => {
    const mm1 = hex(MM1);
    expect(decodeIsakmp(mm1.subarray(0, 20))).toMatchObject({ ok: false, error: 'truncated' });
    const badLen = mm1.slice();
    badLen[27] = 0xff;
    expect(decodeIsakmp(badLen)).toMatchObject({ ok: false, error: 'bad-length' });
    const badPayload = mm1.slice();
    badPayload[31] = 0x02; // SA payload length 2
    expect(decodeIsakmp(badPayload)).toMatchObject({ ok: false, error: 'bad-length' });
    const badVersion = mm1.slice();
    badVersion[17] = 0x20;
    expect(decodeIsakmp(badVersion)).toMatchObject({ ok: false, error: 'bad-version' });
  });
});
