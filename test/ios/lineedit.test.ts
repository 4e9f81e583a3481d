/** The line editor reducer and the key reader. */

import { describe, expect, it } from 'vitest';
import { edit, emptyEdit, remember, MAX_LINE, type EditAction, type EditState } from '../../src/ios/session/lineedit.js';
import { KeyReader } from '../../src/ios/session/keys.js';
import { harness } from './support.js';

const run = (s: EditState, ...actions: EditAction[]) => actions.reduce(edit, s);
const typed = (text: string, cursor = text.length): EditState => ({ ...emptyEdit(), buffer: text, cursor });

describe('edit()', () => {
  it('inserts at the cursor and moves by characters and words', () => {
    let s = run(emptyEdit(), { type: 'insert', text: 'sh ip' }, { type: 'home' }, { type: 'insert', text: 'do ' });
    expect(s).toMatchObject({ buffer: 'do sh ip', cursor: 3 });
    s = run(s, { type: 'end' }, { type: 'word-left' });
    expect(s.cursor).toBe(6);
    s = run(s, { type: 'word-left' }, { type: 'word-right' });
    expect(s.cursor).toBe(5);
    expect(run(s, { type: 'left' }, { type: 'left' }, { type: 'right' }).cursor).toBe(4);
    expect(run(typed('ab', 0), { type: 'left' }).cursor).toBe(0);
    expect(run(typed('ab'), { type: 'right' }).cursor).toBe(2);
  });

  it('deletes: backspace, at cursor, to end, to start, words', () => {
    expect(run(typed('show'), { type: 'backspace' })).toMatchObject({ buffer: 'sho', cursor: 3 });
    expect(run(typed('show', 0), { type: 'backspace' })).toMatchObject({ buffer: 'show', cursor: 0 });
    expect(run(typed('show', 1), { type: 'delete' })).toMatchObject({ buffer: 'sow', cursor: 1 });
    expect(run(typed('show', 4), { type: 'delete' }).buffer).toBe('show');
    expect(run(typed('show ip', 4), { type: 'kill-end' })).toMatchObject({ buffer: 'show', cursor: 4 });
    expect(run(typed('show ip', 5), { type: 'kill-start' })).toMatchObject({ buffer: 'ip', cursor: 0 });
    expect(run(typed('show ip  '), { type: 'kill-word-left' })).toMatchObject({ buffer: 'show ', cursor: 5 });
    expect(run(typed('show ip route', 4), { type: 'kill-word-right' })).toMatchObject({ buffer: 'show route', cursor: 4 });
  });

  it('transposes the two characters at the cursor', () => {
    expect(run(typed('sohw', 2), { type: 'transpose' })).toMatchObject({ buffer: 'show', cursor: 3 });
    expect(run(typed('shwo'), { type: 'transpose' })).toMatchObject({ buffer: 'show', cursor: 4 });
  });

  it('walks history and restores the line being typed', () => {
    const s0 = { ...emptyEdit(['show clock', 'show run']), buffer: 'sh', cursor: 2 };
    const s1 = run(s0, { type: 'history-prev' });
    expect(s1).toMatchObject({ buffer: 'show run', cursor: 8 });
    const s2 = run(s1, { type: 'history-prev' }, { type: 'history-prev' });
    expect(s2.buffer).toBe('show clock');
    expect(run(s2, { type: 'history-next' }).buffer).toBe('show run');
    expect(run(s2, { type: 'history-next' }, { type: 'history-next' }).buffer).toBe('sh');
    expect(run(emptyEdit(), { type: 'history-prev' }).buffer).toBe('');
  });

  it('keeps the last ten distinct lines and caps the line length', () => {
    let h: string[] = [];
    for (let i = 0; i < 12; i++) h = remember(h, `cmd ${i}`);
    h = remember(remember(h, 'cmd 11'), '   ');
    expect(h).toEqual(Array.from({ length: 10 }, (_, i) => `cmd ${i + 2}`));
    expect(run(emptyEdit(), { type: 'insert', text: 'x'.repeat(MAX_LINE + 10) }).buffer).toHaveLength(MAX_LINE);
  });
});

describe('KeyReader', () => {
  it('reads Enter in every spelling, arrows, controls and characters', () => {
    const r = new KeyReader();
    expect(r.read('a\r\nb\nc\r')).toEqual([
      { t: 'char', c: 'a' },
      { t: 'key', k: 'enter' },
      { t: 'char', c: 'b' },
      { t: 'key', k: 'enter' },
      { t: 'char', c: 'c' },
      { t: 'key', k: 'enter' },
    ]);
    // The \n completing a \r from the previous chunk is not a second Enter.
    expect(r.read('\nx')).toEqual([{ t: 'char', c: 'x' }]);
    expect(r.read('\x1b[A\x1b[B\x1b[C\x1b[D\x1bOH\x1b[3~\x1bb\x01\x7f\x08\t')).toEqual([
      { t: 'key', k: 'up' },
      { t: 'key', k: 'down' },
      { t: 'key', k: 'right' },
      { t: 'key', k: 'left' },
      { t: 'key', k: 'home' },
      { t: 'key', k: 'delete' },
      { t: 'key', k: 'word-left' },
      { t: 'ctrl', c: '\x01' },
      { t: 'key', k: 'backspace' },
      { t: 'key', k: 'backspace' },
      { t: 'key', k: 'tab' },
    ]);
  });

  it('joins an escape sequence split across chunks and swallows unknown ones', () => {
    const r = new KeyReader();
    expect(r.read('\x1b[')).toEqual([]);
    expect(r.read('Aq')).toEqual([{ t: 'key', k: 'up' }, { t: 'char', c: 'q' }]);
    expect(r.read('\x1b[15~z')).toEqual([{ t: 'char', c: 'z' }]);
    expect(r.read('😀')).toEqual([{ t: 'char', c: '😀' }]);
  });
});

describe('editing at the console', () => {
  it('uses the keys on the prompt line and keeps EXEC and config histories apart', () => {
    const h = harness({ initialMode: 'priv-exec' });
    h.type('show clokc\x02\x14\r');
    expect(h.lines.at(-1)?.text).toBe('*00:00:00.000 UTC Mon Mar 1 1993');
    h.type('conf t\rhostname R1\r');
    h.type('\x1b[A');
    expect(h.input()?.buffer).toBe('hostname R1');
    h.type('\x15end\r\x1b[A\x1b[A');
    expect(h.input()?.buffer).toBe('show clock');
    h.type('\x1b[B\x1b[B');
    expect(h.input()?.buffer).toBe('');
    h.type('sh ip\x17\x17');
    expect(h.input()).toMatchObject({ buffer: '', cursor: 0 });
  });

  it('types a literal ? after Ctrl-V', () => {
    const h = harness({ initialMode: 'priv-exec' });
    h.type('show run | include a\x16?b');
    expect(h.input()?.buffer).toBe('show run | include a?b');
  });
});
