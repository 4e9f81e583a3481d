import { describe, expect, it } from 'vitest';
import {
  decodeNhrp,
  encodeNhrp,
  NHRP_EXT_AUTH,
  NHRP_EXT_FORWARD_TRANSIT,
  NHRP_EXT_NAT,
  NHRP_EXT_RESPONDER,
  NHRP_EXT_REVERSE_TRANSIT,
  NHRP_FLAG_NAT,
  NHRP_FLAG_UNIQUE,
  NHRP_REGISTRATION_REPLY,
  NHRP_REGISTRATION_REQUEST,
  type NhrpPacket,
} from '../../src/wire/nhrp.js';
import { parseIpv4 } from '../../src/wire/addr.js';

const ip = (s: string) => parseIpv4(s)!;

/** Seed 000's Registration Request from Spoke1 (reqid 65540, auth NHRPAUTH, tunnel key → mtu 17912). */
function seedRequest(withAuth = true): NhrpPacket {
  return {
    afn: 1,
    protocolType: 0x0800,
    hopCount: 255,
    version: 1,
    opType: NHRP_REGISTRATION_REQUEST,
    flags: NHRP_FLAG_UNIQUE | NHRP_FLAG_NAT,
    requestId: 65540,
    srcNbma: ip('172.16.1.1'),
    srcProto: ip('10.1.1.1'),
    dstProto: ip('10.1.1.254'),
    cies: [{ code: 0, prefixLength: 32, mtu: 17912, holdTime: 7200, preference: 0 }],
    extensions: [
      { type: NHRP_EXT_RESPONDER, compulsory: true, cies: [] },
      { type: NHRP_EXT_FORWARD_TRANSIT, compulsory: true, cies: [] },
      { type: NHRP_EXT_REVERSE_TRANSIT, compulsory: true, cies: [] },
      ...(withAuth ? [{ type: NHRP_EXT_AUTH, compulsory: true, authType: 1, data: new TextEncoder().encode('NHRPAUTH') } as const] : []),
      { type: NHRP_EXT_NAT, compulsory: false, cies: [{ code: 0, prefixLength: 32, mtu: 17912, holdTime: 0, preference: 0, clientNbma: ip('172.16.10.1'), clientProto: ip('10.1.1.254') }] },
    ],
  };
}

describe('NHRP codec', () => {
  it("encodes seed 000's Registration Request in 108 bytes with extoff 52", () => {
    const bytes = encodeNhrp(seedRequest());
    expect(bytes.length).toBe(108);
    expect((bytes[10]! << 8) | bytes[11]!).toBe(108);
    expect((bytes[14]! << 8) | bytes[15]!).toBe(52);
    expect(bytes[9]).toBe(255);
  });

  it('is 92 bytes without the authentication extension', () => {
    expect(encodeNhrp(seedRequest(false)).length).toBe(92);
  });

  it("the hub's Reply, with its CIE in the Responder Address extension, is 128 bytes", () => {
    const reply = seedRequest();
    reply.opType = NHRP_REGISTRATION_REPLY;
    reply.extensions[0] = { type: NHRP_EXT_RESPONDER, compulsory: true, cies: [{ code: 0, prefixLength: 32, mtu: 17912, holdTime: 7200, preference: 0, clientNbma: ip('172.16.10.1'), clientProto: ip('10.1.1.254') }] };
    expect(encodeNhrp(reply).length).toBe(128);
  });

  it('round-trips every field', () => {
    const bytes = encodeNhrp(seedRequest());
    const d = decodeNhrp(bytes);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.requestId).toBe(65540);
    expect(d.value.flags).toBe(0x8002);
    expect(d.value.cies).toEqual([{ code: 0, prefixLength: 32, mtu: 17912, holdTime: 7200, preference: 0 }]);
    const auth = d.value.extensions.find((e) => e.type === NHRP_EXT_AUTH);
    expect(auth && 'data' in auth && new TextDecoder().decode(auth.data)).toBe('NHRPAUTH');
    expect(d.value.extensions.map((e) => e.type)).toEqual([3, 4, 5, 7, 9, 0]);
    expect(Buffer.from(encodeNhrp(d.value)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects a corrupted checksum and a lying pktsz, without throwing', () => {
    const bytes = encodeNhrp(seedRequest());
    const bad = bytes.slice();
    bad[30]! ^= 0xff;
    expect(decodeNhrp(bad)).toMatchObject({ ok: false, error: 'bad-checksum' });
    expect(decodeNhrp(bytes.slice(0, 60))).toMatchObject({ ok: false, error: 'bad-length', offset: 10 });
  });
});
