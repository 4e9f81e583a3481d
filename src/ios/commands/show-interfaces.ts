/**
 * `show ip interface brief`, `show interfaces [IFNAME]` and `clear counters`: pure renderers from
 * router state to the lines IOS prints, and the command definitions that print them.
 *
 * Layouts follow IOS 15.1 classic IOS (IOL Ethernet "AmdP2" ports, Loopback, GRE/mGRE Tunnel) and,
 * where the routing lab runs 12.2, the 12.2 wording (`BW 10000 Kbit,`, `Output queue :0/40`, the
 * one-line GRE key/checksum layout). Release differences are in `styleFor`.
 */
import type { Router } from '../../router/router.js';
import type { RouterInterface } from '../../router/interface.js';
import { ipv4ToString, maskToPrefix, macToIos } from '../../wire/addr.js';
import { iosDuration } from '../../router/timestamp.js';
import type { CommandDef } from '../grammar/types.js';
import { printLines } from './print-lines.js';

// ---- how each interface's address was configured (the Method column) ----------------------------

export type AddressMethod = 'unset' | 'NVRAM' | 'manual';
const methods = new WeakMap<Router, Map<string, AddressMethod>>();

/**
 * Record how an interface's address was last set: the `ip address` / `no ip address` commands call
 * this with 'manual' (IOS shows `manual` for anything typed, even `no ip address`).
 */
export function setAddressMethod(router: Router, iface: string, method: AddressMethod): void {
  let m = methods.get(router);
  if (!m) methods.set(router, (m = new Map()));
  m.set(iface, method);
}

/**
 * The router has just "booted" with its start configuration: every interface that exists now was
 * read from NVRAM, so `show ip interface brief` says `NVRAM` for it, with or without an address.
 */
export function markConfigFromNvram(router: Router): void {
  for (const i of router.interfaceList()) setAddressMethod(router, i.name, 'NVRAM');
}

export function addressMethod(router: Router, iface: RouterInterface): AddressMethod {
  const recorded = methods.get(router)?.get(iface.name);
  if (recorded) return recorded;
  // Nothing recorded: an address can only have come with the configuration the router booted with.
  return iface.ip ? 'NVRAM' : 'unset';
}

// ---- counters clearing --------------------------------------------------------------------------

const clearedAt = new WeakMap<Router, Map<string, number>>();

/** `clear counters [IFNAME]`: zero the counters and remember when, for "Last clearing of …". */
export function clearCounters(router: Router, ifName?: string): void {
  let m = clearedAt.get(router);
  if (!m) clearedAt.set(router, (m = new Map()));
  for (const i of router.interfaceList()) {
    if (ifName !== undefined && i.name !== ifName) continue;
    const c = i.counters;
    c.packetsIn = c.bytesIn = c.packetsOut = c.bytesOut = 0;
    c.inputDrops = c.outputDrops = c.broadcastsIn = c.multicastsIn = 0;
    m.set(i.name, router.sched.now());
  }
}

// ---- release differences --------------------------------------------------------------------------

interface Style {
  /** `Kbit/sec` (12.3 and later) or `Kbit` (12.2). */
  bwUnit: string;
  /** `Output queue: 0/40` (12.3+) or `Output queue :0/40` (12.2). */
  outputQueue: string;
  /** 12.2 prints broadcasts and runts on one line. */
  receivedLine: (bcast: number, mcast: number) => string[];
  /** Key/checksum/fast-tunnel lines of a GRE tunnel. */
  greLines: (i: RouterInterface, protocol: string) => string[];
}

function styleFor(router: Router): Style {
  const key = (i: RouterInterface) => i.config.tunnel?.key;
  if (router.platform.train < 12.3) {
    return {
      bwUnit: 'Kbit',
      outputQueue: 'Output queue :',
      receivedLine: (b) => [`     Received ${b} broadcasts, 0 runts, 0 giants, 0 throttles`],
      greLines: (i, protocol) => [
        `  Tunnel protocol/transport ${protocol}, ${keyText(key(i), 'key')}, sequencing disabled`,
        '  Checksumming of packets disabled,  fast tunneling enabled',
      ],
    };
  }
  return {
    bwUnit: 'Kbit/sec',
    outputQueue: 'Output queue: ',
    receivedLine: (b, m) => [`     Received ${b} broadcasts (${m} IP multicasts)`, '     0 runts, 0 giants, 0 throttles '],
    greLines: (i, protocol) => [
      `  Tunnel protocol/transport ${protocol}`,
      `    ${keyText(key(i), 'Key')}, sequencing disabled`,
      '    Checksumming of packets disabled',
      '  Tunnel TTL 255, Fast tunneling enabled',
      `  Tunnel transport MTU ${i.tunnelTransportMtu} bytes`,
      '  Tunnel transmit bandwidth 8000 (kbps)',
      '  Tunnel receive bandwidth 8000 (kbps)',
    ],
  };
}

function keyText(key: number | undefined, word: string): string {
  return key === undefined ? `${word} disabled` : `${word} 0x${key.toString(16).toUpperCase()}`;
}

// ---- show ip interface brief ----------------------------------------------------------------------

export function adminStatus(i: RouterInterface): string {
  if (!i.adminUp) return 'administratively down';
  return i.linkUp ? 'up' : 'down';
}

export function renderIpInterfaceBrief(router: Router): string[] {
  const lines = ['Interface                  IP-Address      OK? Method Status                Protocol'];
  for (const i of router.interfaceList()) {
    const addr = i.ip ? ipv4ToString(i.ip.address) : 'unassigned';
    lines.push(
      col(i.name, 27) + col(addr, 16) + 'YES ' + col(addressMethod(router, i), 7) + col(adminStatus(i), 22) + (i.lineUp ? 'up' : 'down').padEnd(8),
    );
  }
  return lines;
}

/** Left-justify in `width`, keeping one space when the text fills the column (IOS never glues columns). */
function col(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

// ---- show interfaces --------------------------------------------------------------------------------

/** Optional activity times the router layer may keep on the counters (virtual ms). */
interface ActivityTimes {
  lastInputAt?: number;
  lastOutputAt?: number;
}

function lastActivity(router: Router, at: number | undefined, packets: number): string {
  if (at !== undefined) return iosDuration(router.sched.now() - at);
  // Without a recorded time, traffic seen means "recently"; none means never.
  return packets > 0 ? '00:00:00' : 'never';
}

export function renderInterface(router: Router, i: RouterInterface): string[] {
  const st = styleFor(router);
  const c = i.counters;
  const times = c as unknown as ActivityTimes;
  const lines = [`${i.name} is ${adminStatus(i)}, line protocol is ${i.lineUp ? 'up' : 'down'} `];
  if (i.kind === 'ethernet' && i.mac) {
    const mac = macToIos(i.mac);
    lines.push(`  Hardware is ${i.hardwareType}, address is ${mac} (bia ${mac})`);
  } else {
    lines.push(`  Hardware is ${i.hardwareType}`);
  }
  if (i.config.description !== undefined) lines.push(`  Description: ${i.config.description}`);
  if (i.ip) lines.push(`  Internet address is ${ipv4ToString(i.ip.address)}/${maskToPrefix(i.ip.mask) ?? 0}`);
  lines.push(`  MTU ${i.mtu} bytes, BW ${i.bandwidthKbps} ${st.bwUnit}, DLY ${i.delayUsec} usec, `);
  lines.push('     reliability 255/255, txload 1/255, rxload 1/255');
  if (i.kind === 'ethernet') {
    lines.push('  Encapsulation ARPA, loopback not set', '  Keepalive set (10 sec)', '  ARP type: ARPA, ARP Timeout 04:00:00');
  } else if (i.kind === 'loopback') {
    lines.push('  Encapsulation LOOPBACK, loopback not set', '  Keepalive set (10 sec)');
  } else {
    lines.push('  Encapsulation TUNNEL, loopback not set', '  Keepalive not set', ...tunnelLines(router, i, st));
  }
  const cleared = clearedAt.get(router)?.get(i.name);
  lines.push(
    `  Last input ${lastActivity(router, times.lastInputAt, c.packetsIn)}, output ${lastActivity(router, times.lastOutputAt, c.packetsOut)}, output hang never`,
    `  Last clearing of "show interface" counters ${cleared === undefined ? 'never' : iosDuration(router.sched.now() - cleared)}`,
    `  Input queue: 0/75/${c.inputDrops}/0 (size/max/drops/flushes); Total output drops: ${c.outputDrops}`,
    '  Queueing strategy: fifo',
    `  ${st.outputQueue}${i.kind === 'ethernet' ? '0/40' : '0/0'} (size/max)`,
    // Rates need a load-interval average the router layer does not keep yet; lab traffic rounds to 0.
    '  5 minute input rate 0 bits/sec, 0 packets/sec',
    '  5 minute output rate 0 bits/sec, 0 packets/sec',
    `     ${c.packetsIn} packets input, ${c.bytesIn} bytes, 0 no buffer`,
    ...st.receivedLine(c.broadcastsIn, c.multicastsIn),
  );
  if (i.kind === 'ethernet') {
    lines.push('     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored', '     0 input packets with dribble condition detected');
  } else {
    lines.push('     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort');
  }
  lines.push(`     ${c.packetsOut} packets output, ${c.bytesOut} bytes, 0 underruns`);
  // An Ethernet port is reset once when it is brought up.
  lines.push(`     0 output errors, 0 collisions, ${i.kind === 'ethernet' && i.linkUp ? 1 : 0} interface resets`);
  if (router.platform.train >= 12.3) lines.push('     0 unknown protocol drops');
  if (i.kind === 'ethernet') lines.push('     0 babbles, 0 late collision, 0 deferred', '     0 lost carrier, 0 no carrier');
  lines.push('     0 output buffer failures, 0 output buffers swapped out');
  return lines;
}

function tunnelLines(router: Router, i: RouterInterface, st: Style): string[] {
  const t = i.config.tunnel;
  const lines: string[] = [];
  const src = t?.source;
  // `tunnel source Ethernet0/0` shows the address and the interface; `tunnel source A.B.C.D` the address.
  const srcIface = src !== undefined ? router.iface(src) : undefined;
  let srcText = i.tunnelSourceIp !== undefined ? ipv4ToString(i.tunnelSourceIp) : '0.0.0.0';
  if (srcIface) srcText += ` (${srcIface.name})`;
  else if (src !== undefined && i.tunnelSourceIp === undefined) srcText = src;
  if (i.multipoint) lines.push(`  Tunnel source ${srcText}`);
  else lines.push(`  Tunnel source ${srcText}, destination ${i.tunnelDestination !== undefined ? ipv4ToString(i.tunnelDestination) : '0.0.0.0'}`);
  lines.push(...st.greLines(i, i.multipoint ? 'multi-GRE/IP' : 'GRE/IP'));
  const prot = t?.protection;
  if (prot) lines.push(`  Tunnel protection via IPSec (profile "${prot.profile}"${prot.shared ? ' shared' : ''})`);
  return lines;
}

/** `show interfaces` (all, in `show ip interface brief` order) or `show interfaces X`. */
export function renderInterfaces(router: Router, ifName?: string): string[] | undefined {
  if (ifName !== undefined) {
    const i = router.iface(ifName);
    return i ? renderInterface(router, i) : undefined;
  }
  return router.interfaceList().flatMap((i) => renderInterface(router, i));
}

// ---- show ip interface ------------------------------------------------------------------------------

/** Whether an EIGRP process runs on the interface (its `network` statements cover the address). */
function eigrpRunsOn(router: Router, i: RouterInterface): boolean {
  const addr = i.ip?.address;
  if (addr === undefined) return false;
  for (const cfg of router.config.model.eigrp.values()) {
    for (const n of cfg.networks) {
      const first = n.address >>> 24;
      const classful = first < 128 ? 0x00ffffff : first < 192 ? 0x0000ffff : 0x000000ff;
      const wildcard = n.wildcard ?? classful;
      if (((addr ^ n.address) & ~wildcard) >>> 0 === 0) return true;
    }
  }
  return false;
}

export function renderIpInterface(router: Router, i: RouterInterface): string[] {
  const head = `${i.name} is ${adminStatus(i)}, line protocol is ${i.lineUp ? 'up' : 'down'}`;
  if (!i.ip) return [head, '  Internet protocol processing disabled'];
  const method = addressMethod(router, i) === 'manual' ? 'setup command' : 'non-volatile memory';
  const cfg = i.config;
  return [
    head,
    `  Internet address is ${ipv4ToString(i.ip.address)}/${maskToPrefix(i.ip.mask) ?? 0}`,
    '  Broadcast address is 255.255.255.255',
    `  Address determined by ${method}`,
    `  MTU is ${i.ipMtu} bytes`,
    '  Helper address is not set',
    '  Directed broadcast forwarding is disabled',
    ...(eigrpRunsOn(router, i) ? ['  Multicast reserved groups joined: 224.0.0.10'] : []),
    '  Outgoing access list is not set',
    '  Inbound  access list is not set',
    `  Proxy ARP is ${cfg.ipProxyArp ? 'enabled' : 'disabled'}`,
    '  Local Proxy ARP is disabled',
    '  Security level is default',
    '  Split horizon is enabled',
    `  ICMP redirects are ${cfg.ipRedirects ? 'always' : 'never'} sent`,
    '  ICMP unreachables are always sent',
    '  ICMP mask replies are never sent',
    '  IP fast switching is enabled',
    '  IP fast switching on the same interface is disabled',
    '  IP Flow switching is disabled',
    '  IP CEF switching is enabled',
    '  IP CEF switching turbo vector',
    '  IP multicast fast switching is enabled',
    '  IP multicast distributed fast switching is disabled',
    '  IP route-cache flags are Fast, CEF',
    '  Router Discovery is disabled',
    '  IP output packet accounting is disabled',
    '  IP access violation accounting is disabled',
    '  TCP/IP header compression is disabled',
    '  RTP/IP header compression is disabled',
    '  Policy routing is disabled',
    '  Network address translation is disabled',
    '  BGP Policy Mapping is disabled',
    '  Input features: MCI Check',
    '  IPv4 WCCP Redirect outbound is disabled',
    '  IPv4 WCCP Redirect inbound is disabled',
    '  IPv4 WCCP Redirect exclude is disabled',
  ];
}

// ---- command definitions ---------------------------------------------------------------------------

const SHOW_HELP = { show: 'Show running system information' };

export const showInterfaceCommands: CommandDef<Router>[] = [
  {
    syntax: 'show ip interface brief',
    help: {
      ...SHOW_HELP,
      ip: 'IP information',
      interface: 'IP interface status and configuration',
      brief: 'Brief summary of IP status and configuration',
    },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx) => printLines((t) => ctx.print(t), renderIpInterfaceBrief(ctx.device)),
  },
  {
    syntax: 'show ip interface [IFNAME$ifname]',
    help: { ...SHOW_HELP, ip: 'IP information', interface: 'IP interface status and configuration' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx, args) => {
      const router = ctx.device;
      const name = args.get('ifname');
      const list = name === undefined ? router.interfaceList() : [router.iface(name)].filter((x) => x !== undefined);
      if (list.length === 0) ctx.error("% Invalid input detected at '^' marker.");
      else printLines((t) => ctx.print(t), list.flatMap((i) => renderIpInterface(router, i)));
    },
  },
  {
    syntax: 'show interfaces [IFNAME$ifname]',
    help: { ...SHOW_HELP, interfaces: 'Interface status and configuration' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx, args) => {
      const lines = renderInterfaces(ctx.device, args.get('ifname'));
      // IOS only accepts interfaces that exist here.
      if (!lines) ctx.error("% Invalid input detected at '^' marker.");
      else printLines((t) => ctx.print(t), lines);
    },
  },
  {
    syntax: 'clear counters [IFNAME$ifname]',
    help: { clear: 'Reset functions', counters: 'Clear counters on one or all interfaces' },
    modes: ['priv-exec'],
    run: (ctx, args) => {
      const router = ctx.device;
      const ifName = args.get('ifname');
      if (ifName !== undefined && !router.iface(ifName)) {
        ctx.error("% Invalid input detected at '^' marker.");
        return;
      }
      const job = ctx.beginAsync();
      job.onBreak(() => job.done());
      const where = ifName === undefined ? 'all interfaces' : 'this interface';
      job.ask(`Clear "show interface" counters on ${where} [confirm]`, (answer) => {
        // [confirm] takes Enter or "y"; anything else cancels.
        const a = answer.trim().toLowerCase();
        if (a === '' || a === 'y' || a === 'yes') {
          clearCounters(router, ifName);
          router.log.syslog('CLEAR-5-COUNTERS', `Clear counter on ${ifName === undefined ? 'all interfaces' : `interface ${ifName}`} by console`);
        }
        job.done();
      });
    },
  },
];
