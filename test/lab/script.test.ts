import { describe, expect, it } from 'vitest';
import { parseScript, parseDuration } from '../../src/lab/script.js';

describe('batch script parser', () => {
  it('parses console switches, waits, comments and typed lines with their line numbers', () => {
    const r = parseScript('@Hub\nenable\n@# a comment\n@wait 30s\n@Spoke1\nshow ip nhrp\n');
    expect(r.error).toBeUndefined();
    expect(r.steps).toEqual([
      { kind: 'console', name: 'Hub', line: 1 },
      { kind: 'type', text: 'enable', line: 2 },
      { kind: 'wait', ms: 30_000, line: 4 },
      { kind: 'console', name: 'Spoke1', line: 5 },
      { kind: 'type', text: 'show ip nhrp', line: 6 },
    ]);
  });

  it('keeps blank lines as Enter presses', () => {
    expect(parseScript('@Hub\n\nend').steps[1]).toEqual({ kind: 'type', text: '', line: 2 });
  });

  it('reports an unknown directive with its line', () => {
    expect(parseScript('@Hub\n@sleep 3\n').error).toEqual({ line: 2, message: 'unknown directive "@sleep 3"' });
  });

  it('reports a bad duration with its line', () => {
    expect(parseScript('@wait 3 parsecs').error?.line).toBe(1);
    expect(parseScript('@wait forever').error?.message).toContain('bad duration');
  });

  it('understands every unit', () => {
    expect([parseDuration('250ms'), parseDuration('2s'), parseDuration('3m'), parseDuration('1h')]).toEqual([250, 2000, 180_000, 3_600_000]);
    expect(parseDuration('5')).toBeUndefined();
  });
});
