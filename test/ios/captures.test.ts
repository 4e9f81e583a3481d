/**
 * Real IOS captures, replayed: the same keyword neighbourhood registered, the same lines typed,
 * and the console must print what the router printed, character for character.
 *
 *   PYNENG    a telnet session to an IOS 15 router (`conf t`, three bad lines, two good ones)
 *   CCNA-LAB  `show ip ?` and `show ip interface brief` typed in global configuration mode
 */

import { describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../src/ios/grammar/registry.js';
import type { CommandDef } from '../../src/ios/grammar/types.js';
import { ConsoleSession } from '../../src/ios/session/session.js';
import { Scheduler } from '../../src/sim/scheduler.js';

const noop = () => {};
const global = (syntax: string, help: Record<string, string>): CommandDef => ({ syntax, help, modes: ['global'], run: noop });

function console1(defs: CommandDef[]) {
  const s = new ConsoleSession({ name: 'R1', device: {}, registry: new CommandRegistry().addAll(defs), hostname: () => 'R1', clock: new Scheduler(), initialMode: 'priv-exec' });
  const out: string[] = [];
  s.onLine((l) => out.push(l.text));
  return { type: (k: string) => s.input(k), out };
}

describe('captured IOS sessions', () => {
  it('PYNENG: invalid, incomplete and ambiguous lines in configuration mode', () => {
    const c = console1([
      global('logging A.B.C.D', { logging: 'Modify message logging facilities', 'A.B.C.D': 'IP address of the logging host' }),
      global('logging buffered [<4096-2147483647>]', { logging: 'Modify message logging facilities', buffered: 'Set buffered logging parameters', '<4096-2147483647>': 'Logging buffer size' }),
      global('aaa new-model', { aaa: 'Authentication, Authorization and Accounting.', 'new-model': 'Enable NEW access control commands and functions.' }),
      global('access-list <1-99> (permit|deny) A.B.C.D', { 'access-list': 'Add an access list entry', '<1-99>': 'IP standard access list', permit: 'Specify packets to forward', deny: 'Specify packets to reject', 'A.B.C.D': 'Address to match' }),
      global('ip http server', { ip: 'Global IP configuration subcommands', http: 'HTTP server configuration', server: 'Enable HTTP server' }),
    ]);
    c.type('conf t\rlogging 0255.255.1\rlogging\ra\rlogging buffered 20010\rip http server\rend\r');
    expect(c.out.join('\n')).toBe(
      [
        'R1#conf t',
        'Enter configuration commands, one per line.  End with CNTL/Z.',
        'R1(config)#logging 0255.255.1',
        '                   ^',
        "% Invalid input detected at '^' marker.",
        '',
        'R1(config)#logging',
        '% Incomplete command.',
        '',
        'R1(config)#a',
        '% Ambiguous command:  "a"',
        'R1(config)#logging buffered 20010',
        'R1(config)#ip http server',
        'R1(config)#end',
      ].join('\n'),
    );
  });

  it('CCNA-LAB: show commands are not configuration commands', () => {
    const c = console1([
      global('service password-encryption', { service: 'Modify use of network based services', 'password-encryption': 'Encrypt system passwords' }),
      global('snmp-server community WORD', { 'snmp-server': 'Modify SNMP engine parameters', community: 'Enable SNMP; set community string and access privs', WORD: 'SNMP community string' }),
      global('hostname WORD', { hostname: "Set system's network name", WORD: "This system's network name" }),
    ]);
    c.type('conf t\rshow ip ?\x15show ip interface brief\r');
    expect(c.out.slice(2)).toEqual([
      'R1(config)#show ip ?',
      '% Unrecognized command',
      'R1(config)#show ip interface brief',
      '            ^',
      "% Invalid input detected at '^' marker.",
      '',
    ]);
  });
});
