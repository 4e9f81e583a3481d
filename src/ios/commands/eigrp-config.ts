/**
 * `router eigrp AS` and its router-mode commands, the EIGRP interface commands, and the running-config
 * lines they render (the `router eigrp` section after the interfaces; ` no ip split-horizon eigrp 1`
 * among the interface lines). Network statements keep the order they were typed, as IOS prints them.
 */
import type { Router } from '../../router/router.js';
import type { EigrpConfig, InterfaceConfig } from '../../config/model.js';
import { type Ipv4, ipv4ToString, parseIpv4 } from '../../wire/addr.js';
import type { CommandContext, CommandDef } from '../grammar/types.js';
import { INTERFACE_ORDER, SECTION_ORDER, registerInterfaceRenderer, registerSectionRenderer } from './render-hooks.js';

const IP = 'Interface Internet Protocol config commands';
const AS_HELP = 'Autonomous System';

function asOf(ctx: CommandContext<Router>): number {
  return Number(ctx.modeData.as);
}

function updateProcess(ctx: CommandContext<Router>, fn: (c: EigrpConfig) => void): void {
  const as = asOf(ctx);
  ctx.device.config.update({ kind: 'eigrp', as }, (m) => {
    const c = m.eigrp.get(as);
    if (c) fn(c);
  });
}

function updateIface(ctx: CommandContext<Router>, fn: (i: InterfaceConfig) => void): void {
  ctx.device.config.updateInterface(ctx.modeData.interface ?? '', fn);
}

const sameNetwork = (a: Ipv4, w: Ipv4 | undefined) => (n: { address: Ipv4; wildcard?: Ipv4 }) => n.address === a && n.wildcard === w;

export const eigrpConfigCommands: CommandDef<Router>[] = [
  {
    syntax: 'router eigrp <1-65535>',
    help: { router: 'Enable a routing process', eigrp: 'Enhanced Interior Gateway Routing Protocol (EIGRP)', '<1-65535>': AS_HELP },
    modes: ['global'],
    run: (ctx, a) => {
      const as = a.num('<1-65535>')!;
      ctx.device.config.update({ kind: 'eigrp', as }, (m) => {
        if (!m.eigrp.has(as)) m.eigrp.set(as, { as, networks: [], autoSummary: ctx.device.platform.train < 15, passiveInterfaces: [] });
      });
      ctx.enterMode('router', { as: String(as) });
    },
    no: (ctx, a) => {
      const as = a.num('<1-65535>')!;
      ctx.device.config.update({ kind: 'eigrp', as }, (m) => m.eigrp.delete(as));
    },
  },
  {
    syntax: 'network A.B.C.D$addr [A.B.C.D$wildcard]',
    help: { network: 'Enable routing on an IP network', $addr: 'Network number', $wildcard: 'EIGRP wild card bits' },
    modes: ['router'],
    run: (ctx, a) => {
      const addr = parseIpv4(a.get('addr')!)!;
      const w = a.get('wildcard') !== undefined ? parseIpv4(a.get('wildcard')!)! : undefined;
      updateProcess(ctx, (c) => {
        if (!c.networks.some(sameNetwork(addr, w))) c.networks.push({ address: addr, wildcard: w });
      });
    },
    no: (ctx, a) => {
      const addr = parseIpv4(a.get('addr')!)!;
      const w = a.get('wildcard') !== undefined ? parseIpv4(a.get('wildcard')!)! : undefined;
      updateProcess(ctx, (c) => (c.networks = c.networks.filter((n) => !sameNetwork(addr, w)(n))));
    },
  },
  {
    syntax: 'auto-summary',
    help: { 'auto-summary': 'Enable automatic network number summarization' },
    modes: ['router'],
    run: (ctx) => updateProcess(ctx, (c) => (c.autoSummary = true)),
    no: (ctx) => updateProcess(ctx, (c) => (c.autoSummary = false)),
  },
  {
    syntax: 'eigrp router-id A.B.C.D',
    help: { eigrp: 'EIGRP specific commands', 'router-id': 'router-id for this EIGRP process', 'A.B.C.D': 'EIGRP Router-ID in IP address format' },
    modes: ['router'],
    run: (ctx, a) => updateProcess(ctx, (c) => (c.routerId = parseIpv4(a.get('A.B.C.D')!))),
    no: (ctx) => updateProcess(ctx, (c) => delete c.routerId),
    noMinWords: 2,
  },
  {
    syntax: 'passive-interface IFNAME',
    help: { 'passive-interface': 'Suppress routing updates on an interface', IFNAME: 'Interface' },
    modes: ['router'],
    run: (ctx, a) =>
      updateProcess(ctx, (c) => {
        const name = a.get('IFNAME')!;
        if (!c.passiveInterfaces.includes(name)) c.passiveInterfaces.push(name);
      }),
    no: (ctx, a) => updateProcess(ctx, (c) => (c.passiveInterfaces = c.passiveInterfaces.filter((n) => n !== a.get('IFNAME')))),
  },
  {
    syntax: 'ip split-horizon eigrp <1-65535>',
    help: { ip: IP, 'split-horizon': 'Perform split horizon', eigrp: 'Enhanced Interior Gateway Routing Protocol (EIGRP)', '<1-65535>': AS_HELP },
    modes: ['interface'],
    run: (ctx, a) => updateIface(ctx, (i) => (i.eigrpSplitHorizonOff = i.eigrpSplitHorizonOff.filter((x) => x !== a.num('<1-65535>')))),
    no: (ctx, a) =>
      updateIface(ctx, (i) => {
        const as = a.num('<1-65535>')!;
        if (!i.eigrpSplitHorizonOff.includes(as)) i.eigrpSplitHorizonOff.push(as);
      }),
  },
  {
    syntax: 'ip hello-interval eigrp <1-65535>$as <1-65535>$secs',
    help: { ip: IP, 'hello-interval': 'Configures EIGRP-IPv4 hello interval', eigrp: 'Enhanced Interior Gateway Routing Protocol (EIGRP)', $as: AS_HELP, $secs: 'Seconds between hello transmissions' },
    modes: ['interface'],
    run: (ctx, a) => updateIface(ctx, (i) => (i.eigrpHello[Number(a.get('as'))] = Number(a.get('secs')))),
    no: (ctx, a) => updateIface(ctx, (i) => delete i.eigrpHello[Number(a.get('as'))]),
    noMinWords: 4,
  },
  {
    syntax: 'ip hold-time eigrp <1-65535>$as <1-65535>$secs',
    help: { ip: IP, 'hold-time': 'Configures EIGRP-IPv4 hold time', eigrp: 'Enhanced Interior Gateway Routing Protocol (EIGRP)', $as: AS_HELP, $secs: 'Seconds before neighbor is considered down' },
    modes: ['interface'],
    run: (ctx, a) => updateIface(ctx, (i) => (i.eigrpHold[Number(a.get('as'))] = Number(a.get('secs')))),
    no: (ctx, a) => updateIface(ctx, (i) => delete i.eigrpHold[Number(a.get('as'))]),
    noMinWords: 4,
  },
];

function wildcardText(n: { address: Ipv4; wildcard?: Ipv4 }): string {
  return n.wildcard !== undefined ? ` ${ipv4ToString(n.wildcard)}` : '';
}

registerSectionRenderer({
  order: SECTION_ORDER.routing,
  render: (router) =>
    [...router.config.model.eigrp.values()]
      .sort((a, b) => a.as - b.as)
      .map((c) => {
        const defaultSummary = router.platform.train < 15;
        return [
          `router eigrp ${c.as}`,
          ...c.passiveInterfaces.map((n) => ` passive-interface ${n}`),
          ...c.networks.map((n) => ` network ${ipv4ToString(n.address)}${wildcardText(n)}`),
          ...(c.autoSummary !== defaultSummary ? [c.autoSummary ? ' auto-summary' : ' no auto-summary'] : []),
          ...(c.routerId !== undefined ? [` eigrp router-id ${ipv4ToString(c.routerId)}`] : []),
        ];
      }),
});

registerInterfaceRenderer({
  order: INTERFACE_ORDER.eigrp,
  render: (c) => [
    ...Object.entries(c.eigrpHello).map(([as, s]) => ` ip hello-interval eigrp ${as} ${s}`),
    ...Object.entries(c.eigrpHold).map(([as, s]) => ` ip hold-time eigrp ${as} ${s}`),
    ...c.eigrpSplitHorizonOff.map((as) => ` no ip split-horizon eigrp ${as}`),
  ],
});
