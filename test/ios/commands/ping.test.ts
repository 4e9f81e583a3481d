/**
 * ping through the router's ping engine: the first echo lost to ARP, `U.U.U` from a router without a
 * route, sources, wrapping at 70, Ctrl-Shift-6, host names, and the extended dialogues of 15.1 and of
 * 12.2 (seed 001) answered line by line. Every finished transcript parses with the ntc template.
 */
import { describe, expect, it } from 'vitest';
import type { Router } from '../../../src/router/router.js';
import { successLine } from '../../../src/ios/commands/ping.js';
import { parseWithTemplate } from '../../support/textfsm.js';
import { addRouter, addStatic, link, newNet, setAddress, TestConsole, type Net } from './show-helpers.js';

/** R1 (10.0.12.1, Loopback0 1.1.1.1) — R2 (10.0.12.2, 10.0.23.2) — R3 (10.0.23.3). */
function chain(release = '15.1(4)M4'): { net: Net; r1: Router; r2: Router; r3: Router } {
  const net = newNet();
  const r1 = addRouter(net, 'R1', release);
  const r2 = addRouter(net, 'R2', release);
  const r3 = addRouter(net, 'R3', release);
  link(net, 'a', [r1, 'Ethernet0/0'], [r2, 'Ethernet0/0']);
  link(net, 'b', [r2, 'Ethernet0/1'], [r3, 'Ethernet0/0']);
  r1.quietly(() => {
    setAddress(r1, 'Ethernet0/0', '10.0.12.1', 24);
    setAddress(r1, 'Loopback0', '1.1.1.1', 32);
    addStatic(r1, '0.0.0.0', 0, '10.0.12.2');
  });
  r2.quietly(() => {
    setAddress(r2, 'Ethernet0/0', '10.0.12.2', 24);
    setAddress(r2, 'Ethernet0/1', '10.0.23.2', 24);
    addStatic(r2, '1.1.1.1', 32, '10.0.12.1');
  });
  r3.quietly(() => {
    setAddress(r3, 'Ethernet0/0', '10.0.23.3', 24);
    addStatic(r3, '0.0.0.0', 0, '10.0.23.2');
  });
  return { net, r1, r2, r3 };
}

function finish(net: Net, con: TestConsole, limitMs = 60_000): string[] {
  net.sched.runUntil(() => !con.busy, limitMs);
  expect(con.busy).toBe(false);
  return con.take();
}

const RTT = /^Success rate is (\d+) percent \((\d+)\/(\d+)\), round-trip min\/avg\/max = (\d+)\/(\d+)\/(\d+) ms$/;

describe('ping', () => {
  it('loses the first echo to ARP, then succeeds; the console is busy meanwhile', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    expect(con.type('ping 10.0.12.2')).toBe('ok');
    expect(con.busy).toBe(true);
    net.sched.runFor(1000);
    expect(con.out).toEqual(['Type escape sequence to abort.', 'Sending 5, 100-byte ICMP Echos to 10.0.12.2, timeout is 2 seconds:']);
    const out = finish(net, con);
    expect(out.slice(0, 3)).toEqual(['Type escape sequence to abort.', 'Sending 5, 100-byte ICMP Echos to 10.0.12.2, timeout is 2 seconds:', '.!!!!']);
    expect(out[3]).toMatch(RTT);
    expect(out[3]).toMatch(/^Success rate is 80 percent \(4\/5\)/);
    expect(out).toHaveLength(4);
    const [row] = parseWithTemplate('ping', out.join('\n'));
    expect(row).toMatchObject({ SENT_QTY: '5', SENT_TYPE: '100-byte ICMP Echos', DESTINATION: '10.0.12.2', TIMEOUT: '2', RESPONSE_STREAM: ['.!!!!'], SUCCESS_PCT: '80', SUCCESS_QTY: '4' });
    con.type('ping 10.0.12.2');
    const again = finish(net, con);
    expect(again[2]).toBe('!!!!!');
    expect(again[3]).toMatch(/^Success rate is 100 percent \(5\/5\), round-trip min\/avg\/max = \d+\/\d+\/\d+ ms$/);
  });

  it('a router in the path without a route answers U, rate-limited to U.U.U', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    con.type('ping 10.0.12.2 repeat 1');
    finish(net, con);
    con.type('ping 192.0.2.1');
    const out = finish(net, con);
    expect(out.slice(2)).toEqual(['U.U.U', 'Success rate is 0 percent (0/5)']);
    expect(parseWithTemplate('ping', out.join('\n'))[0]).toMatchObject({ RESPONSE_STREAM: ['U.U.U'], SUCCESS_PCT: '0', RTT_MIN: '' });
  });

  it('source by interface or address; refuses sources that are not ours', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    con.type('ping 10.0.23.3 source Loopback0 repeat 3');
    const out = finish(net, con);
    expect(out.slice(0, 3)).toEqual([
      'Type escape sequence to abort.',
      'Sending 3, 100-byte ICMP Echos to 10.0.23.3, timeout is 2 seconds:',
      'Packet sent with a source address of 1.1.1.1 ',
    ]);
    expect(parseWithTemplate('ping', out.join('\n'))[0]!.SOURCE).toBe('1.1.1.1');
    con.type('ping 10.0.23.3 source 9.9.9.9');
    expect(finish(net, con)).toEqual(['% Invalid source address- IP address not on any of our up interfaces']);
    con.type('ping 10.0.23.3 source Ethernet0/3');
    expect(finish(net, con)).toEqual(['% Invalid source interface - IP not enabled or interface is down']);
  });

  it('size, timeout and df-bit show in the header; DF on a big packet fails with M', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    con.type('ping 10.0.12.2 repeat 1');
    finish(net, con);
    con.type('ping 10.0.12.2 size 1500 df-bit timeout 1 repeat 2');
    const out = finish(net, con);
    expect(out.slice(1, 4)).toEqual(['Sending 2, 1500-byte ICMP Echos to 10.0.12.2, timeout is 1 seconds:', 'Packet sent with the DF bit set', '!!']);
    con.type('ping 10.0.12.2 size 1600 df-bit repeat 2');
    expect(finish(net, con).slice(2)).toEqual(['Packet sent with the DF bit set', 'MM', 'Success rate is 0 percent (0/2)']);
  });

  it('wraps the result characters at 70 per line', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    con.type('ping 10.0.12.2 repeat 1');
    finish(net, con);
    con.type('ping 10.0.12.2 repeat 75');
    const out = finish(net, con);
    expect(out[2]).toBe('!'.repeat(70));
    expect(out[3]).toBe('!!!!!');
    expect(out[4]).toMatch(/^Success rate is 100 percent \(75\/75\)/);
    expect(parseWithTemplate('ping', out.join('\n'))[0]!.RESPONSE_STREAM).toEqual(['!'.repeat(70), '!!!!!']);
  });

  it('Ctrl-Shift-6 stops it and reports what was sent', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    con.type('ping 10.0.12.99 repeat 100');
    net.sched.runFor(5000);
    con.break();
    expect(con.busy).toBe(false);
    expect(con.take().slice(2)).toEqual(['..', 'Success rate is 0 percent (0/3)']);
  });

  it('a host name is looked up (and not found) before giving up', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    con.type('ping hub');
    expect(con.take()).toEqual(['Translating "hub"...domain server (255.255.255.255)']);
    net.sched.runFor(5999);
    expect(con.busy).toBe(true);
    expect(finish(net, con)).toEqual(['% Unrecognized host or address, or protocol not running.']);
    r1.config.update({ kind: 'global' }, (m) => (m.ipDomainLookup = false));
    con.type('ping hub');
    expect(finish(net, con)).toEqual(['Translating "hub"', '% Unrecognized host or address, or protocol not running.']);
  });

  it('user EXEC has the one-line form but not the dialogue', () => {
    const { r1 } = chain();
    const con = new TestConsole(r1, 'user-exec');
    expect(con.type('ping')).toBe('incomplete');
    expect(con.type('ping 10.0.12.2')).toBe('ok');
  });

  it('successLine: no round-trip part without replies', () => {
    expect(successLine({ sent: 5, received: 0, rtts: [] })).toBe('Success rate is 0 percent (0/5)');
    expect(successLine({ sent: 3, received: 2, rtts: [1.4, 4.9] })).toBe('Success rate is 66 percent (2/3), round-trip min/avg/max = 1/2/4 ms');
  });
});

describe('extended ping dialogue', () => {
  it('15.1: ingress, DSCP and the 32-bit pattern are asked; bad answers are re-asked', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    con.type('ping');
    const script: Array<[string, string]> = [
      ['Protocol [ip]: ', ''],
      ['Target IP address: ', '10.0.23.3'],
      ['Repeat count [5]: ', '0'],
      ['Repeat count [5]: ', '3'],
      ['Datagram size [100]: ', ''],
      ['Timeout in seconds [2]: ', ''],
      ['Extended commands [n]: ', 'y'],
      ['Ingress ping [n]: ', ''],
      ['Source address or interface: ', 'Loopback0'],
      ['DSCP Value [0]: ', '99'],
      ['DSCP Value [0]: ', ''],
      ['Type of service [0]: ', ''],
      ['Set DF bit in IP header? [no]: ', 'maybe'],
      ['Set DF bit in IP header? [no]: ', ''],
      ['Validate reply data? [no]: ', ''],
      ['Data pattern [0x0000ABCD]: ', ''],
      ['Loose, Strict, Record, Timestamp, Verbose[none]: ', ''],
      ['Sweep range of sizes [n]: ', ''],
    ];
    for (const [prompt, answer] of script) {
      expect(con.prompt).toBe(prompt);
      con.answer(answer);
    }
    const out = finish(net, con);
    expect(out.slice(0, 25)).toEqual([
      'Protocol [ip]: ',
      'Target IP address: 10.0.23.3',
      'Repeat count [5]: 0',
      '% A decimal number between 1 and 2147483647.',
      'Repeat count [5]: 3',
      'Datagram size [100]: ',
      'Timeout in seconds [2]: ',
      'Extended commands [n]: y',
      'Ingress ping [n]: ',
      'Source address or interface: Loopback0',
      'DSCP Value [0]: 99',
      '%Type 0..63 or ef, af11-13, af21-23, af31-33, af41-43, or cs1-7',
      '',
      'DSCP Value [0]: ',
      'Type of service [0]: ',
      'Set DF bit in IP header? [no]: maybe',
      "% Please answer 'yes' or 'no'.",
      'Set DF bit in IP header? [no]: ',
      'Validate reply data? [no]: ',
      'Data pattern [0x0000ABCD]: ',
      'Loose, Strict, Record, Timestamp, Verbose[none]: ',
      'Sweep range of sizes [n]: ',
      'Type escape sequence to abort.',
      'Sending 3, 100-byte ICMP Echos to 10.0.23.3, timeout is 2 seconds:',
      'Packet sent with a source address of 1.1.1.1 ',
    ]);
    expect(out.at(-1)).toMatch(/^Success rate is \d+ percent \(\d\/3\)/);
  });

  it('12.2: the dialogue of seed 001, without a source line in the output', () => {
    const { net, r1 } = chain('12.2(24a)');
    const con = new TestConsole(r1);
    con.type('ping 10.0.12.2 repeat 1');
    finish(net, con);
    con.type('ping');
    const script: Array<[string, string]> = [
      ['Protocol [ip]: ', ''],
      ['Target IP address: ', '10.0.12.2'],
      ['Repeat count [5]: ', ''],
      ['Datagram size [100]: ', ''],
      ['Timeout in seconds [2]: ', ''],
      ['Extended commands [n]: ', 'y'],
      ['Source address or interface: ', '10.0.12.1'],
      ['Type of service [0]: ', ''],
      ['Set DF bit in IP header? [no]: ', ''],
      ['Validate reply data? [no]: ', ''],
      ['Data pattern [0xABCD]: ', ''],
      ['Loose, Strict, Record, Timestamp, Verbose[none]: ', ''],
      ['Sweep range of sizes [n]: ', ''],
    ];
    for (const [prompt, answer] of script) {
      expect(con.prompt).toBe(prompt);
      con.answer(answer);
    }
    const out = finish(net, con).slice(script.length);
    expect(out.slice(0, 3)).toEqual(['Type escape sequence to abort.', 'Sending 5, 100-byte ICMP Echos to 10.0.12.2, timeout is 2 seconds:', '!!!!!']);
    expect(out[3]).toMatch(RTT);
  });

  it('a sweep walks the sizes; an unknown protocol or an empty target ends the dialogue', () => {
    const { net, r1 } = chain();
    const con = new TestConsole(r1);
    con.type('ping 10.0.12.2 repeat 1');
    finish(net, con);
    con.type('ping');
    for (const a of ['', '10.0.12.2', '1', '', '', 'y', '', '', '', '', 'y', '', '', '', 'y', '1400', '1402', '']) con.answer(a);
    const out = finish(net, con);
    expect(out.slice(-4, -1)).toEqual(['Sending 3, [1400..1402]-byte ICMP Echos to 10.0.12.2, timeout is 2 seconds:', 'Packet sent with the DF bit set', '!!!']);
    expect(out.at(-1)).toMatch(/^Success rate is 100 percent \(3\/3\)/);
    con.type('ping');
    con.answer('ipx');
    expect(con.busy).toBe(false);
    expect(con.take().at(-1)).toBe('% Unknown protocol - "ipx", type "ping ?" for help');
    con.type('ping');
    con.answer('');
    con.answer('');
    expect(con.busy).toBe(false);
    expect(con.take().at(-1)).toBe('% Bad IP address or host name');
  });
});
