/**
 * Issue 4, done-when 1: the built app in a pseudo-terminal, read through a headless terminal.
 */
import { describe, expect, it } from 'vitest';
import { paneColumns, spawnTui } from './pty-harness.js';

describe('TUI end to end (pty)', () => {
  it('shows three titled panes with their prompts and types only into the focused one', async () => {
    const h = spawnTui(['--lab', 'dmvpn-phase1', '--start', 'underlay'], 160, 48);
    try {
      await h.waitFor((s) => s.includes('Hub>') && s.includes('Spoke1>') && s.includes('Spoke2>'));
      const s0 = h.screen();
      expect(s0.join('\n')).toContain('dmvpn-phase1');
      for (const t of ['Hub', 'Spoke1', 'Spoke2']) expect(paneColumns(s0, t)).not.toBe('');
      h.write('enable\r');
      await h.waitFor((s) => s.includes('Hub#'));
      h.write('show ip interface brief\r');
      await h.waitFor((s) => s.includes('Interface') && s.includes('172.16.10.1'));
      const s1 = h.screen();
      expect(paneColumns(s1, 'Hub')).toContain('172.16.10.1');
      expect(paneColumns(s1, 'Spoke1')).not.toContain('Interface');
      expect(paneColumns(s1, 'Spoke2')).not.toContain('Interface');
      // F2 moves focus to Spoke1: what is typed now lands there.
      h.write('\x1bOQ');
      h.write('enable\r');
      await h.waitFor((s) => s.includes('Spoke1#'));
      expect(paneColumns(h.screen(), 'Hub')).not.toContain('Spoke1#');
      // '?' answers at once, Tab completes, as on IOS.
      h.write('show ip int?');
      await h.waitFor((s) => paneColumns(s.split('\n'), 'Spoke1').includes('interface'));
      h.write('\x15'); // Ctrl-U clears the line
      h.write('sh\t');
      await h.waitFor((s) => paneColumns(s.split('\n'), 'Spoke1').includes('Spoke1#show '));
      h.write('\x15');
      // A pasted configuration is applied line by line, in order.
      h.write('configure terminal\rinterface Loopback9\rip address 10.9.9.9 255.255.255.255\rend\rshow ip interface brief | include Loopback9\r');
      await h.waitFor((s) => /Loopback9\s+10\.9\.9\.9/.test(paneColumns(s.split('\n'), 'Spoke1')));
    } finally {
      expect(await h.close()).toBe(0);
    }
  });

  it('streams Hub debug live while keystrokes typed into Spoke1 echo without loss or reordering', async () => {
    // Issue 4, done-when 2: `debug dmvpn all all` on the Hub of the solved lab, Spoke1's tunnel bounced.
    const h = spawnTui(['--lab', 'dmvpn-phase1', '--start', 'solved'], 160, 48);
    try {
      await h.waitFor((s) => s.includes('Hub>') && s.includes('Spoke1>'));
      h.write('enable\rdebug dmvpn all all\r');
      await h.waitFor((s) => paneColumns(s.split('\n'), 'Hub').includes('DMVPN all level debugging is on'));
      h.write('\x1bOQ'); // F2: Spoke1
      h.write('enable\rconfigure terminal\rinterface Tunnel0\rshutdown\r');
      await h.waitFor((s) => paneColumns(s.split('\n'), 'Spoke1').includes('Spoke1(config-if)#shutdown'));
      h.write('no shutdown\r');
      // Type while the registration and the adjacency stream into the Hub pane, one key at a time.
      const typed = 'do show ip nhrp nhs';
      for (const ch of typed) {
        h.write(ch);
        await new Promise((r) => setTimeout(r, 15));
      }
      await h.waitFor((s) => paneColumns(s.split('\n'), 'Spoke1').includes(`Spoke1(config-if)#${typed}`));
      await h.waitFor((s) => paneColumns(s.split('\n'), 'Hub').includes('NHRP: Send Registration Reply'));
      const panes = h.screen();
      expect(paneColumns(panes, 'Spoke1')).not.toContain('Receive Registration Request');
      // The reply reaches Spoke1 a few virtual milliseconds after the Hub prints it; let that happen.
      await new Promise((r) => setTimeout(r, 500));
      h.write('\r');
      await h.waitFor((s) => /10\.1\.1\.254 +RE priority/.test(paneColumns(s.split('\n'), 'Spoke1')), 20_000);
    } finally {
      await h.close();
    }
  });

  it('F11 opens the lab picker; the filter narrows the list and Enter replaces the consoles with the chosen lab', async () => {
    const h = spawnTui(['--lab', 'dmvpn-phase1', '--start', 'underlay'], 160, 48);
    try {
      await h.waitFor((s) => s.includes('Hub>'));
      h.write('enable\r');
      await h.waitFor((s) => s.includes('Hub#'));
      h.write('\x1b[23~');
      // The picker lists the labs' starts and the shipped scenarios (a busy machine may draw it in
      // more than one frame, so wait for both rather than reading the first frame).
      await h.waitFor((s) => s.includes('Switch lab') && s.includes('dmvpn-phase1 --start blank') && s.includes('ticket-tunnel-key (ticket)'));
      h.write('solv');
      await h.waitFor((s) => s.includes('Filter: solv') && !s.includes('dmvpn-phase1 --start blank'));
      expect(h.screen().join('\n')).toContain('dmvpn-phase1 --start solved');
      h.write('\r');
      // A fresh lab: new consoles at their first prompt, the old session's `Hub#` gone, status names it.
      await h.waitFor((s) => s.includes('Hub>') && s.includes('(solved)') && !s.includes('Switch lab'));
      expect(h.screen().join('\n')).not.toContain('Hub#');
      h.write('enable\rshow ip nhrp nhs\r');
      await h.waitFor((s) => s.includes('Legend: E=Expecting replies'));
    } finally {
      expect(await h.close()).toBe(0);
    }
  });

  it('stacks the panes at 80 columns', async () => {
    const h = spawnTui([], 80, 24);
    try {
      await h.waitFor((s) => s.includes('Hub>') && s.includes('Spoke1>') && s.includes('Spoke2>'));
      const s = h.screen();
      const rowOf = (t: string) => s.findIndex((l) => l.includes(t));
      expect(rowOf('Hub')).toBeLessThan(rowOf('Spoke1'));
      expect(rowOf('Spoke1')).toBeLessThan(rowOf('Spoke2'));
      expect(s.length).toBe(24);
    } finally {
      await h.close();
    }
  });

  it('refuses to start without a terminal, pointing to `run`', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['bin/dmvpn-console.js'], { input: '', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/dmvpn-console run/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('plays a scenario live: narration, pause, single step and run to the end (issue 5)', async () => {
    const h = spawnTui(['play', 'playback-dmvpn-phase1'], 160, 48);
    const narration = (s: string) => s.split('\n').find((l) => /^ (Step \d+\/\d+|Finished)/.test(l))?.trim() ?? '';
    try {
      // Step 1 types the hub's configuration at a reading pace, into the Hub pane.
      await h.waitFor((s) => narration(s).startsWith('Step 1/') && narration(s).includes('1. The hub: IKE and IPsec policy'));
      await h.waitFor((s) => paneColumns(s.split('\n'), 'Hub').includes('Hub>en'));
      // F6 pauses playback and time: nothing moves on.
      h.write('\x1b[17~');
      await h.waitFor((s) => s.includes('PAUSED'));
      const paused = h.screen().join('\n');
      await new Promise((r) => setTimeout(r, 600));
      expect(narration(h.screen().join('\n'))).toBe(narration(paused));
      expect(paneColumns(h.screen(), 'Hub')).toBe(paneColumns(paused.split('\n'), 'Hub'));
      // F7 plays the rest of the current step at once, even while paused, and stops at the next one.
      h.write('\x1b[18~');
      await h.waitFor((s) => narration(s).startsWith('Step 2/') && narration(s).includes('2. Spoke1'));
      expect(paneColumns(h.screen(), 'Hub')).toContain('Hub(config-router)#end');
      // Shift-F7 runs every remaining step; the walk-through ends with Spoke1's ping through the hub.
      h.write('\x1b[18;2~');
      await h.waitFor((s) => narration(s).startsWith('Finished'), 30_000);
      await h.waitFor((s) => /Success rate is (80|100) percent/.test(paneColumns(s.split('\n'), 'Spoke1')));
    } finally {
      expect(await h.close()).toBe(0);
    }
  });

  it('graded practice: the task first, grading and hints on keys, and the fix typed by the learner passes (issue 5)', async () => {
    const h = spawnTui(['lab', 'ticket-passive-tunnel', '--speed', '100'], 160, 48);
    let failure: unknown;
    try {
      await h.waitFor((s) => s.includes('Ticket: no EIGRP neighbours on the hub') && s.includes('security hardening change'));
      h.write('\x1b[1;2Q'); // Shift-F2: grade now
      await h.waitFor((s) => s.includes('Grade') && s.includes('FAIL  0/3  Hub has EIGRP neighbour 10.1.1.1: the hub has no adjacency with Spoke1'));
      h.write('\x1b[1;2R'); // Shift-F3: first hint
      await h.waitFor((s) => s.includes('Hint 1 of 1') && s.includes('A passive interface keeps its network advertised'));
      // Typing goes to the Hub console and closes the overlay.
      h.write('enable\rconfigure terminal\rrouter eigrp 1\rno passive-interface Tunnel0\rend\r');
      // Both spokes' adjacencies come back (each on its own hello timing) before grading again.
      // (The pane is too narrow for the neighbour address, so count the lines.)
      await h.waitFor((s) => (paneColumns(s.split('\n'), 'Hub').match(/%DUAL-5-NBRCHANGE/g)?.length ?? 0) >= 2, 30_000);
      h.write('\x1b[1;2Q');
      await h.waitFor((s) => s.includes('Total 10/10: 3 of 3 checks passed'), 30_000);
    } catch (e) {
      failure = e;
    }
    // Graded again on exit: all checks pass, so the exit status is 0.
    const code = await h.close();
    if (failure) throw failure;
    expect(code, h.screen().join('\n')).toBe(0);
  });
});
