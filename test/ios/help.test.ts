/**
 * `?` and Tab, golden transcripts in the FRR `test_cli.refout` spirit: the keys typed, then every
 * line the console printed, verbatim. Formats follow real IOS 15 captures (see render.ts).
 */

import { describe, expect, it } from 'vitest';
import { harness } from './support.js';

const CLEAR = '\x15'; // Ctrl-U empties the line between cases

function priv() {
  return harness({ initialMode: 'priv-exec' });
}

describe('long help (`?` after a space)', () => {
  it('lists the next keywords sorted, aligned on the longest plus two spaces, then a blank line', () => {
    const h = priv();
    expect(h.type('show ?')).toEqual([
      'Hub#show ?',
      '  clock           Display the system clock',
      '  interfaces      Interface status and configuration',
      '  ip              IP information',
      '  running-config  Current operating configuration',
      '',
    ]);
    // The line is given back as typed, without the `?`.
    expect(h.input()).toEqual({ prompt: 'Hub#', buffer: 'show ', cursor: 5 });
  });

  it('shows <cr> last and the output modifiers where a show command may end', () => {
    const h = priv();
    expect(h.type('show clock ?')).toEqual([
      'Hub#show clock ?',
      '  detail  Display detailed information',
      '  |       Output modifiers',
      '  <cr>',
      '',
    ]);
  });

  it('lists interface types (capitalised, so before keywords) for an IFNAME position', () => {
    const h = priv();
    expect(h.type('sh ip int ?')).toEqual([
      'Hub#sh ip int ?',
      '  Ethernet      IEEE 802.3',
      '  FastEthernet  FastEthernet IEEE 802.3',
      '  Loopback      Loopback interface',
      '  Tunnel        Tunnel interface',
      '  brief         Brief summary of IP status and configuration',
      '  |             Output modifiers',
      '  <cr>',
      '',
    ]);
  });

  it('shows parameters under their placeholder and sorts them before keywords', () => {
    const h = priv();
    expect(h.type('ping ?')).toEqual([
      'Hub#ping ?',
      '  A.B.C.D  Ping destination address or hostname',
      '  repeat   specify repeat count',
      '  size     specify datagram size',
      '  source   specify source address or name',
      '  <cr>',
      '',
    ]);
    // Options of a {…} group are offered until used.
    expect(h.type(`${CLEAR}ping 10.1.1.1 repeat 3 ?`)).toEqual([
      'Hub#ping 10.1.1.1 repeat 3 ?',
      '  size    specify datagram size',
      '  source  specify source address or name',
      '  <cr>',
      '',
    ]);
  });

  it('prints the mode header for `?` on an empty line', () => {
    const h = priv();
    expect(h.type('?')).toEqual([
      'Hub#?',
      'Exec commands:',
      '  configure  Enter configuration mode',
      '  crash      Throw from the handler',
      "  debug      Debugging functions (see also 'undebug')",
      '  disable    Turn off privileged commands',
      '  enable     Turn on privileged commands',
      '  exit       Exit from the EXEC',
      '  help       Description of the interactive help system',
      '  logout     Exit from the EXEC',
      "  no         Disable debugging functions (see also 'undebug')",
      '  ping       Send echo messages',
      '  show       Show running system information',
      '  terminal   Set terminal line parameters',
      '',
    ]);
  });

  it('offers user EXEC only privilege-1 commands, and hides hidden ones', () => {
    const h = harness();
    const out = h.type('?');
    expect(out[1]).toBe('Exec commands:');
    expect(out.map((l) => l.trim().split(/ +/)[0])).toEqual(['Hub>?', 'Exec', 'disable', 'enable', 'exit', 'help', 'logout', 'ping', 'show', 'terminal', '']);
    // `show numbers` is hidden: it works, but `?` does not list it.
    expect(h.type(`${CLEAR}show ?`).some((l) => l.includes('numbers'))).toBe(false);
    h.type(`${CLEAR}enable\r`);
    expect(h.type('show numbers 2\r')).toEqual(['Hub#show numbers 2', 'line 1', 'line 2']);
  });

  it('lists interface units after a type, and the modifiers after a pipe', () => {
    const h = priv();
    h.type('conf t\r');
    expect(h.type('interface tunnel ?')).toEqual(['Hub(config)#interface tunnel ?', '  <0-2147483647>  Tunnel interface number', '']);
    const h2 = priv();
    expect(h2.type('show run | ?')).toEqual([
      'Hub#show run | ?',
      '  begin    Begin with the line that matches',
      '  count    Count number of lines which match regexp',
      '  exclude  Exclude lines that match',
      '  include  Include lines that match',
      '  section  Filter a section of output',
      '',
    ]);
    expect(h2.type(`${CLEAR}show run | section ?`)).toEqual([
      'Hub#show run | section ?',
      '  LINE     Regular Expression',
      '  exclude  Exclude sections that match',
      '  include  Include sections that match',
      '',
    ]);
  });

  it('names each parameter by its own help, `no` forms accept the shorter syntax', () => {
    const h = priv();
    h.type('conf t\rrouter eigrp 1\r');
    expect(h.type('network 10.0.0.0 ?')).toEqual(['Hub(config-router)#network 10.0.0.0 ?', '  A.B.C.D  EIGRP wild card bits', '  <cr>', '']);
    h.type(`${CLEAR}exit\rint tu0\r`);
    expect(h.type('ip address ?')).toEqual(['Hub(config-if)#ip address ?', '  A.B.C.D  IP address', '']);
    expect(h.type(`${CLEAR}no ip address ?`)).toEqual(['Hub(config-if)#no ip address ?', '  A.B.C.D  IP address', '  <cr>', '']);
    expect(h.type(`${CLEAR}?`)).toEqual([
      'Hub(config-if)#?',
      'Interface configuration commands:',
      '  default   Set a command to its defaults',
      '  do        To run exec commands in config mode',
      '  end       Exit from configure mode',
      '  exit      Exit from interface configuration mode',
      '  help      Description of the interactive help system',
      '  ip        Interface Internet Protocol config commands',
      '  no        Negate a command or set its defaults',
      '  shutdown  Shutdown the selected interface',
      '',
    ]);
  });

  it('offers `do` its LINE in configuration modes', () => {
    const h = priv();
    h.type('conf t\r');
    expect(h.type('do ?')).toEqual(['Hub(config)#do ?', '  LINE  Exec Command', '']);
    expect(h.type(`${CLEAR}do sh ?`)).toEqual([
      'Hub(config)#do sh ?',
      '  clock           Display the system clock',
      '  interfaces      Interface status and configuration',
      '  ip              IP information',
      '  running-config  Current operating configuration',
      '',
    ]);
  });

  it('answers `% Unrecognized command` after garbage and the ambiguity after an ambiguous word', () => {
    const h = priv();
    expect(h.type('show xyz ?')).toEqual(['Hub#show xyz ?', '% Unrecognized command']);
    expect(h.type(`${CLEAR}xyz?`)).toEqual(['Hub#xyz?', '% Unrecognized command']);
    expect(h.type(`${CLEAR}sh i ?`)).toEqual(['Hub#sh i ?', '% Ambiguous command:  "sh i "']);
  });
});

describe('short help (`?` right after a word)', () => {
  it('lists the words the partial one could become, each followed by two spaces', () => {
    const h = priv();
    expect(h.type('s?')).toEqual(['Hub#s?', 'show  ', '']);
    expect(h.input()?.buffer).toBe('s');
    expect(h.type(`${CLEAR}show i?`)).toEqual(['Hub#show i?', 'interfaces  ip  ', '']);
    expect(h.type(`${CLEAR}show ip int t?`)).toEqual(['Hub#show ip int t?', 'Tunnel  ', '']);
    expect(h.type(`${CLEAR}d?`)).toEqual(['Hub#d?', 'debug  disable  ', '']);
  });

  it('shows a parameter placeholder when the partial word fits it', () => {
    const h = priv();
    h.type('conf t\r');
    expect(h.type('router eigrp 1?')).toEqual(['Hub(config)#router eigrp 1?', '<1-65535>  ', '']);
  });

  it('works through `do` in configuration modes', () => {
    const h = priv();
    h.type('conf t\r');
    expect(h.type('do sh?')).toEqual(['Hub(config)#do sh?', 'show  ', '']);
    expect(h.type(`${CLEAR}do show c?`)).toEqual(['Hub(config)#do show c?', 'clock  ', '']);
  });
});

describe('Tab', () => {
  it('completes a unique abbreviation and adds a space', () => {
    const h = priv();
    h.type('sh\t');
    expect(h.input()).toEqual({ prompt: 'Hub#', buffer: 'show ', cursor: 5 });
    h.type('ip int\t');
    expect(h.input()?.buffer).toBe('show ip interface ');
    h.type('br\t');
    expect(h.input()?.buffer).toBe('show ip interface brief ');
  });

  it('shows the line again, unchanged, when the word is ambiguous or unknown', () => {
    const h = priv();
    expect(h.type('show i\t')).toEqual(['Hub#show i']);
    expect(h.input()?.buffer).toBe('show i');
    expect(h.type(`${CLEAR}xyz\t`)).toEqual(['Hub#xyz']);
  });

  it('completes interface types to their canonical name without a space', () => {
    const h = priv();
    h.type('conf t\r');
    h.type('int tu\t');
    expect(h.input()?.buffer).toBe('int Tunnel');
    h.type('0\r');
    expect(h.input()?.prompt).toBe('Hub(config-if)#');
  });

  it('completes inside `do`', () => {
    const h = priv();
    h.type('conf t\rdo sh ru\t');
    expect(h.input()?.buffer).toBe('do sh running-config ');
  });
});
