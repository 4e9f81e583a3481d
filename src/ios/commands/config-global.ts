/**
 * Global configuration: hostname, entering interfaces, static routes, domain lookup, enable secret,
 * lines, and the boilerplate lines of a `show running-config` (so a pasted configuration is accepted
 * exactly as IOS accepts it).
 */
import type { Router } from '../../router/router.js';
import { ipv4ToString, networkOf, parseIpv4 } from '../../wire/addr.js';
import type { CommandContext, CommandDef } from '../grammar/types.js';
import { registerSectionRenderer, SECTION_ORDER } from './render-hooks.js';

const IP = 'Global IP configuration subcommands';
const INVALID = "% Invalid input detected at '^' marker.";

function setHostname(ctx: CommandContext<Router>, name: string): void {
  // IOS hostnames: letters, digits and hyphens, starting with a letter, ending with a letter or digit.
  if (!/^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(name)) {
    ctx.error('% Hostname contains one or more illegal characters.');
    return;
  }
  ctx.device.config.update({ kind: 'hostname' }, (m) => (m.hostname = name));
}

export const globalConfigCommands: CommandDef<Router>[] = [
  {
    syntax: 'hostname WORD',
    help: { hostname: "Set system's network name", WORD: "This system's network name" },
    modes: ['global'],
    run: (ctx, a) => setHostname(ctx, a.get('WORD')!),
    no: (ctx) => ctx.device.config.update({ kind: 'hostname' }, (m) => (m.hostname = 'Router')),
    noMinWords: 1,
  },
  {
    syntax: 'interface IFNAME',
    help: { interface: 'Select an interface to configure', IFNAME: 'Interface' },
    modes: ['global'],
    run: (ctx, a) => {
      const name = a.get('IFNAME')!;
      if (!ctx.device.ensureInterface(name)) {
        ctx.error(INVALID);
        return;
      }
      ctx.enterMode('interface', { interface: name });
    },
    no: (ctx, a) => {
      const name = a.get('IFNAME')!;
      if (!ctx.device.iface(name)) {
        ctx.error(INVALID);
        return;
      }
      if (!ctx.device.removeInterface(name)) ctx.error('% Removal of physical interfaces is not permitted');
    },
  },
  {
    syntax: 'ip route A.B.C.D$prefix A.B.C.D$mask (A.B.C.D$nexthop|IFNAME$iface) [<1-255>$distance]',
    help: {
      ip: IP,
      route: 'Establish static routes',
      $prefix: 'Destination prefix',
      $mask: 'Destination prefix mask',
      $nexthop: "Forwarding router's address",
      $iface: 'Interface',
      $distance: 'Distance metric for this route',
    },
    modes: ['global'],
    run: (ctx, a) => {
      const prefix = parseIpv4(a.get('prefix')!)!;
      const mask = parseIpv4(a.get('mask')!)!;
      if (networkOf(prefix, mask) !== prefix) {
        ctx.error('%Inconsistent address and mask');
        return;
      }
      const nextHop = a.get('nexthop') !== undefined ? parseIpv4(a.get('nexthop')!) : undefined;
      const iface = a.get('iface');
      if (iface !== undefined && !ctx.device.iface(iface)) {
        ctx.error(INVALID);
        return;
      }
      const distance = a.num('distance') ?? 1;
      ctx.device.config.update({ kind: 'static-routes' }, (m) => {
        const same = (r: (typeof m.staticRoutes)[number]) => r.prefix === prefix && r.mask === mask && r.nextHop === nextHop && r.iface === iface;
        const existing = m.staticRoutes.find(same);
        if (existing) existing.distance = distance;
        else m.staticRoutes.push({ prefix, mask, nextHop, iface, distance });
      });
    },
    no: (ctx, a) => {
      const prefix = parseIpv4(a.get('prefix')!)!;
      const mask = parseIpv4(a.get('mask')!)!;
      const nextHop = a.get('nexthop') !== undefined ? parseIpv4(a.get('nexthop')!) : undefined;
      const iface = a.get('iface');
      const given = nextHop !== undefined || iface !== undefined;
      ctx.device.config.update({ kind: 'static-routes' }, (m) => {
        m.staticRoutes = m.staticRoutes.filter(
          (r) => !(r.prefix === prefix && r.mask === mask && (!given || (r.nextHop === nextHop && r.iface === iface))),
        );
      });
    },
    noMinWords: 4,
  },
  {
    syntax: 'ip domain-lookup',
    help: { ip: IP, 'domain-lookup': 'Enable IP Domain Name System hostname translation' },
    modes: ['global'],
    run: (ctx) => ctx.device.config.update({ kind: 'global' }, (m) => (m.ipDomainLookup = true)),
    no: (ctx) => ctx.device.config.update({ kind: 'global' }, (m) => (m.ipDomainLookup = false)),
  },
  {
    syntax: 'ip domain lookup',
    help: { ip: IP, domain: 'IP DNS Resolver', lookup: 'Enable IP Domain Name System hostname translation' },
    modes: ['global'],
    run: (ctx) => ctx.device.config.update({ kind: 'global' }, (m) => (m.ipDomainLookup = true)),
    no: (ctx) => ctx.device.config.update({ kind: 'global' }, (m) => (m.ipDomainLookup = false)),
  },
  {
    syntax: 'ip routing',
    help: { ip: IP, routing: 'Enable IP routing' },
    modes: ['global'],
    run: (ctx) => ctx.device.config.update({ kind: 'global' }, (m) => (m.ipRouting = true)),
    no: (ctx) => ctx.device.config.update({ kind: 'global' }, (m) => (m.ipRouting = false)),
  },
  {
    syntax: 'enable (secret|password)$kind [(0|5)$enc] WORD$value',
    help: {
      enable: 'Modify enable password parameters',
      secret: 'Assign the privileged level secret',
      password: 'Assign the privileged level password',
      '0': 'Specifies an UNENCRYPTED password will follow',
      '5': 'Specifies an ENCRYPTED secret will follow',
      $value: 'The UNENCRYPTED (cleartext) password',
    },
    modes: ['global'],
    run: (ctx, a) => ctx.device.config.update({ kind: 'global' }, (m) => (m.enableSecret = a.get('value'))),
    no: (ctx) => ctx.device.config.update({ kind: 'global' }, (m) => delete m.enableSecret),
    noMinWords: 2,
  },
  {
    syntax: 'line (console|aux|vty)$kind <0-15>$first [<0-15>$last]',
    help: {
      line: 'Configure a terminal line',
      console: 'Primary terminal line',
      aux: 'Auxiliary line',
      vty: 'Virtual terminal',
      $first: 'First Line number',
      $last: 'Last Line number',
    },
    modes: ['global'],
    run: (ctx, a) => ctx.enterMode('line', { line: `${a.get('kind')} ${a.get('first')}${a.get('last') ? ` ${a.get('last')}` : ''}` }),
  },
  ...(
    [
      ['login', { login: 'Enable password checking' }],
      ['logging synchronous', { logging: 'Modify message logging facilities', synchronous: 'Synchronized message output' }],
      ['password WORD', { password: 'Set a password', WORD: 'The UNENCRYPTED (cleartext) line password' }],
      ['exec-timeout <0-35791> [<0-2147483>]', { 'exec-timeout': 'Set the EXEC timeout', '<0-35791>': 'Timeout in minutes', '<0-2147483>': 'Timeout in seconds' }],
    ] as const
  ).map(([syntax, help]) => ({ syntax, help: { ...help }, modes: ['line'], run: () => undefined, no: () => undefined }) as CommandDef<Router>),
];

/**
 * Lines `show running-config` prints that carry no state the simulator models; accepted (and ignored)
 * so that a pasted configuration rebuilds the router without errors, as it does on IOS.
 */
const BOILERPLATE: Array<[string, Record<string, string>]> = [
  ['version WORD', { version: 'Version', WORD: 'Version number' }],
  ['boot-start-marker', { 'boot-start-marker': 'Start marker' }],
  ['boot-end-marker', { 'boot-end-marker': 'End marker' }],
  ['aaa new-model', { aaa: 'Authentication, Authorization and Accounting.', 'new-model': 'Enable NEW access control commands and functions.(Disables OLD commands.)' }],
  ['service timestamps (debug|log)$kind [(datetime|uptime)$style] [msec] [localtime] [show-timezone]', {
    service: 'Modify use of network based services',
    timestamps: 'Timestamp debug/log messages',
    debug: 'Timestamp debug messages',
    log: 'Timestamp log messages',
    datetime: 'Timestamp with date and time',
    uptime: 'Timestamp with system uptime',
    msec: 'Include milliseconds in timestamp',
    localtime: 'Use local time zone for timestamps',
    'show-timezone': 'Add time zone information to timestamp',
  }],
  ['service password-encryption', { service: 'Modify use of network based services', 'password-encryption': 'Encrypt system passwords' }],
  ['ip cef', { ip: IP, cef: 'Cisco Express Forwarding' }],
  ['ip subnet-zero', { ip: IP, 'subnet-zero': 'Allow \'subnet zero\' subnets' }],
  ['ip classless', { ip: IP, classless: 'Follow classless routing forwarding rules' }],
  ['ip forward-protocol nd', { ip: IP, 'forward-protocol': 'Controls forwarding of physical and directed IP broadcasts', nd: 'Sun\'s Network Disk protocol' }],
  ['ip http server', { ip: IP, http: 'HTTP server configuration', server: 'Enable HTTP server' }],
  ['ip http secure-server', { ip: IP, http: 'HTTP server configuration', 'secure-server': 'Enable HTTP secure server' }],
  ['ipv6 cef', { ipv6: 'IPv6 configuration commands', cef: 'Cisco Express Forwarding for IPv6' }],
  ['control-plane', { 'control-plane': 'Configure control plane services' }],
];

export const boilerplateCommands: CommandDef<Router>[] = BOILERPLATE.map(([syntax, help]) => ({
  syntax,
  help,
  modes: ['global'],
  run: () => undefined,
  no: () => undefined,
}));

/** Static routes, in the order they were configured (IOS sorts them; 15.1 keeps prefix order). */
registerSectionRenderer({
  order: SECTION_ORDER.staticRoutes,
  render: (router) => {
    const lines = [...router.config.model.staticRoutes]
      .sort((x, y) => x.prefix - y.prefix || x.mask - y.mask)
      .map((r) => {
        const via = r.iface ?? (r.nextHop !== undefined ? ipv4ToString(r.nextHop) : '');
        return `ip route ${ipv4ToString(r.prefix)} ${ipv4ToString(r.mask)} ${via}${r.distance !== 1 ? ` ${r.distance}` : ''}`;
      });
    return lines.length > 0 ? [lines] : [];
  },
});
