import { describe, expect, it } from 'vitest';
import { RouterLogger } from '../../src/router/logger.js';

describe('router logging buffer', () => {
  it('keeps debug output as IOS buffers at level debugging, and counts every message logged', () => {
    let now = 0;
    const log = new RouterLogger(() => now);
    log.registerDebugFlags([{ id: 'nhrp.packet', group: 'NHRP', line: 'NHRP activity debugging is on' }]);
    log.setDebug('nhrp.packet', true);
    log.syslog('LINEPROTO-5-UPDOWN', 'Line protocol on Interface Tunnel0, changed state to up');
    now = 1500;
    log.debug('nhrp.packet', 'NHRP: Send Registration Request via Tunnel0 vrf 0, packet size: 108');
    expect(log.buffer).toEqual([
      '*Mar  1 00:00:00.000: %LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to up',
      '*Mar  1 00:00:01.500: NHRP: Send Registration Request via Tunnel0 vrf 0, packet size: 108',
    ]);
    expect(log.messagesLogged).toBe(2);
    expect(log.trapMessagesLogged).toBe(1);
  });

  it('stays bounded under a debug flood while the count keeps growing', () => {
    const log = new RouterLogger(() => 0);
    log.registerDebugFlags([{ id: 'x', group: 'X', line: 'X debugging is on' }]);
    log.setDebug('x', true);
    for (let i = 0; i < 100_000; i++) log.debug('x', `line ${i}`);
    expect(log.buffer.length).toBeLessThanOrEqual(1024);
    expect(log.buffer[log.buffer.length - 1]).toContain('line 99999');
    expect(log.messagesLogged).toBe(100_000);
  });
});
