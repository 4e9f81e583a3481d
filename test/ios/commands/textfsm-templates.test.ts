/**
 * The TextFSM templates the show tests parse with must read real IOS output correctly, or a passing show
 * test would prove nothing. These samples are typed in the layout routers print (not produced by our
 * renderers), with the records a reader would take from them.
 */
import { describe, expect, it } from 'vitest';
import { TextFsm, parseWithTemplate } from '../../support/textfsm.js';

describe('TextFSM templates on device-format samples', () => {
  it('show ip interface brief, including administratively down', () => {
    const text = [
      'Interface                  IP-Address      OK? Method Status                Protocol',
      'FastEthernet0/0            192.0.2.1       YES NVRAM  up                    up      ',
      'Serial0/0                  unassigned      YES unset  administratively down down    ',
    ].join('\n');
    expect(parseWithTemplate('show_ip_interface_brief', text).map((r) => [r.INTERFACE, r.IP_ADDRESS, r.STATUS, r.PROTO])).toEqual([
      ['FastEthernet0/0', '192.0.2.1', 'up', 'up'],
      ['Serial0/0', 'unassigned', 'administratively down', 'down'],
    ]);
  });

  it('ping with a wrapped response stream and no round-trip line', () => {
    const text = ['Type escape sequence to abort.', 'Sending 5, 100-byte ICMP Echos to 192.0.2.9, timeout is 2 seconds:', '.....', 'Success rate is 0 percent (0/5)'].join('\n');
    expect(parseWithTemplate('ping', text)[0]).toMatchObject({ SENT_QTY: '5', DESTINATION: '192.0.2.9', RESPONSE_STREAM: ['.....'], SUCCESS_PCT: '0', RTT_MIN: '' });
  });

  it('show ip route takes the prefix length from the subnetted heading', () => {
    const text = [
      'Gateway of last resort is not set',
      '',
      '      192.0.2.0/32 is subnetted, 2 subnets',
      'D        192.0.2.1 [90/27008000] via 10.0.0.2, 1d02h, Tunnel0',
      'C        192.0.2.7 is directly connected, Loopback0',
      '      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
      'C        10.0.0.0/24 is directly connected, Tunnel0',
    ].join('\n');
    expect(parseWithTemplate('show_ip_route', text).map((r) => [r.PROTOCOL, r.NETWORK, r.PREFIX_LENGTH, r.METRIC, r.UPTIME, r.NEXTHOP_IF])).toEqual([
      ['D', '192.0.2.1', '32', '27008000', '1d02h', 'Tunnel0'],
      ['C', '192.0.2.7', '32', '', '', 'Loopback0'],
      ['C', '10.0.0.0', '24', '', '', 'Tunnel0'],
    ]);
  });

  it('the interpreter honours Filldown, List, Continue.Record and an explicit EOF state', () => {
    const fsm = new TextFsm(
      ['Value Filldown GROUP (\\w+)', 'Value List ITEMS (\\d+)', 'Value NAME (\\w+)', '', 'Start', '  ^group ${GROUP}', '  ^name -> Continue.Record', '  ^name ${NAME}', '  ^item ${ITEMS}', '', 'EOF', '  ^.* -> Record'].join('\n'),
    );
    const rows = fsm.parseText(['group g1', 'name a', 'item 1', 'item 2', 'name b', 'item 3'].join('\n'));
    // The first `name` records the filled-down group alone (as TextFSM does); `b` is still pending at the
    // end and the explicit EOF state drops it.
    expect(rows).toEqual([
      { GROUP: 'g1', ITEMS: [], NAME: '' },
      { GROUP: 'g1', ITEMS: ['1', '2'], NAME: 'a' },
    ]);
  });
});
