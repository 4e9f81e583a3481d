/** The console session: matching and its errors, modes and prompts, and commands over time. */

import { describe, expect, it } from 'vitest';
import { harness } from './support.js';

const priv = () => harness({ initialMode: 'priv-exec' });

describe('abbreviations and errors', () => {
  it('runs commands typed by unique prefixes', () => {
    const h = priv();
    expect(h.type('sh clo det\r')).toEqual(['Hub#sh clo det', '*00:00:00.000 UTC Mon Mar 1 1993', 'Time source is hardware calendar']);
    expect(h.type('SH CLOCK\r')).toEqual(['Hub#SH CLOCK', '*00:00:00.000 UTC Mon Mar 1 1993']);
    h.type('conf t\rint tu0\rip add 10.1.1.1 255.255.255.0\rno shut\rend\r');
    expect(h.dev.interfaces).toEqual({ Tunnel0: { address: '10.1.1.1', shutdown: false } });
    expect(h.type('sh ip int br\r')[2]).toMatch(/^Tunnel0 +10\.1\.1\.1 +YES manual up +up$/);
  });

  it('puts the caret under the first character no keyword shares, counting the prompt', () => {
    const h = priv();
    expect(h.type('show ip intrfce brief\r')).toEqual([
      'Hub#show ip intrfce brief',
      //     Hub#show ip int|r
      '               ^',
      "% Invalid input detected at '^' marker.",
      '',
    ]);
    expect(h.type('show clock detailed\r')).toEqual(['Hub#show clock detailed', '                     ^', "% Invalid input detected at '^' marker.", '']);
    // A word after a complete command: the caret goes under its first character.
    expect(h.type('show clock detail now\r')[1]).toBe(' '.repeat('Hub#show clock detail '.length) + '^');
    // A parameter that rejects the word: under its first character.
    h.type('conf t\r');
    expect(h.type('router eigrp 70000\r')).toEqual(['Hub(config)#router eigrp 70000', ' '.repeat(25) + '^', "% Invalid input detected at '^' marker.", '']);
  });

  it('reports an incomplete command followed by a blank line', () => {
    const h = priv();
    expect(h.type('show\r')).toEqual(['Hub#show', '% Incomplete command.', '']);
    expect(h.type('show ip interface brief |\r')).toEqual(['Hub#show ip interface brief |', '% Incomplete command.', '']);
    h.type('conf t\rint tu0\r');
    expect(h.type('ip address 10.1.1.1\r')).toEqual(['Hub(config-if)#ip address 10.1.1.1', '% Incomplete command.', '']);
  });

  it('reports ambiguity with two spaces and the line as typed, without a blank line', () => {
    const h = priv();
    expect(h.type('sh i\r')).toEqual(['Hub#sh i', '% Ambiguous command:  "sh i"']);
    expect(h.type('d\r')).toEqual(['Hub#d', '% Ambiguous command:  "d"']);
    // An ambiguous word stays ambiguous even when a later word fits only one reading.
    expect(h.type('sh i brief\r')).toEqual(['Hub#sh i brief', '% Ambiguous command:  "sh i brief"']);
  });

  it('reprints a line that does not fit the screen with the caret under the copy', () => {
    const h = priv();
    h.type('conf t\rint tu0\r');
    const line = 'ip address 10.1.1.1 255.255.255.0 ' + 'z'.repeat(40);
    const out = h.type(line + '\r');
    expect(out).toEqual(['Hub(config-if)#' + line, '', line.slice(0, 80), ' '.repeat(34) + '^', "% Invalid input detected at '^' marker.", '']);
  });

  it('ignores comments and blank lines, echoing them', () => {
    const h = priv();
    expect(h.type('\r')).toEqual(['Hub#']);
    expect(h.type('! a comment\r')).toEqual(['Hub#! a comment']);
    h.type('conf t\r');
    expect(h.type('!\r   \r')).toEqual(['Hub(config)#!', 'Hub(config)#   ']);
  });
});

describe('modes and prompts', () => {
  it('moves through user EXEC, privileged EXEC and configuration modes', () => {
    const h = harness();
    expect(h.input()?.prompt).toBe('Hub>');
    // A privileged command at `Hub>` is invalid input, not a host name.
    expect(h.type('configure terminal\r')).toEqual(['Hub>configure terminal', '    ^', "% Invalid input detected at '^' marker.", '']);
    h.type('en\r');
    expect(h.input()?.prompt).toBe('Hub#');
    expect(h.type('conf t\r')).toEqual(['Hub#conf t', 'Enter configuration commands, one per line.  End with CNTL/Z.']);
    expect(h.input()?.prompt).toBe('Hub(config)#');
    h.type('int e0/0\r');
    expect(h.input()?.prompt).toBe('Hub(config-if)#');
    expect(h.s.modeData).toEqual({ interface: 'Ethernet0/0' });
    h.type('exit\r');
    expect(h.input()?.prompt).toBe('Hub(config)#');
    h.type('hostname Spoke1\r');
    expect(h.input()?.prompt).toBe('Spoke1(config)#');
    expect(h.syslog).toEqual([]);
    h.type('exit\r');
    expect(h.input()?.prompt).toBe('Spoke1#');
    expect(h.syslog).toEqual(['%SYS-5-CONFIG_I: Configured from console by console']);
    h.type('disable\r');
    expect(h.input()?.prompt).toBe('Spoke1>');
  });

  it('accepts every IOS spelling of an interface', () => {
    const h = priv();
    h.type('conf t\r');
    for (const spelling of ['tu0', 'Tunnel0', 'tunnel 0', 'Tunnel 0', 'TUN 0']) {
      h.type(`interface ${spelling}\r`);
      expect(h.s.modeData).toEqual({ interface: 'Tunnel0' });
      h.type('exit\r');
    }
    for (const spelling of ['e0/0', 'Ethernet0/0', 'eth 0/0', 'ethernet 0/0']) {
      h.type(`interface ${spelling}\r`);
      expect(h.s.modeData).toEqual({ interface: 'Ethernet0/0' });
      h.type('exit\r');
    }
    h.type('int lo 0\r');
    expect(h.s.modeData).toEqual({ interface: 'Loopback0' });
    h.type('exit\r');
    expect(h.type('int tunnel\r')).toEqual(['Hub(config)#int tunnel', '% Incomplete command.', '']);
  });

  it('runs a command of a parent mode from a submode, leaving the submode', () => {
    const h = priv();
    h.type('conf t\rint tu0\r');
    expect(h.type('router eigrp 1\r')).toEqual(['Hub(config-if)#router eigrp 1']);
    expect(h.input()?.prompt).toBe('Hub(config-router)#');
    expect(h.s.modeData).toEqual({ as: '1' });
    h.type('network 10.1.1.0 0.0.0.255\r');
    h.type('int e0/0\r');
    expect(h.input()?.prompt).toBe('Hub(config-if)#');
    h.type('hostname R9\r');
    expect(h.input()?.prompt).toBe('R9(config)#');
    expect(h.dev.networks).toEqual(['1 10.1.1.0 0.0.0.255']);
    // Garbage in a submode reports the submode's own error and stays there.
    h.type('int tu0\r');
    expect(h.type('frobnicate\r')).toEqual(['R9(config-if)#frobnicate', '              ^', "% Invalid input detected at '^' marker.", '']);
    // Even when a parent mode would call it incomplete (IOS keeps the submode's error).
    expect(h.type('int tunnel\r')).toEqual(['R9(config-if)#int tunnel', '               ^', "% Invalid input detected at '^' marker.", '']);
    expect(h.input()?.prompt).toBe('R9(config-if)#');
  });

  it('runs EXEC commands through `do` without leaving the mode', () => {
    const h = priv();
    h.type('conf t\rint tu0\r');
    expect(h.type('do show clock\r')).toEqual(['Hub(config-if)#do show clock', '*00:00:00.000 UTC Mon Mar 1 1993']);
    expect(h.input()?.prompt).toBe('Hub(config-if)#');
    // Errors inside `do` reprint the EXEC line and put the caret under it.
    expect(h.type('do show clok\r')).toEqual(['Hub(config-if)#do show clok', '', 'show clok', '        ^', "% Invalid input detected at '^' marker.", '']);
    expect(h.type('do sh i\r')).toEqual(['Hub(config-if)#do sh i', '% Ambiguous command:  "sh i"']);
    expect(h.type('do show run | include hostname\r')).toEqual(['Hub(config-if)#do show run | include hostname', 'hostname Hub']);
  });

  it('runs `no` and `default` forms, with the shorter syntax `no` allows', () => {
    const h = priv();
    h.type('conf t\rint tu0\rip address 10.1.1.1 255.255.255.0\r');
    h.type('no ip address\r');
    expect(h.dev.interfaces['Tunnel0']).toEqual({ shutdown: true });
    h.type('no shutdown\r');
    expect(h.dev.interfaces['Tunnel0']?.shutdown).toBe(false);
    h.type('default shutdown\r'); // no `default` handler: behaves like `no`
    expect(h.dev.interfaces['Tunnel0']?.shutdown).toBe(false);
    // `hostname` has no `no` form: the caret goes under it.
    expect(h.type('no hostname\r')).toEqual(['Hub(config-if)#no hostname', ' '.repeat(18) + '^', "% Invalid input detected at '^' marker.", '']);
    expect(h.type('end\rno debug nhrp\r')).toEqual(['Hub(config-if)#end', 'Hub#no debug nhrp', 'NHRP protocol debugging is off']);
  });

  it('leaves configuration with end, Ctrl-Z (running the line first) and Ctrl-C', () => {
    const h = priv();
    h.type('conf t\rint tu0\r');
    expect(h.type('end\r')).toEqual(['Hub(config-if)#end']);
    expect(h.input()?.prompt).toBe('Hub#');
    h.type('conf t\r');
    expect(h.type('hostname R2\x1a')).toEqual(['Hub(config)#hostname R2^Z']);
    expect(h.input()?.prompt).toBe('R2#');
    h.type('conf t\rint tu0\r');
    expect(h.type('shut\x03')).toEqual(['R2(config-if)#shut^C']);
    expect(h.input()?.prompt).toBe('R2#');
    expect(h.dev.interfaces['Tunnel0']?.shutdown).toBe(true); // from creation, not from the aborted line
    expect(h.syslog).toHaveLength(3);
    expect(h.type('\x1a')).toEqual([]); // Ctrl-Z does nothing in EXEC
  });

  it('logs out on exit in EXEC and comes back on RETURN', () => {
    const h = priv();
    expect(h.type('exit\r')).toEqual(['Hub#exit', '', 'Hub con0 is now available', '', '', '', '', '', 'Press RETURN to get started.', '', '']);
    expect(h.input()).toEqual({ prompt: '', buffer: '', cursor: 0 });
    expect(h.s.isReady()).toBe(false);
    h.type('show clock'); // ignored until RETURN
    h.type('\r');
    expect(h.input()).toEqual({ prompt: 'Hub>', buffer: '', cursor: 0 });
  });

  it('asks for the enable secret three times', () => {
    const h = harness({ enableSecret: () => 'cisco' });
    expect(h.type('enable\r')).toEqual(['Hub>enable']);
    expect(h.input()).toEqual({ prompt: 'Password: ', buffer: '', cursor: 0 });
    h.type('wrong\r');
    expect(h.input()?.prompt).toBe('Password: ');
    expect(h.type('cisco\r')).toEqual(['Password: ']);
    expect(h.input()?.prompt).toBe('Hub#');
    h.type('disable\renable\rx\ry\rz\r');
    expect(h.lines.slice(-2).map((l) => l.text)).toEqual(['Password: ', '% Bad secrets']);
    expect(h.input()?.prompt).toBe('Hub>');
  });

  it('asks where to configure from when `configure` has no argument', () => {
    const h = priv();
    h.type('configure\r');
    expect(h.input()?.prompt).toBe('Configuring from terminal, memory, or network [terminal]? ');
    expect(h.type('\r')).toEqual(['Configuring from terminal, memory, or network [terminal]? ', 'Enter configuration commands, one per line.  End with CNTL/Z.']);
    expect(h.input()?.prompt).toBe('Hub(config)#');
  });
});

describe('unknown words at the EXEC prompt', () => {
  it('looks the word up as a host, then gives up after the DNS timeout', () => {
    const h = priv();
    expect(h.type('shwo run\r')).toEqual(['Hub#shwo run', 'Translating "shwo"...domain server (255.255.255.255)']);
    expect(h.input()).toBeNull();
    h.sched.runFor(29_999);
    expect(h.input()).toBeNull();
    h.sched.runFor(1);
    expect(h.lines.at(-1)?.text).toBe('% Unknown command or computer name, or unable to find computer address');
    expect(h.input()?.prompt).toBe('Hub#');
  });

  it('gives up at once with `no ip domain-lookup`, and on Ctrl-Shift-6', () => {
    const h = priv();
    h.s.options.resolveHostLookup = () => false;
    expect(h.type('shwo\r')).toEqual(['Hub#shwo', 'Translating "shwo"', '% Unknown command or computer name, or unable to find computer address']);
    h.s.options.resolveHostLookup = () => true;
    h.type('shwo\r');
    expect(h.type('\x1e')).toEqual(['% Unknown command or computer name, or unable to find computer address']);
    expect(h.s.isReady()).toBe(true);
  });

  it('gives the caret error for unknown words in configuration mode', () => {
    const h = priv();
    h.type('conf t\r');
    expect(h.type('shwo\r')).toEqual(['Hub(config)#shwo', '            ^', "% Invalid input detected at '^' marker.", '']);
  });
});

describe('commands over virtual time', () => {
  it('streams an async job, buffers type-ahead, and replays it when the prompt returns', () => {
    const h = priv();
    expect(h.type('ping 10.1.1.1 repeat 3\rshow clock\r')).toEqual([
      'Hub#ping 10.1.1.1 repeat 3',
      'Type escape sequence to abort.',
      'Sending 3, 100-byte ICMP Echos to 10.1.1.1, timeout is 2 seconds:',
    ]);
    expect(h.input()).toBeNull();
    expect(h.s.isReady()).toBe(false);
    h.sched.runFor(3000);
    expect(h.lines.slice(3).map((l) => l.text)).toEqual(['!!!', 'Success rate is 100 percent (3/3)', 'Hub#show clock', '*00:00:00.000 UTC Mon Mar 1 1993']);
    expect(h.s.isReady()).toBe(true);
  });

  it('breaks a running job with Ctrl-Shift-6, even behind type-ahead', () => {
    const h = priv();
    h.type('ping 10.1.1.1 repeat 100\r');
    h.sched.runFor(2500);
    expect(h.type('show clock\r\x1e')).toEqual(['!!', 'Success rate is 2 percent (2/100)', 'Hub#show clock', '*00:00:00.000 UTC Mon Mar 1 1993']);
  });

  it('runs dialogs, typed ahead in a paste too', () => {
    const h = priv();
    expect(h.type('ping\r')).toEqual(['Hub#ping']);
    expect(h.input()).toEqual({ prompt: 'Protocol [ip]: ', buffer: '', cursor: 0 });
    h.type('\r10.9.9.9\r2\r');
    expect(h.lines.slice(1).map((l) => l.text)).toEqual([
      'Protocol [ip]: ',
      'Target IP address: 10.9.9.9',
      'Repeat count [5]: 2',
      'Type escape sequence to abort.',
      'Sending 2, 100-byte ICMP Echos to 10.9.9.9, timeout is 2 seconds:',
    ]);
    h.sched.runFor(2000);
    expect(h.s.isReady()).toBe(true);
  });

  it('turns a throwing handler into an error line and carries on', () => {
    const h = priv();
    expect(h.type('crash\rshow clock\r')).toEqual(['Hub#crash', '% Internal error: boom', 'Hub#show clock', '*00:00:00.000 UTC Mon Mar 1 1993']);
  });

  it('delivers debug and syslog lines as completed lines at once', () => {
    const h = priv();
    h.type('sh');
    h.s.asyncLine('*Mar  1 00:00:01.000: %LINK-3-UPDOWN: Interface Tunnel0, changed state to up', 'syslog');
    expect(h.lines.at(-1)).toMatchObject({ kind: 'syslog', time: 0 });
    expect(h.input()?.buffer).toBe('sh');
  });
});

describe('pasting a configuration', () => {
  it('runs it line by line, in order', () => {
    const h = priv();
    const config = ['conf t', 'hostname Spoke1', 'interface Tunnel0', ' ip address 10.1.1.1 255.255.255.0', ' no shutdown', '!', 'router eigrp 1', ' network 10.1.1.0 0.0.0.255', 'end', ''].join('\r\n');
    const out = h.type(config);
    expect(out).toEqual([
      'Hub#conf t',
      'Enter configuration commands, one per line.  End with CNTL/Z.',
      'Spoke1(config)#hostname Spoke1'.replace('Spoke1(config)#hostname', 'Hub(config)#hostname'),
      'Spoke1(config)#interface Tunnel0',
      'Spoke1(config-if)# ip address 10.1.1.1 255.255.255.0',
      'Spoke1(config-if)# no shutdown',
      'Spoke1(config-if)#!',
      'Spoke1(config-if)#router eigrp 1',
      'Spoke1(config-router)# network 10.1.1.0 0.0.0.255',
      'Spoke1(config-router)#end',
    ]);
    expect(h.dev.interfaces).toEqual({ Tunnel0: { address: '10.1.1.1', shutdown: false } });
    expect(h.dev.networks).toEqual(['1 10.1.1.0 0.0.0.255']);
  });
});
