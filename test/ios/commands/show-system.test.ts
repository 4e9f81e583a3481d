/**
 * `show clock`, `show version`, `show debugging`, `undebug all` / `no debug all` / `debug all`,
 * `show logging` and `show users`, on routers built directly, parsed with ntc-templates.
 */
import { describe, expect, it } from 'vitest';
import {
  renderClock,
  renderDebugging,
  renderLogging,
  renderUsers,
  renderVersion,
  uptimeText,
} from '../../../src/ios/commands/show-system.js';
import { parseWithTemplate } from '../../support/textfsm.js';
import { addRouter, newNet, TestConsole } from './show-helpers.js';

describe('show clock', () => {
  it('starts at the unset clock of 1 March 1993 and follows virtual time', () => {
    const net = newNet();
    const r = addRouter(net, 'R1');
    expect(renderClock(r)).toEqual(['*00:00:00.000 UTC Mon Mar 1 1993']);
    net.sched.runFor(3 * 60_000 + 46_887);
    expect(renderClock(r)).toEqual(['*00:03:46.887 UTC Mon Mar 1 1993']);
    expect(parseWithTemplate('show_clock', renderClock(r).join('\n'))).toEqual([
      { TIME: '00:03:46.887', TIMEZONE: 'UTC', DAYWEEK: 'Mon', MONTH: 'Mar', DAY: '1', YEAR: '1993' },
    ]);
  });
});

describe('show version', () => {
  it('formats uptime the way IOS does: zero units skipped, minutes always shown', () => {
    expect(uptimeText(0)).toBe('0 minutes');
    expect(uptimeText(60_000)).toBe('1 minute');
    expect(uptimeText(2 * 60_000 + 59_000)).toBe('2 minutes');
    expect(uptimeText(3_660_000)).toBe('1 hour, 1 minute');
    expect(uptimeText((10 * 1440 + 16 * 60 + 11) * 60_000)).toBe('1 week, 3 days, 16 hours, 11 minutes');
    expect(uptimeText((7 * 1440 + 5) * 60_000)).toBe('1 week, 5 minutes');
  });

  it('15.1(4)M4 on a 2911, parsed by the TextFSM template', () => {
    const net = newNet();
    const r = addRouter(net, 'Spoke1');
    net.sched.runFor(2 * 60_000);
    const lines = renderVersion(r);
    expect(lines.slice(0, 11)).toEqual([
      'Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.1(4)M4, RELEASE SOFTWARE (fc1)',
      'Technical Support: http://www.cisco.com/techsupport',
      'Copyright (c) 1986-2012 by Cisco Systems, Inc.',
      'Compiled Tue 20-Mar-12 18:57 by prod_rel_team',
      '',
      'ROM: System Bootstrap, Version 15.0(1r)M15, RELEASE SOFTWARE (fc1)',
      '',
      'Spoke1 uptime is 2 minutes',
      'System returned to ROM by power-on',
      'System image file is "flash0:c2900-universalk9-mz.SPA.151-4.M4.bin"',
      'Last reload type: Normal Reload',
    ]);
    expect(lines).toContain('4 Ethernet interfaces');
    expect(lines.at(-1)).toBe('Configuration register is 0x2102');
    const [row] = parseWithTemplate('show_version', lines.join('\n'));
    expect(row).toMatchObject({
      SOFTWARE_IMAGE: 'C2900-UNIVERSALK9-M',
      VERSION: '15.1(4)M4',
      RELEASE: 'fc1',
      HOSTNAME: 'Spoke1',
      UPTIME: '2 minutes',
      UPTIME_MINUTES: '2',
      RUNNING_IMAGE: 'c2900-universalk9-mz.SPA.151-4.M4.bin',
      HARDWARE: ['CISCO2911/K9'],
      CONFIG_REGISTER: '0x2102',
      RELOAD_REASON: 'power-on',
    });
  });

  it('12.2 on a 2600 for the crypto-map lab', () => {
    const net = newNet();
    const r = addRouter(net, 'Hub', '12.2(24a)', ['Ethernet0', 'Ethernet1']);
    net.sched.runFor(65 * 60_000);
    const lines = renderVersion(r);
    expect(lines[1]).toBe('IOS (tm) C2600 Software (C2600-IK9O3S3-M), Version 12.2(24a), RELEASE SOFTWARE (fc2)');
    expect(lines).toContain('Hub uptime is 1 hour, 5 minutes');
    expect(lines).toContain('2 Ethernet/IEEE 802.3 interface(s)');
    const [row] = parseWithTemplate('show_version', lines.join('\n'));
    expect(row).toMatchObject({ VERSION: '12.2(24a)', HARDWARE: ['2621'], UPTIME_HOURS: '1', UPTIME_MINUTES: '5' });
  });
});

describe('show debugging and undebug all', () => {
  function routerWithFlags() {
    const r = addRouter(newNet(), 'Spoke1');
    r.log.registerDebugFlags([
      { id: 'nhrp.packet', group: 'NHRP', line: 'NHRP protocol debugging is on' },
      { id: 'nhrp.extension', group: 'NHRP', line: 'NHRP extension processing debugging is on' },
      { id: 'crypto.isakmp', group: 'Cryptographic Subsystem', line: 'Crypto ISAKMP debugging is on' },
      { id: 'dmvpn.error', group: 'DMVPN', line: 'DMVPN error debugging is on' },
    ]);
    return r;
  }

  it('lists the flags that are on under their group headers, indented by two spaces', () => {
    const r = routerWithFlags();
    expect(renderDebugging(r)).toEqual([]);
    r.log.setDebug('nhrp.packet', true);
    r.log.setDebug('nhrp.extension', true);
    r.log.setDebug('dmvpn.error', true);
    expect(renderDebugging(r)).toEqual(['NHRP:', '  NHRP protocol debugging is on', '  NHRP extension processing debugging is on', 'DMVPN:', '  DMVPN error debugging is on']);
  });

  it('undebug all, no debug all and debug all (after its warning)', () => {
    const r = routerWithFlags();
    const con = new TestConsole(r);
    r.log.setDebug('nhrp.packet', true);
    expect(con.type('u all')).toBe('ok');
    expect(con.take()).toEqual(['All possible debugging has been turned off']);
    expect(r.log.isDebugOn('nhrp.packet')).toBe(false);
    con.type('debug all');
    expect(con.prompt).toBe('This may severely impact network performance. Continue? (yes/[no]): ');
    con.answer('yes');
    expect(con.take().at(-1)).toBe('All possible debugging has been turned on');
    expect(renderDebugging(r)).toHaveLength(7);
    con.type('no debug all');
    expect(con.take()).toEqual(['All possible debugging has been turned off']);
    expect(renderDebugging(r)).toEqual([]);
    con.type('debug all');
    con.answer('');
    expect(r.log.isDebugOn('crypto.isakmp')).toBe(false);
  });
});

describe('show logging', () => {
  it('shows the 15.1 header with counts and the buffered syslog lines, parsed by the TextFSM template', () => {
    const net = newNet();
    const r = addRouter(net, 'Spoke1');
    net.sched.runFor(1500);
    r.log.syslog('LINK-3-UPDOWN', 'Interface Tunnel0, changed state to up');
    net.sched.runFor(1000);
    r.log.syslog('LINEPROTO-5-UPDOWN', 'Line protocol on Interface Tunnel0, changed state to up');
    const lines = renderLogging(r);
    expect(lines[0]).toBe('Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)');
    expect(lines).toContain('    Buffer logging:  level debugging, 2 messages logged, xml disabled,');
    expect(lines).toContain('    Trap logging: level informational, 2 message lines logged');
    expect(lines.slice(-4)).toEqual([
      'Log Buffer (4096 bytes):',
      '',
      '*Mar  1 00:00:01.500: %LINK-3-UPDOWN: Interface Tunnel0, changed state to up',
      '*Mar  1 00:00:02.500: %LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to up',
    ]);
    const rows = parseWithTemplate('show_logging', lines.join('\n'));
    expect(rows.map((x) => [x.MONTH, x.DAY, x.TIME, x.FACILITY, x.SEVERITY, x.MNEMONIC])).toEqual([
      ['Mar', '1', '00:00:01.500', 'LINK', '3', 'UPDOWN'],
      ['Mar', '1', '00:00:02.500', 'LINEPROTO', '5', 'UPDOWN'],
    ]);
  });

  it('keeps only what fits in the 4096-byte buffer', () => {
    const r = addRouter(newNet(), 'R1');
    for (let i = 0; i < 200; i++) r.log.syslog('SYS-5-CONFIG_I', `Configured from console by console ${i}`);
    const held = renderLogging(r).slice(26);
    expect(held.join('\n').length).toBeLessThanOrEqual(4096);
    expect(held.at(-1)).toMatch(/console 199$/);
  });
});

describe('show users', () => {
  it('lists the console line, parsed by the TextFSM template', () => {
    const lines = renderUsers();
    expect(lines).toEqual([
      '    Line       User       Host(s)              Idle       Location',
      '*  0 con 0                idle                 00:00:00',
      '',
      '  Interface    User               Mode         Idle     Peer Address',
    ]);
    expect(parseWithTemplate('show_users', lines.join('\n')).map((x) => x.LINE)).toEqual(['*  0 con 0']);
  });
});
