/**
 * NHRP registration between seed 000's hub and spokes, driven through the consoles: the debug packet
 * dumps (issue 2, done-when 2), the show commands that read the cache and NHS state, and the failure
 * and timer behaviour that comes from the protocol (authentication, tunnel key, unique, expiry).
 */
import { describe, expect, it } from 'vitest';
import { configure, fixture, lastCommandOutput as commandOutput, outputOf, runScript } from '../../support/lab-driver.js';

/** A show command's output without the debug lines that streamed in while it was on screen. */
function lastCommandOutput(lines: string[], consoleName: string, command: string): string[] {
  return commandOutput(lines, consoleName, command).filter((l) => !l.startsWith('*Mar'));
}

/** Only the `interface Tunnel0` block of a seed configuration (no EIGRP), so NHRP is tested alone. */
function tunnelOnly(name: string, edit: (c: string) => string = (c) => c): string {
  const text = edit(fixture(name));
  const lines = text.split('\n');
  const start = lines.indexOf('interface Tunnel0');
  const end = lines.findIndex((l, i) => i > start && !l.startsWith(' '));
  return lines.slice(start, end).join('\n');
}

function stamp(line: string): string {
  return line.replace(/^\*Mar  1 \d\d:\d\d:\d\d\.\d{3}: /, '');
}

/** The lines from a headline to the last line of its packet dump, timestamps removed. */
function dumpAfter(out: string[], headline: RegExp): string[] {
  const i = out.findIndex((l) => headline.test(stamp(l)));
  expect(i, `no line matching ${headline}`).toBeGreaterThanOrEqual(0);
  const block: string[] = [];
  for (let k = i; k < out.length; k++) {
    const text = stamp(out[k]!);
    if (k > i && /^(NHRP|NHRP-RATE): /.test(text)) break;
    block.push(text);
  }
  return block;
}

const SPOKE1_REQUEST = [
  'NHRP: Send Registration Request via Tunnel0 vrf 0, packet size: 108',
  ' src: 10.1.1.1, dst: 10.1.1.254',
  ' (F) afn: IPv4(1), type: IP(800), hop: 255, ver: 1',
  '     shtl: 4(NSAP), sstl: 0(NSAP)',
  '     pktsz: 108 extoff: 52',
  ' (M) flags: "unique nat ", reqid: 65540',
  '     src NBMA: 172.16.1.1',
  '     src protocol: 10.1.1.1, dst protocol: 10.1.1.254',
  ' (C-1) code: no error(0)',
  '       prefix: 32, mtu: 17912, hd_time: 7200',
  '       addr_len: 0(NSAP), subaddr_len: 0(NSAP), proto_len: 0, pref: 0',
  'Responder Address Extension(3):',
  'Forward Transit NHS Record Extension(4):',
  'Reverse Transit NHS Record Extension(5):',
  'Authentication Extension(7):',
  '  type: Cleartext(1), data: NHRPAUTH',
  'NAT address Extension(9):',
  ' (C-1) code: no error(0)',
  '       prefix: 32, mtu: 17912, hd_time: 0',
  '       addr_len: 4(NSAP), subaddr_len: 0(NSAP), proto_len: 4, pref: 0',
  '       client NBMA: 172.16.10.1',
  '       client protocol: 10.1.1.254',
];

const REPLY_BODY = [
  ' (F) afn: IPv4(1), type: IP(800), hop: 255, ver: 1',
  '     shtl: 4(NSAP), sstl: 0(NSAP)',
  '     pktsz: 128 extoff: 52',
  ' (M) flags: "unique nat ", reqid: 65540',
  '     src NBMA: 172.16.1.1',
  '     src protocol: 10.1.1.1, dst protocol: 10.1.1.254',
  ' (C-1) code: no error(0)',
  '       prefix: 32, mtu: 17912, hd_time: 7200',
  '       addr_len: 0(NSAP), subaddr_len: 0(NSAP), proto_len: 0, pref: 0',
  'Responder Address Extension(3):',
  ' (C) code: no error(0)',
  '       prefix: 32, mtu: 17912, hd_time: 7200',
  '       addr_len: 4(NSAP), subaddr_len: 0(NSAP), proto_len: 4, pref: 0',
  '       client NBMA: 172.16.10.1',
  '       client protocol: 10.1.1.254',
  'Forward Transit NHS Record Extension(4):',
  'Reverse Transit NHS Record Extension(5):',
  'Authentication Extension(7):',
  '  type: Cleartext(1), data: NHRPAUTH',
  'NAT address Extension(9):',
  ' (C-1) code: no error(0)',
  '       prefix: 32, mtu: 17912, hd_time: 0',
  '       addr_len: 4(NSAP), subaddr_len: 0(NSAP), proto_len: 4, pref: 0',
  '       client NBMA: 172.16.10.1',
  '       client protocol: 10.1.1.254',
];

/**
 * Hub configured first; then debug on both ends and Spoke1's tunnel brought up with `no shutdown`, as
 * seed 000's walk-through does, so the first request is the one the dumps show.
 */
function bringUpSpoke1(extra: string[] = [], spokeEdit?: (c: string) => string) {
  const spoke = tunnelOnly('phase1-spoke1.cfg', spokeEdit).replace('interface Tunnel0', 'interface Tunnel0\n shutdown');
  const script = [
    configure('Hub', tunnelOnly('phase1-hub.cfg')),
    configure('Spoke1', spoke),
    // Let ARP on the Internet path settle so the first registration is not lost to it.
    '@Spoke1',
    'ping 172.16.10.1',
    '@Hub',
    'debug nhrp packet',
    '@Spoke1',
    'debug nhrp packet',
    'debug nhrp rate',
    'configure terminal',
    'interface Tunnel0',
    'no shutdown',
    'end',
    '@wait 10s',
    ...extra,
  ].join('\n');
  const r = runScript(`${script}\n`);
  expect(r.errors).toEqual([]);
  return r.lines;
}

describe('NHRP registration (seed 000)', () => {
  it("`debug nhrp packet` shows the spoke's Registration Request line for line: 108 bytes, extoff 52", () => {
    const spoke = outputOf(bringUpSpoke1(), 'Spoke1');
    expect(dumpAfter(spoke, /^NHRP: Send Registration Request/)).toEqual(SPOKE1_REQUEST);
    expect(spoke.map(stamp)).toContain('NHRP-RATE: Sending initial Registration Request for 10.1.1.254, reqid 65540');
  });

  it('the hub receives that request and answers with a 128-byte Reply carrying its Responder Address', () => {
    const lines = bringUpSpoke1();
    const hub = outputOf(lines, 'Hub');
    expect(dumpAfter(hub, /^NHRP: Receive Registration Request/)).toEqual([
      'NHRP: Receive Registration Request via Tunnel0 vrf 0, packet size: 108',
      ...SPOKE1_REQUEST.slice(2),
    ]);
    expect(dumpAfter(hub, /^NHRP: Send Registration Reply/)).toEqual([
      'NHRP: Send Registration Reply via Tunnel0 vrf 0, packet size: 128',
      ' src: 10.1.1.254, dst: 10.1.1.1',
      ...REPLY_BODY,
    ]);
    const spoke = outputOf(lines, 'Spoke1');
    expect(dumpAfter(spoke, /^NHRP: Receive Registration Reply/)).toEqual([
      'NHRP: Receive Registration Reply via Tunnel0 vrf 0, packet size: 128',
      ...REPLY_BODY,
    ]);
  });

  it('after registration: hub cache entry `unique registered`, spoke NHS `RE`, show dmvpn D and S', () => {
    const lines = bringUpSpoke1(['@Hub', 'show ip nhrp', 'show dmvpn', '@Spoke1', 'show ip nhrp', 'show ip nhrp nhs', 'show dmvpn']);
    expect(lastCommandOutput(lines, 'Hub', 'show ip nhrp')).toEqual([
      '10.1.1.1/32 via 10.1.1.1',
      '   Tunnel0 created 00:00:09, expire 01:59:50',
      '   Type: dynamic, Flags: unique registered ',
      '   NBMA address: 172.16.1.1 ',
    ]);
    expect(lastCommandOutput(lines, 'Hub', 'show dmvpn').slice(6)).toEqual([
      '',
      'Interface: Tunnel0, IPv4 NHRP Details ',
      'Type:Hub, NHRP Peers:1, ',
      '',
      ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
      ' ----- --------------- --------------- ----- -------- -----',
      '     1      172.16.1.1        10.1.1.1    UP 00:00:09     D',
      '',
    ]);
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip nhrp')[3]).toBe('   NBMA address: 172.16.10.1 ');
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip nhrp')[2]).toBe('   Type: static, Flags: ');
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip nhrp nhs')).toEqual([
      'Legend: E=Expecting replies, R=Responding, W=Waiting',
      'Tunnel0:',
      '10.1.1.254   RE priority = 0 cluster = 0',
    ]);
    expect(lastCommandOutput(lines, 'Spoke1', 'show dmvpn')).toContain('     1     172.16.10.1      10.1.1.254    UP 00:00:09     S');
  });

  it('a wrong authentication string is dropped silently: the spoke keeps retransmitting with backoff and stays E', () => {
    const lines = bringUpSpoke1(['@wait 60s', '@Spoke1', 'show ip nhrp nhs', 'show dmvpn', '@Hub', 'show ip nhrp'], (c) =>
      c.replace('ip nhrp authentication NHRPAUTH', 'ip nhrp authentication WRONG'),
    );
    const spoke = outputOf(lines, 'Spoke1').map(stamp);
    const ivls = spoke.filter((l) => l.startsWith('NHRP-RATE: Retransmitting')).map((l) => Number(/ivl (\d+) sec/.exec(l)![1]));
    expect(ivls.slice(0, 7)).toEqual([2, 4, 8, 16, 32, 64, 64].slice(0, Math.min(7, ivls.length)));
    expect(ivls.length).toBeGreaterThanOrEqual(5);
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip nhrp nhs')[2]).toBe('10.1.1.254    E priority = 0 cluster = 0');
    expect(lastCommandOutput(lines, 'Spoke1', 'show dmvpn')).toContain('     1     172.16.10.1      10.1.1.254  NHRP 00:01:10     S');
    expect(lastCommandOutput(lines, 'Hub', 'show ip nhrp')).toEqual([]);
  });

  it('the hub entry counts down from the holdtime and disappears when the spoke stops refreshing it', () => {
    const lines = bringUpSpoke1(
      [
        '@Spoke1',
        'configure terminal',
        'interface Tunnel0',
        'shutdown',
        'end',
        '@Hub',
        'show ip nhrp',
        '@wait 2h',
        'show ip nhrp',
      ],
    );
    const hub = outputOf(lines, 'Hub');
    const shows = hub.map((l, i) => (l === 'Hub#show ip nhrp' ? i : -1)).filter((i) => i >= 0);
    expect(shows).toHaveLength(2);
    expect(hub[shows[0]! + 1]).toBe('10.1.1.1/32 via 10.1.1.1');
    expect(lastCommandOutput(lines, 'Hub', 'show ip nhrp')).toEqual([]);
  });

  it('`clear ip nhrp` on the hub drops the entry; the spoke re-registers at its next refresh (holdtime/3)', () => {
    const lines = bringUpSpoke1([
      '@Hub',
      'clear ip nhrp',
      'show ip nhrp',
      '@wait 2400s',
      'show dmvpn',
    ]);
    expect(lastCommandOutput(lines, 'Hub', 'show ip nhrp')).toEqual([]);
    expect(lastCommandOutput(lines, 'Hub', 'show dmvpn').join('\n')).toMatch(/172\.16\.1\.1 +10\.1\.1\.1 +UP/);
  });

  it('a second spoke claiming a registered unique address is refused with code 14 and stays E', () => {
    const spoke2 = tunnelOnly('phase1-spoke2.cfg').replace('ip address 10.1.1.2', 'ip address 10.1.1.1');
    const lines = bringUpSpoke1([configure('Spoke2', spoke2), '@wait 30s', '@Spoke2', 'show ip nhrp nhs', '@Hub', 'show ip nhrp']);
    expect(lastCommandOutput(lines, 'Spoke2', 'show ip nhrp nhs')[2]).toMatch(/^10\.1\.1\.254 +E /);
    const hub = lastCommandOutput(lines, 'Hub', 'show ip nhrp').join('\n');
    expect(hub).toContain('NBMA address: 172.16.1.1');
    expect(hub).not.toContain('172.16.2.1');
  });
});
