/** Output modifiers and `--More--`. */

import { describe, expect, it } from 'vitest';
import { harness, RUNNING_CONFIG } from './support.js';
import { compileIosRegex, OutputFilter } from '../../src/ios/session/pipes.js';

const priv = (rows?: number) => harness({ initialMode: 'priv-exec', ...(rows !== undefined ? { terminalLength: rows } : {}) });
const body = (out: string[]) => out.slice(1);

describe('output modifiers', () => {
  it('include, exclude and begin', () => {
    const h = priv(0);
    expect(body(h.type('show running-config | include ip address\r'))).toEqual([' ip address 10.1.1.254 255.255.255.0', ' ip address 172.16.10.1 255.255.255.0']);
    expect(body(h.type('sh run | exc ^!|^[ ]\r'))).toEqual(['Building configuration...', '', 'Current configuration : 1024 bytes', 'hostname Hub', 'interface Tunnel0', 'interface Ethernet0/0', 'router eigrp 1', 'end']);
    expect(body(h.type('sh run | beg router\r'))).toEqual(['router eigrp 1', ' network 10.1.1.0 0.0.0.255', ' network 172.16.10.0 0.0.0.255', '!', 'end']);
    expect(body(h.type('sh run | i nothing-matches\r'))).toEqual([]);
  });

  it('section: a matching line with the more-indented lines under it', () => {
    const h = priv(0);
    expect(body(h.type('show run | section interface\r'))).toEqual([
      'interface Tunnel0',
      ' ip address 10.1.1.254 255.255.255.0',
      ' ip nhrp map multicast dynamic',
      ' ip nhrp network-id 1',
      ' tunnel source Ethernet0/0',
      'interface Ethernet0/0',
      ' ip address 172.16.10.1 255.255.255.0',
    ]);
    // An indented line that matches comes alone (with anything indented under it).
    expect(body(h.type('show run | section nhrp\r'))).toEqual([' ip nhrp map multicast dynamic', ' ip nhrp network-id 1']);
    expect(body(h.type('show run | section include eigrp\r'))).toEqual(['router eigrp 1', ' network 10.1.1.0 0.0.0.255', ' network 172.16.10.0 0.0.0.255']);
    expect(body(h.type('show run | section exclude interface|router\r'))).toEqual(
      RUNNING_CONFIG.filter((l) => !/interface|router/.test(l) && !l.startsWith(' ')),
    );
  });

  it('count, and the IOS `_` delimiter', () => {
    const h = priv(0);
    expect(body(h.type('show run | count network\r'))).toEqual(['Number of lines which match regexp = 3']);
    expect(body(h.type('show run | include _1_\r'))).toEqual([' ip nhrp network-id 1', 'router eigrp 1']);
    expect(body(h.type('show run | include 1$\r'))).toEqual([' ip nhrp network-id 1', 'router eigrp 1']);
  });

  it('applies to asynchronous output as it arrives', () => {
    const h = priv(0);
    h.type('show run | include hostname\r');
    expect(h.lines.at(-1)?.text).toBe('hostname Hub');
  });

  it('rejects a regular expression that does not compile, with the caret at it', () => {
    const h = priv();
    expect(h.type('show run | include (ab\r')).toEqual(['Hub#show run | include (ab', ' '.repeat('Hub#show run | include '.length) + '^', "% Invalid input detected at '^' marker.", '']);
  });

  it('is offered only where IOS offers it (EXEC show commands)', () => {
    const h = priv();
    expect(h.type('ping 10.1.1.1 | include !\r')[1]).toBe(' '.repeat('Hub#ping 10.1.1.1 '.length) + '^');
  });

  it('translates `_` without touching escapes and bracket expressions', () => {
    expect(compileIosRegex('a_b')!.test('a b')).toBe(true);
    expect(compileIosRegex('^_1')!.test('1')).toBe(true);
    expect(compileIosRegex('[_]')!.test('_')).toBe(true);
    expect(compileIosRegex('\\_')!.test('_')).toBe(true);
    expect(compileIosRegex('[')).toBeUndefined();
    const f = new OutputFilter({ kind: 'count', sectionExclude: false, regex: 'x' }, /x/);
    expect([...f.push('x'), ...f.push('y'), ...f.end()]).toEqual(['Number of lines which match regexp = 1']);
  });
});

describe('--More--', () => {
  it('stops after terminal length − 1 lines; Space pages, Enter steps, other keys quit', () => {
    const h = priv(5);
    const out = h.type('show numbers 12\r');
    expect(out).toEqual(['Hub#show numbers 12', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect(h.input()).toEqual({ prompt: ' --More-- ', buffer: '', cursor: 0 });
    expect(h.s.isReady()).toBe(false);
    expect(h.type(' ')).toEqual(['line 5', 'line 6', 'line 7', 'line 8']);
    expect(h.type('\r')).toEqual(['line 9']);
    expect(h.type('q')).toEqual([]);
    expect(h.input()).toEqual({ prompt: 'Hub#', buffer: '', cursor: 0 });
  });

  it('lets the rest out when the output ends within a page', () => {
    const h = priv(5);
    h.type('show numbers 6\r');
    expect(h.type(' ')).toEqual(['line 5', 'line 6']);
    expect(h.s.isReady()).toBe(true);
  });

  it('is off with terminal length 0, and pages help listings too', () => {
    const h = priv();
    h.type('terminal length 0\r');
    expect(h.type('show numbers 40\r')).toHaveLength(41);
    h.type('terminal length 3\r');
    expect(h.type('show ?')).toEqual(['Hub#show ?', '  clock           Display the system clock', '  interfaces      Interface status and configuration']);
    expect(h.input()?.prompt).toBe(' --More-- ');
    expect(h.type(' \r')).toEqual(['  ip              IP information', '  running-config  Current operating configuration', '']);
    expect(h.input()).toEqual({ prompt: 'Hub#', buffer: 'show ', cursor: 5 });
  });

  it('consumes typed-ahead keys while it waits, as a terminal would', () => {
    const h = priv(3);
    h.type('show numbers 5\rq' + 'show clock\r');
    expect(h.lines.map((l) => l.text)).toEqual(['Hub#show numbers 5', 'line 1', 'line 2', 'Hub#show clock', '*00:00:00.000 UTC Mon Mar 1 1993']);
  });
});
