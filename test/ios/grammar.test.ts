/** The syntax language, the registry and the renderers, below the session. */

import { describe, expect, it } from 'vitest';
import { parseSyntax, SyntaxError } from '../../src/ios/grammar/syntax.js';
import { CommandRegistry } from '../../src/ios/grammar/registry.js';
import { matchLine } from '../../src/ios/grammar/match.js';
import { lintMode } from '../../src/ios/grammar/lint.js';
import { formatLongHelp, formatShortHelp, invalidInput } from '../../src/ios/grammar/render.js';
import { DEFAULT_INTERFACE_TYPES, readInterfaceWord } from '../../src/ios/grammar/ifname.js';
import type { CommandDef } from '../../src/ios/grammar/types.js';
import { testCommands } from './support.js';

const noop = () => {};
const cmd = (syntax: string, help: Record<string, string>, extra: Partial<CommandDef> = {}): CommandDef => ({
  syntax,
  help,
  modes: ['global'],
  run: noop,
  ...extra,
});

describe('syntax strings', () => {
  it('parses keywords, parameters, names and groups', () => {
    const ast = parseSyntax('ip address A.B.C.D$a A.B.C.D$m [secondary]', {
      ip: 'i',
      address: 'a',
      $a: 'addr',
      $m: 'mask',
      secondary: 's',
    });
    expect(ast).toMatchObject({
      k: 'seq',
      items: [
        { k: 'tok', tok: { kind: 'keyword', text: 'ip' } },
        { k: 'tok', tok: { kind: 'keyword', text: 'address' } },
        { k: 'tok', tok: { kind: 'param', type: 'ipv4', name: 'a', help: 'addr' } },
        { k: 'tok', tok: { kind: 'param', type: 'ipv4', name: 'm', help: 'mask' } },
        { k: 'opt', body: { k: 'tok', tok: { kind: 'keyword', text: 'secondary' } } },
      ],
    });
    expect(parseSyntax('x <1-65535> WORD LINE A.B.C.D/nn MONTH {a|b c}', { x: '', '<1-65535>': '', WORD: '', LINE: '', 'A.B.C.D/nn': '', MONTH: '', a: '', b: '', c: '' })).toMatchObject({
      items: [
        {},
        { tok: { type: 'range', min: 1, max: 65535 } },
        { tok: { type: 'word' } },
        { tok: { type: 'line' } },
        { tok: { type: 'prefix' } },
        { tok: { type: 'word', display: 'MONTH' } },
        { k: 'set', items: [{ k: 'tok' }, { k: 'seq' }] },
      ],
    });
  });

  it('rejects a token without help and malformed groups, naming the command', () => {
    expect(() => parseSyntax('show clock', { show: 'x' })).toThrow(/show clock.*"clock"/);
    expect(() => parseSyntax('a [b', { a: '', b: '' })).toThrow(SyntaxError);
    expect(() => parseSyntax('a b)', { a: '', b: '' })).toThrow(SyntaxError);
    expect(() => parseSyntax('', {})).toThrow(SyntaxError);
    expect(() => new CommandRegistry().add(cmd('hostname WORD', { hostname: 'h' }))).toThrow(/WORD/);
  });

  it('gives the keywords of a named group that name', () => {
    const r = new CommandRegistry().add(cmd('show ip route [(connected|static)$filter|A.B.C.D$addr]', { show: '', ip: '', route: '', connected: '', static: '', $addr: '' }));
    const m = matchLine(r.entries('global'), 'show ip route stat', DEFAULT_INTERFACE_TYPES);
    expect(m.kind).toBe('ok');
    if (m.kind === 'ok') expect(m.args.get('filter')).toBe('static');
  });
});

describe('interface names', () => {
  it('reads every spelling IOS accepts and canonicalises it', () => {
    const t = DEFAULT_INTERFACE_TYPES;
    expect(readInterfaceWord(t, 'tu0')).toEqual({ kind: 'full', name: 'Tunnel0' });
    expect(readInterfaceWord(t, 'TUNNEL007')).toEqual({ kind: 'full', name: 'Tunnel7' });
    expect(readInterfaceWord(t, 'e0/0')).toEqual({ kind: 'full', name: 'Ethernet0/0' });
    expect(readInterfaceWord(t, 'lo0')).toEqual({ kind: 'full', name: 'Loopback0' });
    expect(readInterfaceWord(t, 'Loopback')).toMatchObject({ kind: 'type' });
    expect(readInterfaceWord(t, 'e0')).toEqual({ kind: 'none' }); // Ethernet is slotted here
    expect(readInterfaceWord(t, 'x0')).toEqual({ kind: 'none' });
  });
});

describe('the registry', () => {
  it('has no two test commands that cannot be told apart', () => {
    const r = new CommandRegistry().addAll(testCommands() as CommandDef[]);
    for (const mode of ['priv-exec', 'global', 'interface', 'router']) {
      expect(lintMode(mode, r.entries(mode), DEFAULT_INTERFACE_TYPES)).toEqual([]);
    }
  });

  it('reports definitions that shadow each other', () => {
    const r = new CommandRegistry()
      .add(cmd('clear counters', { clear: '', counters: '' }))
      .add(cmd('clear counters', { clear: '', counters: '' }));
    expect(lintMode('global', r.entries('global'), DEFAULT_INTERFACE_TYPES).map((p) => p.got)).toEqual(['ambiguous', 'ambiguous', 'ambiguous', 'ambiguous']);
  });

  it('prefers an exact keyword to the keywords it abbreviates (`ip route` vs `ip routing`)', () => {
    const r = new CommandRegistry()
      .add(cmd('ip route A.B.C.D A.B.C.D A.B.C.D', { ip: '', route: '', 'A.B.C.D': '' }))
      .add(cmd('ip routing', { ip: '', routing: '' }));
    const e = r.entries('global');
    expect(matchLine(e, 'ip route 0.0.0.0 0.0.0.0 1.1.1.1', DEFAULT_INTERFACE_TYPES).kind).toBe('ok');
    expect(matchLine(e, 'ip routing', DEFAULT_INTERFACE_TYPES).kind).toBe('ok');
    expect(matchLine(e, 'ip rout', DEFAULT_INTERFACE_TYPES).kind).toBe('ambiguous');
    expect(matchLine(e, 'ip route', DEFAULT_INTERFACE_TYPES).kind).toBe('incomplete');
  });

  it('prefers a typed parameter to WORD when both complete', () => {
    const seen: string[] = [];
    const r = new CommandRegistry()
      .add(cmd('ping A.B.C.D', { ping: '', 'A.B.C.D': '' }, { run: () => seen.push('ip') }))
      .add(cmd('ping WORD', { ping: '', WORD: '' }, { run: () => seen.push('word') }));
    const m = matchLine(r.entries('global'), 'ping 1.2.3.4', DEFAULT_INTERFACE_TYPES);
    expect(m.kind === 'ok' && m.entry.cmd.def.syntax).toBe('ping A.B.C.D');
    const w = matchLine(r.entries('global'), 'ping hub', DEFAULT_INTERFACE_TYPES);
    expect(w.kind === 'ok' && w.entry.cmd.def.syntax).toBe('ping WORD');
  });

  it('offers user EXEC the privilege-1 commands of privileged EXEC', () => {
    const r = new CommandRegistry()
      .add({ ...cmd('show a', { show: '', a: '' }), modes: ['priv-exec'], privilege: 1 })
      .add({ ...cmd('show b', { show: '', b: '' }), modes: ['priv-exec'] });
    expect(r.entries('user-exec').map((e) => e.cmd.def.syntax)).toEqual(['show a']);
    expect(r.entries('priv-exec')).toHaveLength(2);
  });
});

describe('renderers', () => {
  it('wraps long help at 80 columns, continuing under the help column', () => {
    const lines = formatLongHelp(
      [
        { label: 'append', help: 'Append redirected output to URL (URLs supporting append operation only)' },
        { label: 'begin', help: 'Begin with the line that matches' },
      ],
      false,
    );
    expect(lines).toEqual([
      '  append  Append redirected output to URL (URLs supporting append operation',
      '          only)',
      '  begin   Begin with the line that matches',
    ]);
    expect(lines.every((l) => l.length < 80)).toBe(true);
  });

  it('wraps short help before the screen edge', () => {
    const words = Array.from({ length: 12 }, (_, i) => `keyword-${String(i).padStart(2, '0')}`);
    const lines = formatShortHelp(words);
    expect(lines.every((l) => l.length < 80)).toBe(true);
    expect(lines.join('').split('  ').filter(Boolean)).toEqual(words);
  });

  it('reprints a line too long for the screen with the caret under the copy', () => {
    const line = 'ip address 10.1.1.1 255.255.255.0 ' + 'x'.repeat(50);
    const out = invalidInput(16, line, 34).map((l) => l.text);
    expect(out).toEqual(['', line.slice(0, 80), ' '.repeat(34) + '^', line.slice(80), "% Invalid input detected at '^' marker.", '']);
  });
});
