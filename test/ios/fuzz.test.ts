/**
 * Property tests: whatever is typed, in whatever mode, the console never throws, answers every
 * Enter with at least its echo, and always finds its way back to a prompt.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { harness, type Harness } from './support.js';

/** More runs (and another seed) on demand: FUZZ_RUNS=5000 FUZZ_SEED=7 npx vitest run test/ios/fuzz.test.ts */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const SEED = Number(process.env['FUZZ_SEED'] ?? 1993);

const MODES: Record<string, string> = {
  'user-exec': '',
  'priv-exec': 'enable\r',
  global: 'enable\rconf t\r',
  interface: 'enable\rconf t\rint tu0\r',
  router: 'enable\rconf t\rrouter eigrp 1\r',
};

const GOOD_LINES = [
  'show ip interface brief',
  'sh run | section interface',
  'show running-config | include ip address',
  'ping 10.1.1.1 repeat 2 source tu0',
  'interface Ethernet 0/0',
  'ip address 10.1.1.1 255.255.255.0',
  'no ip address',
  'router eigrp 1',
  'network 10.0.0.0 0.255.255.255',
  'do show clock detail',
  'hostname R1',
  'terminal length 5',
  'no debug nhrp',
  'default shutdown',
  'end',
  'exit',
];

const WORDS = ['show', 'sh', 'ip', 'int', 'interface', 'brief', '|', 'include', 'section', 'do', 'no', 'default', 'tu0', 'tunnel', '0', 'e0/0', '10.1.1.1', '255.255.255.0', 'router', 'eigrp', '65536', 'ping', 'repeat', '?', 'exit', 'end', 'logout', 'configure', 't'];

const KEYS = ['\r', '\n', '\r\n', '\t', '?', '\x1a', '\x03', '\x1e', '\x7f', '\x08', '\x01', '\x05', '\x0b', '\x15', '\x17', '\x16', '\x14', '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b', '\x1b[', '\x1bb', ' ', 'q', '\u00e9', '😀', '\x00', '\x7f\x7f'];

/** Bring the session back to a prompt: page through, abort dialogs, let jobs finish or break them. */
function settle(h: Harness): void {
  for (let i = 0; i < 50 && !h.s.isReady(); i++) {
    const line = h.input();
    if (line === null) {
      h.sched.runFor(60_000);
      if (h.input() === null) h.type('\x1e');
    } else if (line.prompt === ' --More-- ') h.type('q');
    else if (line.prompt === '') h.type('\r');
    else if (!/[#>]$/.test(line.prompt)) h.type('\x03');
    else h.sched.runFor(60_000);
  }
  expect(h.s.isReady()).toBe(true);
}

function checkAlive(h: Harness): void {
  settle(h);
  const echo = h.type('\x05\x15\r');
  expect(echo).toHaveLength(1);
  expect(echo[0]).toMatch(/[#>]$/);
}

const mutate = (line: string) =>
  fc.oneof(
    fc.constant(line),
    fc.nat({ max: line.length }).map((i) => line.slice(0, i)),
    fc.tuple(fc.nat({ max: line.length }), fc.constantFrom(...KEYS, 'x', '/', '.', '-')).map(([i, c]) => line.slice(0, i) + c + line.slice(i)),
    fc.nat({ max: Math.max(0, line.length - 1) }).map((i) => line.slice(0, i) + line.slice(i + 1)),
    fc.constant(line.split(' ').reverse().join(' ')),
    fc.constant(line.toUpperCase()),
  );

const lineArb = fc.oneof(
  fc.constantFrom(...GOOD_LINES).chain(mutate),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(' ')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('fuzz', () => {
  for (const [mode, path] of Object.entries(MODES)) {
    it(`typed lines in ${mode} never throw and always end at a prompt`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(lineArb, fc.constantFrom('\r', '?', '\t', '\r', '\x1a')), { minLength: 1, maxLength: 6 }), (lines) => {
          const h = harness({ terminalLength: 6 });
          h.type(path);
          for (const [text, end] of lines) {
            settle(h);
            let out: string[] = [];
            expect(() => {
              out = h.type('\x05\x15' + text + end);
            }).not.toThrow();
            if (end === '\r' && !/[\r\n\x1a\x03\x16]/.test(text)) expect(out.length).toBeGreaterThan(0);
            if (!/cr/i.test(text)) expect(out.join('\n')).not.toContain('Internal error');
          }
          checkAlive(h);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }

  it('raw key soup never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...KEYS, ...WORDS), fc.string({ maxLength: 5 })), { maxLength: 60 }), (chunks) => {
        const h = harness();
        for (const c of chunks) expect(() => h.type(c)).not.toThrow();
        checkAlive(h);
      }),
      { numRuns: RUNS * 2, seed: SEED + 1 },
    );
  });

  it('a very long line is capped, not fatal', () => {
    const h = harness({ initialMode: 'priv-exec' });
    expect(() => h.type('show ' + 'x'.repeat(100_000) + '\r')).not.toThrow();
    checkAlive(h);
  });
});
