/**
 * Issue 2, done-when 3: misconfigurations fail as they do on IOS, because the simulated protocols fail —
 * nothing here or in the product matches configuration text to decide an outcome.
 */
import { describe, expect, it } from 'vitest';
import { configure, fixture, lastCommandOutput, runScript } from '../support/lab-driver.js';

/** Seed 000's configurations typed into an underlay lab, with `fault` applied to one router's text. */
function buildWith(fault: { router: 'Hub' | 'Spoke1' | 'Spoke2'; edit: (cfg: string) => string }, checks: string[]) {
  const cfg = (r: 'Hub' | 'Spoke1' | 'Spoke2') => {
    const text = fixture(`phase1-${r.toLowerCase()}.cfg`);
    return r === fault.router ? fault.edit(text) : text;
  };
  const script = [configure('Hub', cfg('Hub')), configure('Spoke1', cfg('Spoke1')), configure('Spoke2', cfg('Spoke2')), '@wait 90s', ...checks].join('\n');
  const r = runScript(`${script}\n`);
  expect(r.errors).toEqual([]);
  return r.lines;
}

describe('misconfigurations fail as on IOS', () => {
  it('a wrong NHRP authentication string leaves that spoke unregistered (NHS stays E)', () => {
    const lines = buildWith({ router: 'Spoke2', edit: (c) => c.replace('ip nhrp authentication NHRPAUTH', 'ip nhrp authentication WRONGKEY') }, [
      '@Spoke2',
      'show ip nhrp nhs',
      '@Hub',
      'show ip nhrp',
      '@Spoke1',
      'show ip nhrp nhs',
    ]);
    expect(lastCommandOutput(lines, 'Spoke2', 'show ip nhrp nhs').join('\n')).toMatch(/10\.1\.1\.254 +E\b/);
    const hub = lastCommandOutput(lines, 'Hub', 'show ip nhrp').join('\n');
    expect(hub).not.toContain('10.1.1.2/32');
    expect(hub).toContain('10.1.1.1/32');
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip nhrp nhs').join('\n')).toMatch(/10\.1\.1\.254 +RE/);
  });

  it('a mismatched tunnel key leaves that spoke unregistered', () => {
    const lines = buildWith({ router: 'Spoke2', edit: (c) => c.replace('tunnel key 1', 'tunnel key 2') }, ['@Spoke2', 'show ip nhrp nhs', '@Hub', 'show ip nhrp']);
    expect(lastCommandOutput(lines, 'Spoke2', 'show ip nhrp nhs').join('\n')).toMatch(/10\.1\.1\.254 +E\b/);
    expect(lastCommandOutput(lines, 'Hub', 'show ip nhrp').join('\n')).not.toContain('10.1.1.2/32');
  });

  it('a hub without `ip nhrp map multicast dynamic` registers spokes but never forms EIGRP adjacencies', () => {
    const lines = buildWith({ router: 'Hub', edit: (c) => c.replace(' ip nhrp map multicast dynamic\n', '') }, [
      '@Hub',
      'show ip nhrp',
      '@Spoke1',
      'show ip eigrp neighbors',
      'show ip route eigrp',
    ]);
    expect(lastCommandOutput(lines, 'Hub', 'show ip nhrp').join('\n').match(/Type: dynamic, Flags: unique registered/g)?.length).toBe(2);
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip eigrp neighbors').join('\n')).not.toMatch(/10\.1\.1\.254/);
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip route eigrp').join('\n')).not.toMatch(/203\.0\.113\.1/);
  });

  it('a hub with split horizon on leaves spokes without each other’s loopbacks', () => {
    const lines = buildWith({ router: 'Hub', edit: (c) => c.replace(' no ip split-horizon eigrp 1\n', '') }, ['@Spoke1', 'show ip route eigrp']);
    const routes = lastCommandOutput(lines, 'Spoke1', 'show ip route eigrp').join('\n');
    expect(routes).toMatch(/203\.0\.113\.1 \[90\/\d+\] via 10\.1\.1\.254/);
    expect(routes).not.toMatch(/198\.51\.100\.1/);
  });
});

describe('determinism', () => {
  it('the same lab, seed and script give a byte-identical transcript', () => {
    const script = [
      '@Spoke1',
      'enable',
      'debug nhrp packet',
      'configure terminal',
      'interface Tunnel0',
      'shutdown',
      'no shutdown',
      'end',
      '@wait 30s',
      'ping 198.51.100.1 source Loopback0',
      'show dmvpn',
      '@Hub',
      'enable',
      'show ip eigrp neighbors',
    ].join('\n');
    const a = runScript(script, { start: 'solved', seed: 42 });
    const b = runScript(script, { start: 'solved', seed: 42 });
    expect(a.lines.length).toBeGreaterThan(20);
    expect(a.lines.join('\n')).toBe(b.lines.join('\n'));
  });
});
