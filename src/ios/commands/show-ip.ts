/**
 * `show ip route [connected|static|eigrp|A.B.C.D]` and `show ip arp`: renderers from the RIB and the
 * ARP cache to IOS's text, and their command definitions.
 *
 * The routing table groups routes by classful major network the way IOS does: a network with subnets
 * gets a header (`is subnetted` when all its subnets share one mask, `is variably subnetted` with the
 * masks otherwise) and its routes are indented; supernets (the default route) and classful networks
 * without subnets stand alone. Everything that differs between 12.2 and 15.x (legend, indentation,
 * local routes, whether filtered forms print the legend) is in `routeStyleFor`.
 */
import type { Router } from '../../router/router.js';
import type { RibRoute } from '../../router/rib.js';
import { type Ipv4, ipv4ToString, maskToPrefix, macToIos, networkOf, parseIpv4, prefixToMask } from '../../wire/addr.js';
import { iosDuration } from '../../router/timestamp.js';
import type { CommandDef } from '../grammar/types.js';
import { printLines } from './print-lines.js';

// ---- release differences --------------------------------------------------------------------------

interface RouteStyle {
  legend: string[];
  /** Width of the code column for standalone routes and for routes under a header. */
  topCode: number;
  subCode: number;
  /** Indentation of a `… is subnetted` header. */
  headerIndent: string;
  /** Whether `show ip route connected|static|eigrp` prints the legend and gateway lines too. */
  legendOnFiltered: boolean;
  /** 12.x lists the default route after every other network. */
  defaultLast: boolean;
}

const LEGEND_15 = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2',
  '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  '       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP',
  '       + - replicated route, % - next hop override',
];

// 12.2 mainline still lists IGRP and EGP (both were removed in 12.3).
const LEGEND_122 = [
  'Codes: C - connected, S - static, I - IGRP, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2, E - EGP',
  '       i - IS-IS, L1 - IS-IS level-1, L2 - IS-IS level-2, ia - IS-IS inter area',
  '       * - candidate default, U - per-user static route, o - ODR',
  '       P - periodic downloaded static route',
];

export function routeStyleFor(router: Router): RouteStyle {
  if (router.platform.train >= 15) {
    return { legend: LEGEND_15, topCode: 6, subCode: 9, headerIndent: '      ', legendOnFiltered: true, defaultLast: false };
  }
  return { legend: LEGEND_122, topCode: 5, subCode: 8, headerIndent: '     ', legendOnFiltered: false, defaultLast: true };
}

// ---- show ip route ---------------------------------------------------------------------------------

export type RouteFilter = 'connected' | 'static' | 'eigrp';

const FILTER_CODES: Record<RouteFilter, (code: string) => boolean> = {
  connected: (c) => c === 'C' || c === 'L',
  static: (c) => c === 'S' || c === 'S*',
  eigrp: (c) => c === 'D' || c === 'D EX',
};

/** Classful prefix length of an address (A /8, B /16, C /24; D and E have no subnets). */
export function classfulLength(addr: Ipv4): number {
  const first = addr >>> 24;
  if (first < 128) return 8;
  if (first < 192) return 16;
  if (first < 224) return 24;
  return 32;
}

function prefixLen(r: RibRoute): number {
  return maskToPrefix(r.mask) ?? 32;
}

function isDefault(r: RibRoute): boolean {
  return r.prefix === 0 && r.mask === 0;
}

export function gatewayLine(routes: RibRoute[]): string {
  const def = routes.find(isDefault);
  if (!def) return 'Gateway of last resort is not set';
  const nh = def.paths[0]?.nextHop;
  return `Gateway of last resort is ${nh !== undefined ? ipv4ToString(nh) : '0.0.0.0'} to network 0.0.0.0`;
}

/** The text after the destination: `is directly connected, X` or `[d/m] via N[, age][, X]`. */
function routeBodies(router: Router, r: RibRoute): string[] {
  const dynamic = r.owner !== 'connected' && r.owner !== 'static';
  return r.paths.map((p) => {
    if (p.nextHop === undefined) return `is directly connected, ${p.iface ?? 'Null0'}`;
    let text = `[${r.distance}/${r.metric}] via ${ipv4ToString(p.nextHop)}`;
    if (dynamic) text += `, ${iosDuration(router.sched.now() - r.since)}`;
    if (p.iface !== undefined) text += `, ${p.iface}`;
    return text;
  });
}

function routeLines(router: Router, r: RibRoute, codeWidth: number, withMask: boolean): string[] {
  const dest = ipv4ToString(r.prefix) + (withMask ? `/${prefixLen(r)}` : '');
  const head = `${r.code.padEnd(codeWidth)}${dest} `;
  const bodies = routeBodies(router, r);
  // Further paths of a load-shared route line up under the first path's `[`.
  return bodies.map((b, n) => (n === 0 ? head + b : ' '.repeat(head.length) + b));
}

interface Block {
  /** Sort key: the standalone prefix or the major network. */
  key: Ipv4;
  len: number;
  render: () => string[];
}

/** The route lines (without legend) for the routes passing `filter`, grouped as IOS groups them. */
export function renderRouteEntries(router: Router, all: RibRoute[], filter?: RouteFilter): string[] {
  const st = routeStyleFor(router);
  const shown = (r: RibRoute) => !filter || FILTER_CODES[filter](r.code);
  const groups = new Map<Ipv4, RibRoute[]>();
  const blocks: Block[] = [];
  for (const r of all) {
    const cl = classfulLength(r.prefix);
    if (prefixLen(r) < cl) {
      if (shown(r)) blocks.push({ key: r.prefix, len: prefixLen(r), render: () => routeLines(router, r, st.topCode, true) });
      continue;
    }
    const major = networkOf(r.prefix, prefixToMask(cl));
    const g = groups.get(major);
    if (g) g.push(r);
    else groups.set(major, [r]);
  }
  for (const [major, members] of groups) {
    const visible = members.filter(shown);
    if (visible.length === 0) continue;
    const cl = classfulLength(major);
    const only = members[0]!;
    if (members.length === 1 && prefixLen(only) === cl) {
      blocks.push({ key: major, len: cl, render: () => routeLines(router, only, st.topCode, true) });
      continue;
    }
    // The header describes the whole major network, whatever the filter shows of it.
    const masks = new Set(members.map(prefixLen));
    blocks.push({
      key: major,
      len: cl,
      render: () => {
        const header =
          masks.size === 1
            ? `${st.headerIndent}${ipv4ToString(major)}/${[...masks][0]} is subnetted, ${members.length} subnets`
            : `${st.headerIndent}${ipv4ToString(major)}/${cl} is variably subnetted, ${members.length} subnets, ${masks.size} masks`;
        return [header, ...visible.flatMap((r) => routeLines(router, r, st.subCode, masks.size > 1))];
      },
    });
  }
  const rank = (b: Block) => (st.defaultLast && b.key === 0 && b.len === 0 ? 1 : 0);
  blocks.sort((a, b) => rank(a) - rank(b) || a.key - b.key || a.len - b.len);
  return blocks.flatMap((b) => b.render());
}

/** `show ip route [connected|static|eigrp]`. */
export function renderIpRoute(router: Router, filter?: RouteFilter): string[] {
  const st = routeStyleFor(router);
  const all = router.rib.routes();
  const entries = renderRouteEntries(router, all, filter);
  if (filter && !st.legendOnFiltered) return entries;
  return [...st.legend, '', gatewayLine(all), '', ...entries];
}

/** `show ip route A.B.C.D`: the `Routing entry for …` details of the longest match. */
export function renderRouteDetail(router: Router, addr: Ipv4): string[] {
  // The default route answers for everything, so IOS does not offer it as a match here.
  const r = router.rib.match(addr, (x) => isDefault(x) && addr !== 0);
  if (!r) return ['% Network not in table'];
  const len = prefixLen(r);
  const lines = [`Routing entry for ${ipv4ToString(r.prefix)}/${len}${len < classfulLength(r.prefix) ? ', supernet' : ''}`];
  const path = r.paths[0];
  const attached = path?.nextHop === undefined;
  if (r.owner === 'connected') {
    lines.push(`  Known via "connected", distance 0, metric 0 (connected${r.code === 'C' ? ', via interface' : ''})`);
  } else if (r.owner === 'static') {
    lines.push(`  Known via "static", distance ${r.distance}, metric ${r.metric}${isDefault(r) ? ', candidate default path' : ''}${attached ? ' (connected)' : ''}`);
  } else {
    lines.push(`  Known via "${r.owner}", distance ${r.distance}, metric ${r.metric}, type ${r.code === 'D EX' ? 'external' : 'internal'}`);
  }
  for (const as of redistributingVia(router, r)) lines.push(`  Redistributing via eigrp ${as}`);
  const dynamic = r.owner !== 'connected' && r.owner !== 'static';
  const age = iosDuration(router.sched.now() - r.since);
  if (dynamic && path?.nextHop !== undefined) lines.push(`  Last update from ${ipv4ToString(path.nextHop)} on ${path.iface ?? ''}, ${age} ago`);
  lines.push('  Routing Descriptor Blocks:');
  r.paths.forEach((p, n) => {
    const mark = n === 0 ? '*' : ' ';
    if (p.nextHop === undefined) lines.push(`  ${mark} directly connected, via ${p.iface ?? 'Null0'}`);
    else if (dynamic) lines.push(`  ${mark} ${ipv4ToString(p.nextHop)}, from ${ipv4ToString(p.nextHop)}, ${age} ago, via ${p.iface ?? ''}`);
    else lines.push(`  ${mark} ${ipv4ToString(p.nextHop)}${p.iface !== undefined ? `, via ${p.iface}` : ''}`);
    lines.push(`      Route metric is ${r.metric}, traffic share count is 1`);
  });
  return lines;
}

/** EIGRP processes whose `network` statements cover a connected or EIGRP route. */
function redistributingVia(router: Router, r: RibRoute): number[] {
  const out: number[] = [];
  for (const [as, cfg] of router.config.model.eigrp) {
    if (r.owner === `eigrp ${as}`) {
      out.push(as);
      continue;
    }
    if (r.owner !== 'connected' || r.code !== 'C') continue;
    const iface = r.paths[0]?.iface !== undefined ? router.iface(r.paths[0].iface!) : undefined;
    const addr = iface?.ip?.address;
    if (addr === undefined) continue;
    const covered = cfg.networks.some((n) => {
      const wildcard = n.wildcard ?? ~prefixToMask(classfulLength(n.address)) >>> 0;
      return ((addr ^ n.address) & ~wildcard) >>> 0 === 0;
    });
    if (covered) out.push(as);
  }
  return out;
}

// ---- show ip arp -------------------------------------------------------------------------------------

export function renderIpArp(router: Router): string[] {
  const rows: Array<{ ip: Ipv4; line: string }> = [];
  const row = (ip: Ipv4, age: string, mac: string, iface: string) =>
    `Internet  ${ipv4ToString(ip).padEnd(17)}${age.padStart(8)}   ${mac}  ARPA   ${iface}`;
  // The router's own addresses are permanent entries (age `-`) while their interface is up.
  for (const i of router.interfaceList()) {
    if (i.kind !== 'ethernet' || !i.ip || !i.mac || !i.lineUp) continue;
    rows.push({ ip: i.ip.address, line: row(i.ip.address, '-', macToIos(i.mac), i.name) });
  }
  const now = router.sched.now();
  for (const e of router.arp.all()) {
    rows.push({ ip: e.ip, line: row(e.ip, String(Math.floor((now - e.learnedAt) / 60000)), macToIos(e.mac), e.iface) });
  }
  rows.sort((a, b) => a.ip - b.ip);
  return ['Protocol  Address          Age (min)  Hardware Addr   Type   Interface', ...rows.map((r) => r.line)];
}

// ---- command definitions ---------------------------------------------------------------------------

const IP_HELP = { show: 'Show running system information', ip: 'IP information' };

export const showIpCommands: CommandDef<Router>[] = [
  {
    syntax: 'show ip route [(connected|static|eigrp)$filter|A.B.C.D$addr]',
    help: {
      ...IP_HELP,
      route: 'IP routing table',
      connected: 'Connected networks',
      static: 'Static routes',
      eigrp: 'Enhanced Interior Gateway Routing Protocol (EIGRP)',
      $addr: 'Network to display information about or hostname',
    },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx, args) => {
      const addr = args.get('addr');
      if (addr !== undefined) {
        const lines = renderRouteDetail(ctx.device, parseIpv4(addr)!);
        if (lines[0]?.startsWith('%')) ctx.error(lines[0]);
        else printLines((t) => ctx.print(t), lines);
        return;
      }
      printLines((t) => ctx.print(t), renderIpRoute(ctx.device, args.get('filter') as RouteFilter | undefined));
    },
  },
  {
    syntax: 'show ip arp',
    help: { ...IP_HELP, arp: 'IP ARP table' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx) => printLines((t) => ctx.print(t), renderIpArp(ctx.device)),
  },
  {
    syntax: 'clear ip arp',
    help: { clear: 'Reset functions', ip: 'IP', arp: 'Clear the entire ARP cache' },
    modes: ['priv-exec'],
    run: (ctx) => ctx.device.arp.clear(),
  },
];
