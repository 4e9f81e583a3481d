/**
 * `ip nhrp …` interface commands and the running-config lines they render, in the order IOS prints
 * them (seed 000: authentication, map, map multicast, network-id, holdtime, nhs).
 */
import type { Router } from '../../router/router.js';
import type { InterfaceConfig, NhrpInterfaceConfig } from '../../config/model.js';
import { ipv4ToString, parseIpv4 } from '../../wire/addr.js';
import type { CommandContext, CommandDef } from '../grammar/types.js';
import { INTERFACE_ORDER, registerInterfaceRenderer } from './render-hooks.js';

const IP = 'Interface Internet Protocol config commands';
const NHRP = 'NHRP interface subcommands';
/** IOS sends at most eight characters of the authentication string. */
const AUTH_MAX = 8;

function updateNhrp(ctx: CommandContext<Router>, fn: (n: NhrpInterfaceConfig, i: InterfaceConfig) => void): void {
  const name = ctx.modeData.interface ?? '';
  ctx.device.config.updateInterface(name, (i) => fn(i.nhrp, i));
}

const ip = (text: string | undefined) => parseIpv4(text ?? '')!;

export const nhrpConfigCommands: CommandDef<Router>[] = [
  {
    syntax: 'ip nhrp authentication WORD',
    help: { ip: IP, nhrp: NHRP, authentication: 'Authentication string', WORD: 'Authentication string' },
    modes: ['interface'],
    run: (ctx, a) => {
      // Only eight characters travel in the extension; keeping more would render a key the peer never sees.
      updateNhrp(ctx, (n) => (n.authentication = a.get('WORD')!.slice(0, AUTH_MAX)));
    },
    no: (ctx) => updateNhrp(ctx, (n) => delete n.authentication),
    noMinWords: 3,
  },
  {
    syntax: 'ip nhrp map A.B.C.D$proto A.B.C.D$nbma',
    help: { ip: IP, nhrp: NHRP, map: 'Map dest IP addresses to NBMA addresses', $proto: 'IP address of destination', $nbma: 'IP NBMA address' },
    modes: ['interface'],
    run: (ctx, a) =>
      updateNhrp(ctx, (n) => {
        const proto = ip(a.get('proto'));
        n.maps = [...n.maps.filter((m) => m.proto !== proto), { proto, nbma: ip(a.get('nbma')) }];
      }),
    no: (ctx, a) => updateNhrp(ctx, (n) => (n.maps = n.maps.filter((m) => m.proto !== ip(a.get('proto'))))),
    noMinWords: 4,
  },
  {
    syntax: 'ip nhrp map multicast (A.B.C.D$nbma|dynamic)',
    help: {
      ip: IP,
      nhrp: NHRP,
      map: 'Map dest IP addresses to NBMA addresses',
      multicast: 'Use this NBMA mapping for broadcasts/multicasts',
      $nbma: 'IP NBMA address',
      dynamic: 'Learn mappings from registration requests',
    },
    modes: ['interface'],
    run: (ctx, a) =>
      updateNhrp(ctx, (n) => {
        const entry = a.has('dynamic') ? 'dynamic' : ip(a.get('nbma'));
        if (!n.multicastMaps.includes(entry)) n.multicastMaps.push(entry);
      }),
    no: (ctx, a) =>
      updateNhrp(ctx, (n) => {
        const entry = a.has('dynamic') ? 'dynamic' : ip(a.get('nbma'));
        n.multicastMaps = n.multicastMaps.filter((m) => m !== entry);
      }),
  },
  {
    syntax: 'ip nhrp network-id <1-4294967295>',
    help: { ip: IP, nhrp: NHRP, 'network-id': 'NBMA network identifier', '<1-4294967295>': 'network identifier' },
    modes: ['interface'],
    run: (ctx, a) => updateNhrp(ctx, (n) => (n.networkId = a.num('<1-4294967295>'))),
    no: (ctx) => updateNhrp(ctx, (n) => delete n.networkId),
    noMinWords: 3,
  },
  {
    syntax: 'ip nhrp holdtime <1-65535>',
    help: { ip: IP, nhrp: NHRP, holdtime: 'Advertised holdtime', '<1-65535>': 'number of seconds' },
    modes: ['interface'],
    run: (ctx, a) => updateNhrp(ctx, (n) => (n.holdtime = a.num('<1-65535>'))),
    no: (ctx) => updateNhrp(ctx, (n) => delete n.holdtime),
    noMinWords: 3,
  },
  {
    syntax: 'ip nhrp nhs A.B.C.D',
    help: { ip: IP, nhrp: NHRP, nhs: 'Specify a next hop server', 'A.B.C.D': 'IP address of next hop server' },
    modes: ['interface'],
    run: (ctx, a) =>
      updateNhrp(ctx, (n) => {
        const addr = ip(a.get('A.B.C.D'));
        if (!n.nhs.includes(addr)) n.nhs.push(addr);
      }),
    no: (ctx, a) => updateNhrp(ctx, (n) => (n.nhs = n.nhs.filter((x) => x !== ip(a.get('A.B.C.D'))))),
  },
  {
    syntax: 'ip nhrp registration timeout <1-65535>',
    help: {
      ip: IP,
      nhrp: NHRP,
      registration: 'Settings for registration packets',
      timeout: 'Interval between periodic registration',
      '<1-65535>': 'Number of seconds',
    },
    modes: ['interface'],
    run: (ctx, a) => updateNhrp(ctx, (n) => (n.registrationTimeout = a.num('<1-65535>'))),
    no: (ctx) => updateNhrp(ctx, (n) => delete n.registrationTimeout),
    noMinWords: 4,
  },
  {
    syntax: 'ip nhrp registration no-unique',
    help: { ip: IP, nhrp: NHRP, registration: 'Settings for registration packets', 'no-unique': "Don't set the unique flag in registration requests" },
    modes: ['interface'],
    run: (ctx) => updateNhrp(ctx, (n) => (n.registrationNoUnique = true)),
    no: (ctx) => updateNhrp(ctx, (n) => (n.registrationNoUnique = false)),
  },
];

export function renderNhrpLines(n: NhrpInterfaceConfig): string[] {
  const lines: string[] = [];
  if (n.authentication !== undefined) lines.push(` ip nhrp authentication ${n.authentication}`);
  for (const m of n.maps) lines.push(` ip nhrp map ${ipv4ToString(m.proto)} ${ipv4ToString(m.nbma)}`);
  for (const m of n.multicastMaps) lines.push(` ip nhrp map multicast ${m === 'dynamic' ? 'dynamic' : ipv4ToString(m)}`);
  if (n.networkId !== undefined) lines.push(` ip nhrp network-id ${n.networkId}`);
  if (n.holdtime !== undefined) lines.push(` ip nhrp holdtime ${n.holdtime}`);
  for (const s of n.nhs) lines.push(` ip nhrp nhs ${ipv4ToString(s)}`);
  if (n.registrationTimeout !== undefined) lines.push(` ip nhrp registration timeout ${n.registrationTimeout}`);
  if (n.registrationNoUnique) lines.push(' ip nhrp registration no-unique');
  return lines;
}

registerInterfaceRenderer({ order: INTERFACE_ORDER.nhrp, render: (c) => renderNhrpLines(c.nhrp) });
