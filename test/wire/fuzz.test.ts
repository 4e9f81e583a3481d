/**
 * Issue 2, done-when 5 (wire half): every decoder, fed random bytes and mutated valid packets, returns
 * a result and never throws; whatever decodes re-encodes without throwing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeEthernet, encodeEthernet } from '../../src/wire/ethernet.js';
import { decodeArp, encodeArp } from '../../src/wire/arp.js';
import { decodeIpv4, encodeIpv4 } from '../../src/wire/ipv4.js';
import { decodeIcmp, encodeIcmp } from '../../src/wire/icmp.js';
import { decodeGre, encodeGre } from '../../src/wire/gre.js';
import { decodeNhrp, encodeNhrp, NHRP_EXT_AUTH, NHRP_EXT_NAT, NHRP_EXT_RESPONDER } from '../../src/wire/nhrp.js';
import { decodeEigrp, encodeEigrp, TLV_IPV4_INTERNAL, TLV_PARAMETER } from '../../src/wire/eigrp.js';
import { summarizeFrame } from '../../src/wire/summary.js';
import { decodeIsakmp, encodeIsakmp } from '../../src/wire/isakmp.js';
import { decodeUdp, encodeUdp } from '../../src/wire/udp.js';
import type { DecodeResult } from '../../src/wire/result.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

interface Codec {
  name: string;
  decode(b: Uint8Array): DecodeResult<unknown>;
  encode(v: unknown): Uint8Array;
  sample: Uint8Array;
}

const mac = new Uint8Array([0xaa, 0xbb, 0xcc, 0, 1, 0]);
const ipv4Sample = encodeIpv4({ tos: 0, id: 7, df: false, ttl: 255, protocol: 1, src: 0xac100101, dst: 0xac100a01, payload: encodeIcmp({ type: 8, code: 0, id: 1, seq: 1, data: new Uint8Array(72).fill(0xab) }) });

const codecs: Codec[] = [
  { name: 'ethernet', decode: decodeEthernet, encode: (v) => encodeEthernet(v as never), sample: encodeEthernet({ dst: mac, src: mac, ethertype: 0x0800, payload: ipv4Sample }) },
  { name: 'arp', decode: decodeArp, encode: (v) => encodeArp(v as never), sample: encodeArp({ op: 1, senderMac: mac, senderIp: 0xac100101, targetMac: new Uint8Array(6), targetIp: 0xac1001fe }) },
  { name: 'ipv4', decode: decodeIpv4, encode: (v) => encodeIpv4(v as never), sample: ipv4Sample },
  { name: 'icmp', decode: decodeIcmp, encode: (v) => encodeIcmp(v as never), sample: encodeIcmp({ type: 8, code: 0, id: 1, seq: 2, data: new Uint8Array(8) }) },
  { name: 'gre', decode: decodeGre, encode: (v) => encodeGre(v as never), sample: encodeGre({ protocolType: 0x2001, key: 1, payload: new Uint8Array(20) }) },
  {
    name: 'nhrp',
    decode: decodeNhrp,
    encode: (v) => encodeNhrp(v as never),
    sample: encodeNhrp({
      afn: 1,
      protocolType: 0x0800,
      hopCount: 255,
      version: 1,
      opType: 3,
      flags: 0x8002,
      requestId: 65540,
      srcNbma: 0xac100101,
      srcProto: 0x0a010101,
      dstProto: 0x0a0101fe,
      cies: [{ code: 0, prefixLength: 32, mtu: 17912, holdTime: 7200, preference: 0 }],
      extensions: [
        { type: NHRP_EXT_RESPONDER, compulsory: true, cies: [] },
        { type: NHRP_EXT_AUTH, compulsory: true, authType: 1, data: new TextEncoder().encode('NHRPAUTH') },
        { type: NHRP_EXT_NAT, compulsory: false, cies: [{ code: 0, prefixLength: 32, mtu: 17912, holdTime: 0, preference: 0, clientNbma: 0xac100a01, clientProto: 0x0a0101fe }] },
      ],
    }),
  },
  {
    name: 'eigrp',
    decode: decodeEigrp,
    encode: (v) => encodeEigrp(v as never),
    sample: encodeEigrp({
      version: 2,
      opcode: 1,
      flags: 0,
      sequence: 3,
      ack: 0,
      virtualRouterId: 0,
      as: 1,
      tlvs: [
        { type: TLV_PARAMETER, params: { k1: 1, k2: 0, k3: 1, k4: 0, k5: 0, k6: 0, holdTime: 15 } },
        { type: TLV_IPV4_INTERNAL, route: { nextHop: 0, delay: 128000, bandwidth: 25600000, mtu: 1400, hopCount: 0, reliability: 255, load: 1, prefixLength: 32, destination: 0xcb007101 } },
      ],
    }),
  },
  {
    name: 'udp',
    decode: (b) => decodeUdp(b, 0x0a010201, 0x0a010401),
    encode: (v) => encodeUdp(v as never, 0x0a010201, 0x0a010401),
    sample: encodeUdp({ srcPort: 500, dstPort: 500, payload: new Uint8Array(84).fill(0x5a) }, 0x0a010201, 0x0a010401),
  },
  {
    name: 'isakmp',
    decode: decodeIsakmp,
    encode: (v) => encodeIsakmp(v as never),
    // A recorded IKEv1 MM2: SA with one proposal and transform, then two vendor IDs.
    sample: Uint8Array.from(
      '59cedc5dcea558fe9e169842364452570110020000000000000000740d00003800000001000000010000002c00010001000000240101000080010007800e0080800200028004000280030001800b0001800c70800d00000c09002689dfd6b71200000014afcad71368a1f1c96b8696fc77570100'
        .match(/../g)!
        .map((h) => parseInt(h, 16)),
    ),
  },
];

/** A valid packet with some bytes flipped, some cut off, or length-looking fields overwritten. */
function mutated(sample: Uint8Array) {
  return fc
    .record({
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 6 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      extra: fc.uint8Array({ maxLength: 8 }),
    })
    .map(({ flips, cut, extra }) => {
      const b = sample.slice();
      for (const [pos, x] of flips) b[pos % b.length]! ^= x;
      const trimmed = cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
      return new Uint8Array([...trimmed, ...extra]);
    });
}

describe('wire decoders never throw', () => {
  for (const c of codecs) {
    it(`${c.name}: random and mutated bytes give a result, and successes re-encode`, () => {
      const check = (bytes: Uint8Array) => {
        const r = c.decode(bytes);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(c.encode(r.value)).toBeInstanceOf(Uint8Array);
        else expect(r.offset).toBeGreaterThanOrEqual(0);
      };
      fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), check), { seed: SEED, numRuns: RUNS });
      fc.assert(fc.property(mutated(c.sample), check), { seed: SEED, numRuns: RUNS });
      // The untouched sample decodes, and re-encoding reproduces it byte for byte.
      const r = c.decode(c.sample);
      expect(r.ok).toBe(true);
      if (r.ok) expect(Buffer.from(c.encode(r.value)).equals(Buffer.from(c.sample))).toBe(true);
    });
  }

  it('the packet-flow summariser describes any bytes without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), mutated(codecs[0]!.sample)), (b) => {
        expect(typeof summarizeFrame(b)).toBe('string');
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(summarizeFrame(codecs[0]!.sample)).toBe('ICMP echo request');
  });
});
