/**
 * EIGRP over seed 000's DMVPN, observed through the consoles: adjacencies and their syslog, composite
 * metrics, the neighbour table, and the failures that come from hellos, hold timers and retransmission.
 */
import { describe, expect, it } from 'vitest';
import { configure, fixture, lastCommandOutput, outputOf, runScript } from '../../support/lab-driver.js';

function solved(checks: string[]) {
  const r = runScript(`${checks.join('\n')}\n`, { start: 'solved' });
  expect(r.errors).toEqual([]);
  return r.lines;
}

/** Virtual seconds of a `*Mar  1 hh:mm:ss.mmm:` stamp. */
function secondsOf(line: string): number {
  const m = /\*Mar  1 (\d\d):(\d\d):(\d\d\.\d{3}):/.exec(line)!;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

describe('EIGRP over DMVPN', () => {
  it('forms adjacencies over the tunnel with the 15.1 syslog line on both ends', () => {
    const lines = solved(['@wait 30s']);
    expect(outputOf(lines, 'Hub').join('\n')).toMatch(/%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10\.1\.1\.1 \(Tunnel0\) is up: new adjacency/);
    expect(outputOf(lines, 'Spoke1').join('\n')).toMatch(/%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10\.1\.1\.254 \(Tunnel0\) is up: new adjacency/);
  });

  it('computes composite metrics from tunnel bandwidth and delay', () => {
    // Spoke loopback seen from the hub: 256 × (10^7/100 + (5000 + 50000)/10) = 27,008,000.
    // Spoke2's loopback seen from Spoke1, one more tunnel hop: 256 × (100000 + 10500) = 28,288,000.
    const lines = solved(['@wait 30s', '@Hub', 'show ip route 209.165.201.1', 'show ip route eigrp', '@Spoke1', 'show ip route eigrp']);
    expect(lastCommandOutput(lines, 'Hub', 'show ip route eigrp').join('\n')).toContain('D        209.165.201.1 [90/27008000] via 10.1.1.1');
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip route eigrp').join('\n')).toContain('D        198.51.100.1 [90/28288000] via 10.1.1.254');
  });

  it('resyncs the tunnel neighbours when split horizon is turned back on, and spokes lose each other’s routes', () => {
    const lines = solved([
      '@wait 30s',
      '@Hub',
      'enable',
      'configure terminal',
      'interface Tunnel0',
      'ip split-horizon eigrp 1',
      'end',
      '@wait 5s',
      '@Spoke1',
      'show ip route eigrp',
      '@Hub',
      'configure terminal',
      'interface Tunnel0',
      'no ip split-horizon eigrp 1',
      'end',
      '@wait 5s',
      '@Spoke2',
      'show ip route eigrp',
    ]);
    const hub = outputOf(lines, 'Hub').join('\n');
    expect(hub).toMatch(/%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10\.1\.1\.1 \(Tunnel0\) is resync: split horizon changed/);
    expect(hub).toMatch(/%DUAL-5-NBRCHANGE: EIGRP-IPv4 1: Neighbor 10\.1\.1\.2 \(Tunnel0\) is resync: split horizon changed/);
    const spoke1 = lastCommandOutput(lines, 'Spoke1', 'show ip route eigrp').join('\n');
    expect(spoke1).toContain('203.0.113.1 [90/');
    expect(spoke1).not.toContain('198.51.100.1');
    expect(lastCommandOutput(lines, 'Spoke2', 'show ip route eigrp').join('\n')).toContain('D        209.165.201.1 [90/28288000] via 10.1.1.254');
  });

  it('lists neighbours in the 15.x table layout', () => {
    const lines = solved(['@wait 30s', '@Spoke1', 'show ip eigrp neighbors']);
    const out = lastCommandOutput(lines, 'Spoke1', 'show ip eigrp neighbors');
    expect(out.slice(0, 3)).toEqual([
      'EIGRP-IPv4 Neighbors for AS(1)',
      'H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq',
      '                                                   (sec)         (ms)       Cnt Num',
    ]);
    expect(out[3]).toMatch(/^0   10\.1\.1\.254              Tu0                      1\d 00:00:\d\d +\d+ +\d+  0  \d+$/);
  });

  it('shows FD and RD in the topology table', () => {
    const lines = solved(['@wait 30s', '@Hub', 'show ip eigrp topology']);
    const out = lastCommandOutput(lines, 'Hub', 'show ip eigrp topology');
    expect(out[0]).toBe('EIGRP-IPv4 Topology Table for AS(1)/ID(203.0.113.4)');
    expect(out).toContain('P 209.165.201.1/32, 1 successors, FD is 27008000');
    expect(out).toContain('        via 10.1.1.1 (27008000/128256), Tunnel0');
    expect(out).toContain('        via Connected, Loopback0');
  });

  it("a spoke that goes silent is dropped when its hold time (15 s) runs out", () => {
    const lines = solved(['@wait 30s', '@Spoke1', 'enable', 'configure terminal', 'interface Tunnel0', 'shutdown', 'end', '@wait 30s']);
    const spoke = outputOf(lines, 'Spoke1');
    const shutAt = secondsOf(spoke.find((l) => l.includes('LINK-5-CHANGED: Interface Tunnel0'))!);
    const down = outputOf(lines, 'Hub').find((l) => l.includes('Neighbor 10.1.1.1 (Tunnel0) is down: holding time expired'));
    expect(down).toBeDefined();
    const after = secondsOf(down!) - shutAt;
    expect(after).toBeGreaterThan(9);
    expect(after).toBeLessThanOrEqual(15);
  });

  it('without multicast mapping on the hub the adjacency flaps: retry limit exceeded, then up again', () => {
    const hub = fixture('phase1-hub.cfg').replace(' ip nhrp map multicast dynamic\n', '');
    const script = [configure('Hub', hub), configure('Spoke1', fixture('phase1-spoke1.cfg')), '@wait 200s', '@Spoke1', 'show ip eigrp neighbors'].join('\n');
    const r = runScript(`${script}\n`);
    const hubLog = outputOf(r.lines, 'Hub').filter((l) => l.includes('DUAL-5-NBRCHANGE'));
    const downs = hubLog.filter((l) => l.includes('Neighbor 10.1.1.1 (Tunnel0) is down: retry limit exceeded'));
    expect(downs.length).toBeGreaterThanOrEqual(1);
    const firstUp = hubLog.find((l) => l.includes('is up: new adjacency'))!;
    // 16 retransmissions at the 5 s RTO of a neighbour that never answered.
    expect(secondsOf(downs[0]!) - secondsOf(firstUp)).toBeGreaterThan(70);
    expect(hubLog.filter((l) => l.includes('is up: new adjacency')).length).toBeGreaterThanOrEqual(2);
    expect(lastCommandOutput(r.lines, 'Spoke1', 'show ip eigrp neighbors').join('\n')).not.toContain('10.1.1.254');
  });

  it('`debug eigrp packets` shows hellos leaving and arriving', () => {
    const lines = solved(['@wait 20s', '@Hub', 'enable', 'debug eigrp packets', '@wait 6s']);
    const hub = outputOf(lines, 'Hub');
    expect(hub).toContain('EIGRP Packets debugging is on');
    expect(hub.join('\n')).toMatch(/EIGRP: Sending HELLO on Tunnel0\n.*  AS 1, Flags 0x0, Seq 0\/0 idbQ 0\/0 iidbQ un\/rely 0\/0/);
    expect(hub.join('\n')).toMatch(/EIGRP: Received HELLO on Tunnel0 nbr 10\.1\.1\.1/);
  });
});
