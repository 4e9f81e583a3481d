import { describe, expect, it } from 'vitest';
import { decodeEigrp, encodeEigrp, EIGRP_HELLO, EIGRP_UPDATE, TLV_IPV4_INTERNAL, TLV_PARAMETER, TLV_SOFTWARE_VERSION, type EigrpPacket } from '../../src/wire/eigrp.js';
import { parseIpv4 } from '../../src/wire/addr.js';

describe('EIGRP codec', () => {
  it('encodes a hello as 40 bytes (20 header + Parameter 12 + Software Version 8) with a valid checksum', () => {
    const hello: EigrpPacket = {
      version: 2,
      opcode: EIGRP_HELLO,
      flags: 0,
      sequence: 0,
      ack: 0,
      virtualRouterId: 0,
      as: 1,
      tlvs: [
        { type: TLV_PARAMETER, params: { k1: 1, k2: 0, k3: 1, k4: 0, k5: 0, k6: 0, holdTime: 15 } },
        { type: TLV_SOFTWARE_VERSION, iosMajor: 15, iosMinor: 1, tlvMajor: 2, tlvMinor: 0 },
      ],
    };
    const bytes = encodeEigrp(hello);
    expect(bytes.length).toBe(40);
    expect(Array.from(bytes.subarray(20, 32))).toEqual([0, 1, 0, 12, 1, 0, 1, 0, 0, 0, 0, 15]);
    const d = decodeEigrp(bytes);
    expect(d.ok && d.value).toEqual(hello);
  });

  it('packs only the significant octets of a route destination', () => {
    const update: EigrpPacket = {
      version: 2,
      opcode: EIGRP_UPDATE,
      flags: 0,
      sequence: 7,
      ack: 3,
      virtualRouterId: 0,
      as: 1,
      tlvs: [
        {
          type: TLV_IPV4_INTERNAL,
          route: { nextHop: 0, delay: 5500, bandwidth: 100000, mtu: 1400, hopCount: 1, reliability: 255, load: 1, prefixLength: 24, destination: parseIpv4('10.1.1.0')! },
        },
      ],
    };
    const bytes = encodeEigrp(update);
    expect(bytes.length).toBe(20 + 4 + 20 + 1 + 3);
    const d = decodeEigrp(bytes);
    expect(d.ok && d.value).toEqual(update);
  });

  it('rejects a bad checksum and a TLV running past the end, without throwing', () => {
    const bytes = encodeEigrp({ version: 2, opcode: EIGRP_HELLO, flags: 0, sequence: 0, ack: 0, virtualRouterId: 0, as: 1, tlvs: [] });
    const bad = bytes.slice();
    bad[19]! ^= 1;
    expect(decodeEigrp(bad)).toMatchObject({ ok: false, error: 'bad-checksum' });
    const long = new Uint8Array([...bytes, 0, 1, 0, 40]);
    expect(decodeEigrp(long).ok).toBe(false);
  });
});
