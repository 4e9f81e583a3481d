/**
 * The shipped scenarios: each passes `check` in its solved form (steps, then its solution), and each
 * troubleshooting ticket fails with its fault in place — the symptoms come from the simulation.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { scenarioFiles } from '../../src/scenario/catalog.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { reportLines } from '../../src/scenario/report.js';
import { loadLab } from '../../src/lab/catalog.js';
import { commandOutput } from '../../src/ios/router-console.js';

const files = scenarioFiles();
const scenarios = files.map((f) => loadScenario(f));
const tickets = scenarios.filter((s) => s.kind === 'ticket');

describe('scenario library', () => {
  it('has the walk-through, the build labs and at least eight tickets', () => {
    // The two seed walk-throughs, the three build labs of issue 5, and its tickets (crypto ones included).
    expect(scenarios.filter((s) => s.kind === 'playback').map((s) => s.id).sort()).toEqual(['playback-dmvpn-phase1', 'playback-ipsec-hub-spoke']);
    expect(scenarios.filter((s) => s.kind === 'lab').map((s) => s.id).sort()).toEqual(['lab-dmvpn-phase1', 'lab-eigrp-over-dmvpn', 'lab-ipsec-crypto-maps']);
    expect(tickets.length).toBeGreaterThanOrEqual(8);
    expect(tickets.map((s) => s.id)).toEqual(expect.arrayContaining(['ticket-psk', 'ticket-isakmp-policy', 'ticket-transform-set', 'ticket-crypto-acl']));
  });

  it.each(scenarios.map((s) => [basename(s.file), s] as const))('%s passes check in its solved form', (_name, s) => {
    const report = runScenario(s, { solved: true });
    expect(reportLines(report).filter((l) => !l.startsWith('PASS'))).toEqual([`Total ${report.total}/${report.total}: ${report.results.length} of ${report.results.length} checks passed`]);
  });

  it.each(tickets.map((s) => [basename(s.file), s] as const))('%s fails with its fault in place', (_name, s) => {
    const report = runScenario(s);
    expect(report.passed).toBe(false);
    // Every failing line carries the ticket's message and what was found instead.
    for (const r of report.results.filter((x) => !x.passed)) expect(r.message).not.toBe('');
  });
});

describe('dmvpn-console check', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/dmvpn-console.js', ...args], { encoding: 'utf8' });

  it('prints one line per check and a total, exit 1 while the fault is in place and 0 after the fix', () => {
    const broken = cli('check', 'ticket-tunnel-key');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain("FAIL  0/3  Spoke1 registered with its NHS: Spoke1 is not registered with its NHS (show ip nhrp nhs) (found: 10.1.1.254 E)");
    expect(broken.stdout.trim().split('\n').at(-1)).toBe('Total 1/10: 1 of 4 checks passed — not passed');
    const fixed = cli('check', 'scenarios/ticket-tunnel-key.yaml', '--solved');
    expect(fixed.status).toBe(0);
    expect(fixed.stdout.trim().split('\n').at(-1)).toBe('Total 10/10: 4 of 4 checks passed');
  });

  it('--json gives the same report as JSON', () => {
    const r = cli('check', 'ticket-split-horizon', '--json');
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ scenario: 'ticket-split-horizon', passed: false, score: 1, total: 10 });
    expect(j.checks[1]).toMatchObject({ name: 'Spoke1 has a route to 198.51.100.1/32 via 10.1.1.254', passed: false, points: 3, earned: 0, found: 'no route' });
  });

  it('--config-dir grades saved configurations (show running-config of each router, as a learner saves it)', () => {
    const solved = loadLab({ lab: 'dmvpn-phase1', start: 'solved', seed: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    for (const [name, file] of [['Hub', 'Hub.cfg'], ['Spoke1', 'Spoke1.cfg'], ['Spoke2', 'spoke2.txt']] as const) {
      writeFileSync(join(dir, file), commandOutput(solved.router(name)!, 'show running-config').join('\n'));
    }
    const r = cli('check', 'lab-dmvpn-phase1', '--config-dir', dir);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('Total 100/100: 8 of 8 checks passed');
    expect(r.status).toBe(0);

    // The same directory with Spoke2's NHRP authentication mistyped loses Spoke2's points.
    writeFileSync(join(dir, 'spoke2.txt'), commandOutput(solved.router('Spoke2')!, 'show running-config').join('\n').replace('authentication NHRPAUTH', 'authentication NHRPAUTX'));
    const wrong = cli('check', 'lab-dmvpn-phase1', '--config-dir', dir);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('FAIL   0/10  Spoke2 registered with NHS 10.1.1.254: Spoke2 is not registered with the hub (show ip nhrp nhs)');
  });

  it('--config-dir names the file and the line a router refused, in one line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'Hub.cfg'), 'hostname Hub\ninterface Tunnel0\n ip nhrp bogus 1\n');
    const r = cli('check', 'lab-dmvpn-phase1', '--config-dir', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`dmvpn-console: ${join(dir, 'Hub.cfg')}:1:1: Hub rejected this configuration: "ip nhrp bogus 1": % Invalid input detected at '^' marker.\n`);
  });

  it('lists labs and scenarios with one-line descriptions', () => {
    const r = cli('list');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('dmvpn-phase1');
    for (const s of scenarios) expect(r.stdout).toContain(`  ${s.id.padEnd(26)} ${s.kind.padEnd(8)} ${s.title}`);
  });

  it('play --batch prints the walk-through transcript with its narration', () => {
    const r = cli('play', 'playback-dmvpn-phase1', '--batch');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('@# 1. The hub: IKE and IPsec policy, an mGRE tunnel protected by the IPsec profile, NHRP with dynamic multicast mapping, EIGRP AS 1.');
    expect(lines).toContain('Spoke1| Spoke1#debug dmvpn all all');
    expect(lines.some((l) => /^Hub\| \*Mar  1 [\d:.]+: NHRP: Receive Registration Request via Tunnel0 vrf 0, packet size: 108$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Spoke1\| Success rate is (80|100) percent/.test(l))).toBe(true);
  });
});
