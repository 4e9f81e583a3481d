/**
 * UDP codec: the pseudo-header checksum against a datagram whose checksum was computed independently
 * (10.1.2.1:500 → 10.1.4.1:500, the start of an ISAKMP message), round trip, and the failure cases.
 */
import { describe, expect, it } from 'vitest';
import { decodeUdp, encodeUdp } from '../../src/wire/udp.js';
import { parseIpv4 } from '../../src/wire/addr.js';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
const SRC = parseIpv4('10.1.2.1')!;
const DST = parseIpv4('10.1.4.1')!;
const VECTOR = '01f401f40014840a59cedc5dcea558fe00000000';

describe('UDP codec', () => {
  it('encodes ports, length and the pseudo-header checksum byte for byte', () => {
    const b = encodeUdp({ srcPort: 500, dstPort: 500, payload: hex('59cedc5dcea558fe00000000') }, SRC, DST);
    expect(Buffer.from(b).toString('hex')).toBe(VECTOR);
  });

  it('decodes and verifies the checksum with the addresses it travelled between', () => {
    const d = decodeUdp(hex(VECTOR), SRC, DST);
    expect(d.ok && { ...d.value, payload: Buffer.from(d.value.payload).toString('hex') }).toEqual({ srcPort: 500, dstPort: 500, payload: '59cedc5dcea558fe00000000' });
    // The pseudo-header is covered: swapped addresses sum the same, another address fails.
    expect(decodeUdp(hex(VECTOR), DST, SRC)).toMatchObject({ ok: true });
    expect(decodeUdp(hex(VECTOR), SRC, parseIpv4('10.1.4.2')!)).toMatchObject({ ok: false, error: 'bad-checksum' });
  });

  it('accepts a zero checksum (none sent), ignores bytes past the UDP length, and rejects short or inconsistent datagrams', () => {
    const none = hex(VECTOR);
    none[6] = 0;
    none[7] = 0;
    expect(decodeUdp(none, SRC, parseIpv4('1.2.3.4')!).ok).toBe(true);
    const padded = new Uint8Array(hex(VECTOR).length + 6);
    padded.set(hex(VECTOR));
    const p = decodeUdp(padded, SRC, DST);
    expect(p.ok && p.value.payload.length).toBe(12);
    expect(decodeUdp(hex('01f401f4'), SRC, DST)).toMatchObject({ ok: false, error: 'truncated' });
    const long = hex(VECTOR);
    long[5] = 0x40;
    expect(decodeUdp(long, SRC, DST)).toMatchObject({ ok: false, error: 'bad-length' });
  });
});
