import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/sim/scheduler.js';
import { Rng } from '../../src/sim/rng.js';

describe('Scheduler', () => {
  it('runs events in (time, sequence) order and advances the virtual clock', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.schedule(10, () => seen.push(`b@${s.now()}`));
    s.schedule(5, () => seen.push(`a@${s.now()}`));
    s.schedule(10, () => seen.push(`c@${s.now()}`));
    s.runFor(20);
    expect(seen).toEqual(['a@5', 'b@10', 'c@10']);
    expect(s.now()).toBe(20);
  });

  it('does not run cancelled timers', () => {
    const s = new Scheduler();
    let fired = false;
    const h = s.schedule(1, () => (fired = true));
    h.cancel();
    s.runFor(5);
    expect(fired).toBe(false);
  });

  it('runUntil stops when the predicate holds', () => {
    const s = new Scheduler();
    let n = 0;
    const tick = () => {
      n++;
      s.schedule(1000, tick);
    };
    s.schedule(1000, tick);
    expect(s.runUntil(() => n === 3, 60_000)).toBe(true);
    expect(s.now()).toBe(3000);
  });
});

describe('Rng', () => {
  it('gives the same sequence for the same seed and stream name', () => {
    const a = new Rng(42).stream('Hub/nhrp');
    const b = new Rng(42).stream('Hub/nhrp');
    expect([a.nextU32(), a.nextU32(), a.nextU32()]).toEqual([b.nextU32(), b.nextU32(), b.nextU32()]);
  });

  it('keeps streams independent: drawing from one does not shift another', () => {
    const r1 = new Rng(7);
    const r2 = new Rng(7);
    r1.stream('Hub/ike').nextU32();
    r1.stream('Hub/ike').nextU32();
    expect(r1.stream('Spoke1/nhrp').nextU32()).toBe(r2.stream('Spoke1/nhrp').nextU32());
  });

  it('differs between seeds', () => {
    expect(new Rng(1).stream('x').nextU32()).not.toBe(new Rng(2).stream('x').nextU32());
  });
});
