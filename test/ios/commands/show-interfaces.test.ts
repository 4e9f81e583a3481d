/**
 * `show ip interface brief`, `show interfaces` and `clear counters` on routers built directly.
 * Goldens are written from real IOS 15.1 IOL output (column widths, trailing spaces) and each
 * rendering is also parsed with the ntc-templates TextFSM template automation tools use.
 */
import { describe, expect, it } from 'vitest';
import type { Router } from '../../../src/router/router.js';
import {
  markConfigFromNvram,
  renderInterfaces,
  renderIpInterface,
  renderIpInterfaceBrief,
  setAddressMethod,
} from '../../../src/ios/commands/show-interfaces.js';
import { parseWithTemplate } from '../../support/textfsm.js';
import { addRouter, addStatic, link, newNet, setAddress, TestConsole, type Net } from './show-helpers.js';

/** Seed 000's Spoke1: E0/0 to the ISP, Loopback0, p2p GRE Tunnel0 to the hub with key 1. */
function spoke(net: Net, release = '15.1(4)M4'): Router {
  const r = addRouter(net, 'Spoke1', release);
  const isp = addRouter(net, 'ISP', release);
  link(net, 'wan1', [r, 'Ethernet0/0'], [isp, 'Ethernet0/0']);
  r.quietly(() => {
    setAddress(r, 'Ethernet0/0', '172.16.1.1', 24);
    setAddress(r, 'Loopback0', '209.165.201.1', 32);
    setAddress(r, 'Tunnel0', '10.1.1.1', 24);
    r.config.updateInterface('Tunnel0', (i) => {
      i.ipMtu = 1400;
      i.tunnel = { mode: 'gre-ip', source: 'Ethernet0/0', destination: (172 << 24) + (16 << 16) + (10 << 8) + 1, key: 1 };
    });
    addStatic(r, '0.0.0.0', 0, '172.16.1.254');
  });
  isp.quietly(() => setAddress(isp, 'Ethernet0/0', '172.16.1.254', 24));
  return r;
}

describe('show ip interface brief', () => {
  it('prints IOS columns, NVRAM for the boot configuration and manual for typed addresses', () => {
    const net = newNet();
    const r = spoke(net);
    markConfigFromNvram(r);
    setAddressMethod(r, 'Loopback0', 'manual');
    expect(renderIpInterfaceBrief(r)).toEqual([
      'Interface                  IP-Address      OK? Method Status                Protocol',
      'Ethernet0/0                172.16.1.1      YES NVRAM  up                    up      ',
      'Ethernet0/1                unassigned      YES NVRAM  administratively down down    ',
      'Ethernet0/2                unassigned      YES NVRAM  administratively down down    ',
      'Ethernet0/3                unassigned      YES NVRAM  administratively down down    ',
      'Loopback0                  209.165.201.1   YES manual up                    up      ',
      'Tunnel0                    10.1.1.1        YES NVRAM  up                    up      ',
    ]);
  });

  it('says unset for interfaces a factory-default router never configured', () => {
    const r = addRouter(newNet(), 'R1');
    expect(renderIpInterfaceBrief(r)[1]).toBe('Ethernet0/0                unassigned      YES unset  administratively down down    ');
  });

  it('parses with the TextFSM template', () => {
    const r = spoke(newNet());
    const rows = parseWithTemplate('show_ip_interface_brief', renderIpInterfaceBrief(r).join('\n'));
    expect(rows.map((x) => [x.INTERFACE, x.IP_ADDRESS, x.STATUS, x.PROTO])).toEqual([
      ['Ethernet0/0', '172.16.1.1', 'up', 'up'],
      ['Ethernet0/1', 'unassigned', 'administratively down', 'down'],
      ['Ethernet0/2', 'unassigned', 'administratively down', 'down'],
      ['Ethernet0/3', 'unassigned', 'administratively down', 'down'],
      ['Loopback0', '209.165.201.1', 'up', 'up'],
      ['Tunnel0', '10.1.1.1', 'up', 'up'],
    ]);
  });
});

describe('show interfaces', () => {
  it('Ethernet: the 15.1 IOL layout with counters from the wire', () => {
    const net = newNet();
    const r = spoke(net);
    const lines = renderInterfaces(r, 'Ethernet0/0')!;
    expect(lines).toEqual([
      'Ethernet0/0 is up, line protocol is up ',
      '  Hardware is AmdP2, address is aabb.cc00.0100 (bia aabb.cc00.0100)',
      '  Internet address is 172.16.1.1/24',
      '  MTU 1500 bytes, BW 10000 Kbit/sec, DLY 1000 usec, ',
      '     reliability 255/255, txload 1/255, rxload 1/255',
      '  Encapsulation ARPA, loopback not set',
      '  Keepalive set (10 sec)',
      '  ARP type: ARPA, ARP Timeout 04:00:00',
      '  Last input never, output never, output hang never',
      '  Last clearing of "show interface" counters never',
      '  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0',
      '  Queueing strategy: fifo',
      '  Output queue: 0/40 (size/max)',
      '  5 minute input rate 0 bits/sec, 0 packets/sec',
      '  5 minute output rate 0 bits/sec, 0 packets/sec',
      '     0 packets input, 0 bytes, 0 no buffer',
      '     Received 0 broadcasts (0 IP multicasts)',
      '     0 runts, 0 giants, 0 throttles ',
      '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored',
      '     0 input packets with dribble condition detected',
      '     0 packets output, 0 bytes, 0 underruns',
      '     0 output errors, 0 collisions, 1 interface resets',
      '     0 unknown protocol drops',
      '     0 babbles, 0 late collision, 0 deferred',
      '     0 lost carrier, 0 no carrier',
      '     0 output buffer failures, 0 output buffers swapped out',
    ]);
  });

  it('Tunnel: point-to-point GRE with a key, as on seed 000 Spoke1', () => {
    const r = spoke(newNet());
    const lines = renderInterfaces(r, 'Tunnel0')!;
    expect(lines.slice(0, 18)).toEqual([
      'Tunnel0 is up, line protocol is up ',
      '  Hardware is Tunnel',
      '  Internet address is 10.1.1.1/24',
      '  MTU 17912 bytes, BW 100 Kbit/sec, DLY 50000 usec, ',
      '     reliability 255/255, txload 1/255, rxload 1/255',
      '  Encapsulation TUNNEL, loopback not set',
      '  Keepalive not set',
      '  Tunnel source 172.16.1.1 (Ethernet0/0), destination 172.16.10.1',
      '  Tunnel protocol/transport GRE/IP',
      '    Key 0x1, sequencing disabled',
      '    Checksumming of packets disabled',
      '  Tunnel TTL 255, Fast tunneling enabled',
      '  Tunnel transport MTU 1472 bytes',
      '  Tunnel transmit bandwidth 8000 (kbps)',
      '  Tunnel receive bandwidth 8000 (kbps)',
      '  Last input never, output never, output hang never',
      '  Last clearing of "show interface" counters never',
      '  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0',
    ]);
    expect(lines.slice(18)).toEqual([
      '  Queueing strategy: fifo',
      '  Output queue: 0/0 (size/max)',
      '  5 minute input rate 0 bits/sec, 0 packets/sec',
      '  5 minute output rate 0 bits/sec, 0 packets/sec',
      '     0 packets input, 0 bytes, 0 no buffer',
      '     Received 0 broadcasts (0 IP multicasts)',
      '     0 runts, 0 giants, 0 throttles ',
      '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
      '     0 packets output, 0 bytes, 0 underruns',
      '     0 output errors, 0 collisions, 0 interface resets',
      '     0 unknown protocol drops',
      '     0 output buffer failures, 0 output buffers swapped out',
    ]);
  });

  it('Tunnel: multipoint GRE shows no destination and multi-GRE/IP', () => {
    const net = newNet();
    const hub = addRouter(net, 'Hub');
    hub.quietly(() => {
      setAddress(hub, 'Ethernet0/0', '172.16.10.1', 24);
      setAddress(hub, 'Tunnel0', '10.1.1.254', 24);
      hub.config.updateInterface('Tunnel0', (i) => {
        i.tunnel = { mode: 'gre-multipoint', source: 'Ethernet0/0', key: 100000, protection: { profile: 'DMVPN-IPSEC', shared: false } };
      });
    });
    const lines = renderInterfaces(hub, 'Tunnel0')!;
    expect(lines.slice(7, 16)).toEqual([
      '  Tunnel source 172.16.10.1 (Ethernet0/0)',
      '  Tunnel protocol/transport multi-GRE/IP',
      '    Key 0x186A0, sequencing disabled',
      '    Checksumming of packets disabled',
      '  Tunnel TTL 255, Fast tunneling enabled',
      '  Tunnel transport MTU 1472 bytes',
      '  Tunnel transmit bandwidth 8000 (kbps)',
      '  Tunnel receive bandwidth 8000 (kbps)',
      '  Tunnel protection via IPSec (profile "DMVPN-IPSEC")',
    ]);
  });

  it('Loopback layout', () => {
    const r = spoke(newNet());
    expect(renderInterfaces(r, 'Loopback0')!.slice(0, 8)).toEqual([
      'Loopback0 is up, line protocol is up ',
      '  Hardware is Loopback',
      '  Internet address is 209.165.201.1/32',
      '  MTU 1514 bytes, BW 8000000 Kbit/sec, DLY 5000 usec, ',
      '     reliability 255/255, txload 1/255, rxload 1/255',
      '  Encapsulation LOOPBACK, loopback not set',
      '  Keepalive set (10 sec)',
      '  Last input never, output never, output hang never',
    ]);
  });

  it('every interface parses with the TextFSM template, field by field', () => {
    const r = spoke(newNet());
    const rows = parseWithTemplate('show_interfaces', renderInterfaces(r)!.join('\n'));
    expect(rows.map((x) => x.INTERFACE)).toEqual(['Ethernet0/0', 'Ethernet0/1', 'Ethernet0/2', 'Ethernet0/3', 'Loopback0', 'Tunnel0']);
    const e0 = rows[0]!;
    expect([e0.LINK_STATUS, e0.PROTOCOL_STATUS, e0.HARDWARE_TYPE, e0.MAC_ADDRESS, e0.BIA]).toEqual(['up', 'up', 'AmdP2', 'aabb.cc00.0100', 'aabb.cc00.0100']);
    expect([e0.IP_ADDRESS, e0.PREFIX_LENGTH, e0.MTU, e0.BANDWIDTH, e0.DELAY, e0.ENCAPSULATION]).toEqual(['172.16.1.1', '24', '1500', '10000 Kbit', '1000 usec', 'ARPA']);
    expect([e0.QUEUE_STRATEGY, e0.INPUT_RATE, e0.OUTPUT_PACKETS, e0.OUTPUT_ERRORS, e0.LAST_INPUT]).toEqual(['fifo', '0', '0', '0', 'never']);
    expect([e0.QUEUE_SIZE, e0.QUEUE_MAX, e0.QUEUE_DROPS, e0.QUEUE_FLUSHES, e0.QUEUE_OUTPUT_DROPS]).toEqual(['0', '75', '0', '0', '0']);
    expect(rows[1]!.LINK_STATUS).toBe('administratively down');
    const tu = rows[5]!;
    expect([tu.HARDWARE_TYPE, tu.MTU, tu.BANDWIDTH, tu.DELAY, tu.ENCAPSULATION]).toEqual(['Tunnel', '17912', '100 Kbit', '50000 usec', 'TUNNEL']);
  });

  it('12.2 wording for the crypto-map lab', () => {
    const net = newNet();
    const r = addRouter(net, 'Spoke1', '12.2(24a)', ['Ethernet0', 'Ethernet1']);
    r.quietly(() => setAddress(r, 'Ethernet0', '172.16.1.1', 24));
    const lines = renderInterfaces(r, 'Ethernet0')!;
    expect(lines[3]).toBe('  MTU 1500 bytes, BW 10000 Kbit, DLY 1000 usec, ');
    expect(lines[12]).toBe('  Output queue :0/40 (size/max)');
    expect(lines[16]).toBe('     Received 0 broadcasts, 0 runts, 0 giants, 0 throttles');
    expect(lines).not.toContain('     0 unknown protocol drops');
    expect(parseWithTemplate('show_interfaces', lines.join('\n'))[0]!.BANDWIDTH).toBe('10000 Kbit');
  });

  it('counts frames on the wire, and clear counters zeroes them after [confirm]', () => {
    const net = newNet();
    const r = spoke(net);
    const con = new TestConsole(r);
    con.type('ping 172.16.1.254');
    net.sched.runFor(20_000);
    const before = renderInterfaces(r, 'Ethernet0/0')!;
    expect(before[15]).toMatch(/^ {5}[1-9]\d* packets input, [1-9]\d* bytes, 0 no buffer$/);
    expect(before[8]).toBe('  Last input 00:00:00, output 00:00:00, output hang never');
    con.take();
    expect(con.type('clear counters')).toBe('ok');
    expect(con.prompt).toBe('Clear "show interface" counters on all interfaces [confirm]');
    con.answer('');
    net.sched.runFor(5000);
    const after = renderInterfaces(r, 'Ethernet0/0')!;
    expect(after[9]).toBe('  Last clearing of "show interface" counters 00:00:05');
    expect(after[15]).toBe('     0 packets input, 0 bytes, 0 no buffer');
    expect(r.log.buffer.at(-1)).toMatch(/%CLEAR-5-COUNTERS: Clear counter on all interfaces by console$/);
  });

  it('a non-existent interface is refused', () => {
    const r = spoke(newNet());
    const con = new TestConsole(r);
    con.type('show interfaces Tunnel9');
    expect(con.take()).toEqual(["% Invalid input detected at '^' marker."]);
    con.type('sh ip int br');
    expect(con.take()[0]).toBe('Interface                  IP-Address      OK? Method Status                Protocol');
  });
});

describe('show ip interface', () => {
  it('prints the per-interface IP settings and parses with the TextFSM template', () => {
    const r = spoke(newNet());
    markConfigFromNvram(r);
    r.config.model.eigrp.set(1, { as: 1, networks: [{ address: (10 << 24) + (1 << 16) + (1 << 8), wildcard: 255 }], autoSummary: false, passiveInterfaces: [] });
    r.config.updateInterface('Tunnel0', (i) => (i.ipRedirects = false));
    const tu = renderIpInterface(r, r.iface('Tunnel0')!);
    expect(tu.slice(0, 8)).toEqual([
      'Tunnel0 is up, line protocol is up',
      '  Internet address is 10.1.1.1/24',
      '  Broadcast address is 255.255.255.255',
      '  Address determined by non-volatile memory',
      '  MTU is 1400 bytes',
      '  Helper address is not set',
      '  Directed broadcast forwarding is disabled',
      '  Multicast reserved groups joined: 224.0.0.10',
    ]);
    expect(tu).toContain('  ICMP redirects are never sent');
    const all = r.interfaceList().flatMap((i) => renderIpInterface(r, i));
    expect(renderIpInterface(r, r.iface('Ethernet0/1')!)).toEqual([
      'Ethernet0/1 is administratively down, line protocol is down',
      '  Internet protocol processing disabled',
    ]);
    const rows = parseWithTemplate('show_ip_interface', all.join('\n'));
    expect(rows.map((x) => [x.INTERFACE, x.IP_ADDRESS, x.PREFIX_LENGTH, x.MTU])).toEqual([
      ['Ethernet0/0', ['172.16.1.1'], ['24'], '1500'],
      ['Ethernet0/1', [], [], ''],
      ['Ethernet0/2', [], [], ''],
      ['Ethernet0/3', [], [], ''],
      ['Loopback0', ['209.165.201.1'], ['32'], '1514'],
      ['Tunnel0', ['10.1.1.1'], ['24'], '1400'],
    ]);
    setAddressMethod(r, 'Loopback0', 'manual');
    expect(renderIpInterface(r, r.iface('Loopback0')!)[3]).toBe('  Address determined by setup command');
  });
});
