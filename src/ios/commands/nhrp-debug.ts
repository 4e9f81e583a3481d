/**
 * `debug nhrp …`, `debug dmvpn …` and their `no`/`undebug` forms, plus the peer conditions of seed 000
 * (`debug dmvpn condition peer nbma|tunnel A.B.C.D`). Each command switches flags the protocols
 * registered and prints the flag's `… debugging is on|off` line, as IOS confirms a debug command.
 */
import type { Router } from '../../router/router.js';
import { NHRP_DEBUG, PEER_CONDITION } from '../../protocols/nhrp/index.js';
import { CRYPTO_DEBUG, DMVPN_DEBUG } from '../../protocols/dmvpn/debug-flags.js';
import type { CommandContext, CommandDef } from '../grammar/types.js';
import { switchDebugFlags } from './debug-switch.js';

const DEBUG = "Debugging functions (see also 'undebug')";
const UNDEBUG = "Disable debugging functions (see also 'debug')";
const NHRP_HELP = 'NHRP protocol';

/** `debug nhrp <word>` → flag; bare `debug nhrp` is the protocol flag. */
const NHRP_WORDS: Record<string, string[]> = {
  '': [NHRP_DEBUG.protocol],
  packet: [NHRP_DEBUG.packet],
  cache: [NHRP_DEBUG.cache],
  extension: [NHRP_DEBUG.extension],
  rate: [NHRP_DEBUG.rate],
  error: [NHRP_DEBUG.error],
  routing: [NHRP_DEBUG.routing],
  detail: [NHRP_DEBUG.protocol, NHRP_DEBUG.packet, NHRP_DEBUG.extension, NHRP_DEBUG.cache],
};

const ALL_NHRP = Object.values(NHRP_DEBUG);
const ALL_CRYPTO = ['ikev2.error', 'ikev2.terse', 'ikev2.event', 'ikev2.packet', 'ikev2.detail', CRYPTO_DEBUG.isakmp, CRYPTO_DEBUG.isakmpError, CRYPTO_DEBUG.ipsec, CRYPTO_DEBUG.ipsecError, CRYPTO_DEBUG.socket];

/** What `debug dmvpn LEVEL COMPONENT` switches: each level's share of each component's flags. */
function dmvpnFlags(level: string, component: string): string[] {
  const nhrp: Record<string, string[]> = {
    all: ALL_NHRP,
    detail: ALL_NHRP,
    packet: [NHRP_DEBUG.packet],
    error: [NHRP_DEBUG.error],
  };
  const crypto: Record<string, string[]> = {
    all: ALL_CRYPTO,
    detail: ALL_CRYPTO,
    packet: [CRYPTO_DEBUG.isakmp, CRYPTO_DEBUG.ipsec],
    error: [CRYPTO_DEBUG.isakmpError, CRYPTO_DEBUG.ipsecError],
  };
  const own: Record<string, string[]> = {
    all: Object.values(DMVPN_DEBUG),
    detail: [DMVPN_DEBUG.detail],
    packet: [DMVPN_DEBUG.packet],
    error: [DMVPN_DEBUG.error],
  };
  const flags: string[] = [];
  if (component === 'all' || component === 'nhrp') flags.push(...nhrp[level]!);
  if (component === 'all' || component === 'crypto') flags.push(...crypto[level]!);
  if (component === 'all' || component === 'tunnel') flags.push(CRYPTO_DEBUG.tunnelProtection);
  flags.push(...own[level]!);
  return flags;
}

function nhrpIds(what: string | undefined): string[] {
  return NHRP_WORDS[what ?? '']!;
}

const NHRP_SYNTAX = '[(packet|cache|extension|rate|error|routing|detail)$what]';
const NHRP_ITEM_HELP = {
  packet: 'NHRP activity',
  cache: 'NHRP cache operations',
  extension: 'NHRP extension processing',
  rate: 'NHRP rate limiting',
  error: 'NHRP errors',
  routing: 'NHRP routing',
  detail: 'NHRP detail',
};

const DMVPN_SYNTAX = '(all|detail|error|packet)$level (all|crypto|nhrp|tunnel)$component';
const DMVPN_LEVEL_HELP = { all: 'All DMVPN debug', detail: 'DMVPN detailed debug', error: 'DMVPN error debug', packet: 'DMVPN packet debug' };

function dmvpn(ctx: CommandContext<Router>, level: string, component: string, on: boolean): void {
  for (const id of dmvpnFlags(level, component)) ctx.device.log.setDebug(id, on);
  ctx.print(`DMVPN ${level} level debugging is ${on ? 'on' : 'off'}`);
}

function condition(ctx: CommandContext<Router>, kind: string, addr: string): void {
  ctx.device.log.addCondition(PEER_CONDITION, `${kind} ${addr}`);
}

export const nhrpDebugCommands: CommandDef<Router>[] = [
  {
    syntax: `debug nhrp ${NHRP_SYNTAX}`,
    help: { debug: DEBUG, nhrp: NHRP_HELP, ...NHRP_ITEM_HELP },
    modes: ['priv-exec'],
    run: (ctx, a) => switchDebugFlags(ctx, nhrpIds(a.get('what')), true),
    no: (ctx, a) => switchDebugFlags(ctx, nhrpIds(a.get('what')), false),
  },
  {
    syntax: `undebug nhrp ${NHRP_SYNTAX}`,
    help: { undebug: UNDEBUG, nhrp: NHRP_HELP, ...NHRP_ITEM_HELP },
    modes: ['priv-exec'],
    run: (ctx, a) => switchDebugFlags(ctx, nhrpIds(a.get('what')), false),
  },
  {
    syntax: `debug dmvpn ${DMVPN_SYNTAX}`,
    help: { debug: DEBUG, dmvpn: 'DMVPN debug', ...DMVPN_LEVEL_HELP, crypto: 'Crypto', nhrp: 'NHRP', tunnel: 'Tunnel' },
    modes: ['priv-exec'],
    run: (ctx, a) => dmvpn(ctx, a.get('level')!, a.get('component')!, true),
    no: (ctx, a) => dmvpn(ctx, a.get('level')!, a.get('component')!, false),
  },
  {
    syntax: `undebug dmvpn ${DMVPN_SYNTAX}`,
    help: { undebug: UNDEBUG, dmvpn: 'DMVPN debug', ...DMVPN_LEVEL_HELP, crypto: 'Crypto', nhrp: 'NHRP', tunnel: 'Tunnel' },
    modes: ['priv-exec'],
    run: (ctx, a) => dmvpn(ctx, a.get('level')!, a.get('component')!, false),
  },
  {
    syntax: 'debug dmvpn condition peer (nbma|tunnel)$kind A.B.C.D',
    help: {
      debug: DEBUG,
      dmvpn: 'DMVPN debug',
      condition: 'DMVPN conditional debug',
      peer: 'Peer',
      nbma: 'Peer NBMA address',
      tunnel: 'Peer tunnel address',
      'A.B.C.D': 'IPv4 address',
    },
    modes: ['priv-exec'],
    run: (ctx, a) => condition(ctx, a.get('kind')!, a.get('A.B.C.D')!),
    no: (ctx) => ctx.device.log.removeConditions(),
    noMinWords: 3,
  },
  {
    syntax: 'debug nhrp condition peer (nbma|tunnel)$kind A.B.C.D',
    help: { debug: DEBUG, nhrp: NHRP_HELP, condition: 'NHRP conditional debugging', peer: 'Peer', nbma: 'Peer NBMA address', tunnel: 'Peer tunnel address', 'A.B.C.D': 'IPv4 address' },
    modes: ['priv-exec'],
    run: (ctx, a) => condition(ctx, a.get('kind')!, a.get('A.B.C.D')!),
    no: (ctx) => ctx.device.log.removeConditions(),
    noMinWords: 3,
  },
];
