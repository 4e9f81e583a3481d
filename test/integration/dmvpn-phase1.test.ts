/**
 * Issue 2, done-when 1: seed 000's hub and spoke configurations typed into an underlay lab (Spoke2
 * mirroring Spoke1) bring up NHRP registration, the DMVPN view, EIGRP and spoke-to-spoke reachability
 * within 60 s of virtual time — all observed through the consoles, as a user would.
 */
import { describe, expect, it } from 'vitest';
import { configure, fixture, lastCommandOutput, runScript } from '../support/lab-driver.js';

const buildScript = [
  configure('Hub', fixture('phase1-hub.cfg')),
  configure('Spoke1', fixture('phase1-spoke1.cfg')),
  configure('Spoke2', fixture('phase1-spoke2.cfg')),
  '@wait 60s',
].join('\n');

const checks = [
  '@Hub',
  'show ip nhrp',
  'show dmvpn',
  'show ip eigrp neighbors',
  '@Spoke1',
  'show ip nhrp nhs',
  'show dmvpn',
  'show ip route eigrp',
  'ping 198.51.100.1 source Loopback0',
  '@Spoke2',
  'show ip nhrp nhs',
  'show dmvpn',
  'show ip route eigrp',
].join('\n');

describe('dmvpn-phase1 built from seed 000 configurations', () => {
  const { lines, code, errors } = runScript(`${buildScript}\n${checks}\n`);

  it('runs the script without errors and without IOS error lines', () => {
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(lines.filter((l) => /% (Invalid|Incomplete|Ambiguous)/.test(l))).toEqual([]);
  });

  it('hub lists both spokes as dynamic, unique registered NHRP entries', () => {
    const out = lastCommandOutput(lines, 'Hub', 'show ip nhrp').join('\n');
    expect(out).toMatch(/^10\.1\.1\.1\/32 via 10\.1\.1\.1$/m);
    expect(out).toMatch(/^10\.1\.1\.2\/32 via 10\.1\.1\.2$/m);
    expect(out.match(/Type: dynamic, Flags: unique registered/g)?.length).toBe(2);
    expect(out).toContain('NBMA address: 172.16.1.1');
    expect(out).toContain('NBMA address: 172.16.2.1');
  });

  it('show dmvpn: both spokes UP with attribute D on the hub, the hub UP with S on each spoke', () => {
    const hub = lastCommandOutput(lines, 'Hub', 'show dmvpn').join('\n');
    expect(hub).toMatch(/172\.16\.1\.1\s+10\.1\.1\.1\s+UP\s+\S+\s+D/);
    expect(hub).toMatch(/172\.16\.2\.1\s+10\.1\.1\.2\s+UP\s+\S+\s+D/);
    for (const spoke of ['Spoke1', 'Spoke2']) {
      const out = lastCommandOutput(lines, spoke, 'show dmvpn').join('\n');
      expect(out).toMatch(/172\.16\.10\.1\s+10\.1\.1\.254\s+UP\s+\S+\s+S/);
    }
  });

  it('spokes see their NHS responding (RE)', () => {
    for (const spoke of ['Spoke1', 'Spoke2']) {
      expect(lastCommandOutput(lines, spoke, 'show ip nhrp nhs').join('\n')).toMatch(/10\.1\.1\.254 +RE/);
    }
  });

  it('the hub has EIGRP adjacencies with both spokes over Tunnel0', () => {
    const out = lastCommandOutput(lines, 'Hub', 'show ip eigrp neighbors').join('\n');
    expect(out).toMatch(/10\.1\.1\.1\s+Tu0/);
    expect(out).toMatch(/10\.1\.1\.2\s+Tu0/);
  });

  it("each spoke routes the other spoke's loopbacks via the hub's tunnel address", () => {
    const s1 = lastCommandOutput(lines, 'Spoke1', 'show ip route eigrp').join('\n');
    const s2 = lastCommandOutput(lines, 'Spoke2', 'show ip route eigrp').join('\n');
    for (const h of [1, 2, 3, 4]) {
      expect(s1).toMatch(new RegExp(`198\\.51\\.100\\.${h} \\[90/\\d+\\] via 10\\.1\\.1\\.254`));
      expect(s2).toMatch(new RegExp(`209\\.165\\.201\\.${h} \\[90/\\d+\\] via 10\\.1\\.1\\.254`));
    }
  });

  it('Spoke1 pings Spoke2 loopback from its own loopback', () => {
    const out = lastCommandOutput(lines, 'Spoke1', 'ping 198.51.100.1 source Loopback0').join('\n');
    expect(out).toContain('Packet sent with a source address of 209.165.201.1');
    expect(out).toMatch(/Success rate is (80|100) percent/);
  });
});
