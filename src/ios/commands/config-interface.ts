/**
 * Interface configuration: addressing, state, MTU/MSS, bandwidth/delay, redirects/proxy ARP, and the
 * GRE tunnel commands. Each command changes the model through the ConfigStore; the router reconciles.
 */
import type { Router } from '../../router/router.js';
import type { InterfaceConfig } from '../../config/model.js';
import { type Ipv4, ipv4ToString, maskToPrefix, networkOf, parseIpv4 } from '../../wire/addr.js';
import type { CommandContext, CommandDef } from '../grammar/types.js';
import { setAddressMethod } from './show-interfaces.js';
import { INTERFACE_ORDER, registerInterfaceRenderer } from './render-hooks.js';

const IP = 'Interface Internet Protocol config commands';
const TUNNEL = 'protocol-over-protocol tunneling';
const INVALID = "% Invalid input detected at '^' marker.";

function ifName(ctx: CommandContext<Router>): string {
  return ctx.modeData.interface ?? '';
}

function update(ctx: CommandContext<Router>, fn: (i: InterfaceConfig) => void): void {
  ctx.device.config.updateInterface(ifName(ctx), fn);
}

/** Tunnel commands exist only on tunnel interfaces; elsewhere IOS rejects the word `tunnel`. */
function tunnelOnly(ctx: CommandContext<Router>, fn: (i: InterfaceConfig) => void): void {
  if (!ifName(ctx).startsWith('Tunnel')) {
    ctx.error(INVALID);
    return;
  }
  update(ctx, fn);
}

function checkAddress(ctx: CommandContext<Router>, addr: Ipv4, mask: Ipv4): boolean {
  const len = maskToPrefix(mask);
  const hostBits = (addr & ~mask) >>> 0;
  const broadcast = (addr | ~mask) >>> 0;
  if (len === undefined || (len < 31 && (hostBits === 0 || broadcast === 0xffffffff))) {
    ctx.error(`Bad mask /${len ?? 'x'} for address ${ipv4ToString(addr)}`);
    return false;
  }
  for (const other of ctx.device.interfaceList()) {
    if (other.name === ifName(ctx) || !other.ip) continue;
    const m = Math.min(mask, other.ip.mask) >>> 0;
    if (networkOf(addr, m) === networkOf(other.ip.address, m)) {
      ctx.error(`% ${ipv4ToString(networkOf(addr, mask))} overlaps with ${other.name}`);
      return false;
    }
  }
  return true;
}

export const interfaceConfigCommands: CommandDef<Router>[] = [
  {
    syntax: 'description LINE',
    help: { description: 'Interface specific description', LINE: 'Up to 240 characters describing this interface' },
    modes: ['interface'],
    run: (ctx, a) => update(ctx, (i) => (i.description = a.get('LINE')!.slice(0, 240))),
    no: (ctx) => update(ctx, (i) => delete i.description),
    noMinWords: 1,
  },
  {
    syntax: 'shutdown',
    help: { shutdown: 'Shutdown the selected interface' },
    modes: ['interface'],
    run: (ctx) => update(ctx, (i) => (i.shutdown = true)),
    no: (ctx) => update(ctx, (i) => (i.shutdown = false)),
  },
  {
    syntax: 'ip address A.B.C.D$addr A.B.C.D$mask',
    help: { ip: IP, address: 'Set the IP address of an interface', $addr: 'IP address', $mask: 'IP subnet mask' },
    modes: ['interface'],
    run: (ctx, a) => {
      const addr = parseIpv4(a.get('addr')!)!;
      const mask = parseIpv4(a.get('mask')!)!;
      if (!checkAddress(ctx, addr, mask)) return;
      update(ctx, (i) => (i.ip = { address: addr, mask }));
      setAddressMethod(ctx.device, ifName(ctx), 'manual');
    },
    no: (ctx) => {
      update(ctx, (i) => delete i.ip);
      setAddressMethod(ctx.device, ifName(ctx), 'unset');
    },
    noMinWords: 2,
  },
  {
    syntax: 'ip mtu <68-17916>',
    help: { ip: IP, mtu: 'Set IP Maximum Transmission Unit', '<68-17916>': 'MTU (bytes)' },
    modes: ['interface'],
    run: (ctx, a) => update(ctx, (i) => (i.ipMtu = a.num('<68-17916>'))),
    no: (ctx) => update(ctx, (i) => delete i.ipMtu),
    noMinWords: 2,
  },
  {
    syntax: 'ip tcp adjust-mss <500-1460>',
    help: { ip: IP, tcp: 'TCP header compression and other parameters', 'adjust-mss': 'Adjust the mss of transit packets', '<500-1460>': 'Maximum segment size in bytes' },
    modes: ['interface'],
    run: (ctx, a) => update(ctx, (i) => (i.tcpAdjustMss = a.num('<500-1460>'))),
    no: (ctx) => update(ctx, (i) => delete i.tcpAdjustMss),
    noMinWords: 3,
  },
  {
    syntax: 'ip redirects',
    help: { ip: IP, redirects: 'Enable sending ICMP Redirect messages' },
    modes: ['interface'],
    run: (ctx) => update(ctx, (i) => (i.ipRedirects = true)),
    no: (ctx) => update(ctx, (i) => (i.ipRedirects = false)),
  },
  {
    syntax: 'ip proxy-arp',
    help: { ip: IP, 'proxy-arp': 'Enable proxy ARP' },
    modes: ['interface'],
    run: (ctx) => update(ctx, (i) => (i.ipProxyArp = true)),
    no: (ctx) => update(ctx, (i) => (i.ipProxyArp = false)),
  },
  {
    syntax: 'bandwidth <1-10000000>',
    help: { bandwidth: 'Set bandwidth informational parameter', '<1-10000000>': 'Bandwidth in kilobits' },
    modes: ['interface'],
    run: (ctx, a) => update(ctx, (i) => (i.bandwidth = a.num('<1-10000000>'))),
    no: (ctx) => update(ctx, (i) => delete i.bandwidth),
    noMinWords: 1,
  },
  {
    syntax: 'delay <1-16777215>',
    help: { delay: 'Specify interface throughput delay', '<1-16777215>': 'Throughput delay (tens of microseconds)' },
    modes: ['interface'],
    run: (ctx, a) => update(ctx, (i) => (i.delay = a.num('<1-16777215>'))),
    no: (ctx) => update(ctx, (i) => delete i.delay),
    noMinWords: 1,
  },
  {
    syntax: 'tunnel source (IFNAME$ifname|A.B.C.D$addr)',
    help: { tunnel: TUNNEL, source: 'source of tunnel packets', $ifname: 'Interface', $addr: 'ip address' },
    modes: ['interface'],
    run: (ctx, a) => tunnelOnly(ctx, (i) => (i.tunnel!.source = a.get('ifname') ?? a.get('addr'))),
    no: (ctx) => tunnelOnly(ctx, (i) => delete i.tunnel!.source),
    noMinWords: 2,
  },
  {
    syntax: 'tunnel destination A.B.C.D',
    help: { tunnel: TUNNEL, destination: 'destination of tunnel', 'A.B.C.D': 'ip address or host name' },
    modes: ['interface'],
    run: (ctx, a) => tunnelOnly(ctx, (i) => (i.tunnel!.destination = parseIpv4(a.get('A.B.C.D')!)!)),
    no: (ctx) => tunnelOnly(ctx, (i) => delete i.tunnel!.destination),
    noMinWords: 2,
  },
  {
    syntax: 'tunnel mode gre (ip|multipoint)$kind',
    help: { tunnel: TUNNEL, mode: 'tunnel encapsulation method', gre: 'generic route encapsulation protocol', ip: 'over IP', multipoint: 'over IP (multipoint)' },
    modes: ['interface'],
    run: (ctx, a) => tunnelOnly(ctx, (i) => (i.tunnel!.mode = a.get('kind') === 'multipoint' ? 'gre-multipoint' : 'gre-ip')),
    no: (ctx) => tunnelOnly(ctx, (i) => (i.tunnel!.mode = 'gre-ip')),
    noMinWords: 2,
  },
  {
    syntax: 'tunnel key <0-4294967295>',
    help: { tunnel: TUNNEL, key: 'security or selector key', '<0-4294967295>': 'key' },
    modes: ['interface'],
    run: (ctx, a) => tunnelOnly(ctx, (i) => (i.tunnel!.key = a.num('<0-4294967295>'))),
    no: (ctx) => tunnelOnly(ctx, (i) => delete i.tunnel!.key),
    noMinWords: 2,
  },
];

/** The interface lines this module owns, in IOS order. */
function renderBaseLines(): void {
  registerInterfaceRenderer({ order: INTERFACE_ORDER.description, render: (c) => (c.description ? [` description ${c.description}`] : []) });
  registerInterfaceRenderer({
    order: INTERFACE_ORDER.address,
    render: (c) => (c.ip ? [` ip address ${ipv4ToString(c.ip.address)} ${ipv4ToString(c.ip.mask)}`] : [' no ip address']),
  });
  registerInterfaceRenderer({
    order: INTERFACE_ORDER.redirects,
    render: (c) => [...(c.ipRedirects ? [] : [' no ip redirects']), ...(c.ipProxyArp ? [] : [' no ip proxy-arp'])],
  });
  registerInterfaceRenderer({ order: INTERFACE_ORDER.mtu, render: (c) => (c.ipMtu !== undefined ? [` ip mtu ${c.ipMtu}`] : []) });
  registerInterfaceRenderer({ order: INTERFACE_ORDER.mss, render: (c) => (c.tcpAdjustMss !== undefined ? [` ip tcp adjust-mss ${c.tcpAdjustMss}`] : []) });
  registerInterfaceRenderer({
    order: INTERFACE_ORDER.bandwidth,
    render: (c) => [...(c.bandwidth !== undefined ? [` bandwidth ${c.bandwidth}`] : []), ...(c.delay !== undefined ? [` delay ${c.delay}`] : [])],
  });
  registerInterfaceRenderer({ order: INTERFACE_ORDER.shutdown, render: (c) => (c.shutdown ? [' shutdown'] : []) });
  registerInterfaceRenderer({
    order: INTERFACE_ORDER.tunnel,
    render: (c) => {
      const t = c.tunnel;
      if (!t) return [];
      return [
        ...(t.source ? [` tunnel source ${t.source}`] : []),
        ...(t.destination !== undefined ? [` tunnel destination ${ipv4ToString(t.destination)}`] : []),
        ...(t.mode === 'gre-multipoint' ? [' tunnel mode gre multipoint'] : []),
        ...(t.key !== undefined ? [` tunnel key ${t.key}`] : []),
      ];
    },
  });
}

renderBaseLines();
