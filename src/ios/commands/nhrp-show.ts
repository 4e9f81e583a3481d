/**
 * `show ip nhrp [detail]`, `show ip nhrp nhs [detail]`, `show dmvpn [detail]` and `clear ip nhrp`,
 * rendered from the NHRP service's cache and NHS state. Layouts are IOS 15.1's: seed 000 for content and
 * legend, 15.x captures with the same legend (no T1/T2 lines) for column widths and trailing spaces.
 */
import type { Router } from '../../router/router.js';
import type { HostInterface } from '../../protocols/host.js';
import type { NhrpCacheEntry, NhrpService, NhsState } from '../../protocols/nhrp/index.js';
import { iosDuration } from '../../router/timestamp.js';
import { type Ipv4, ipv4ToString, parseIpv4 } from '../../wire/addr.js';
import type { CommandDef } from '../grammar/types.js';
import { printLinesAndBlank } from './print-lines.js';
import { renderDmvpnCryptoSessions } from './crypto-sa-show.js';

const SHOW = 'Show running system information';
const IP = 'IP information';
const NHRP_HELP = 'NHRP information';

export function nhrpOf(router: Router): NhrpService | undefined {
  return router.services.get('nhrp') as NhrpService | undefined;
}

function byAddress(a: { proto: Ipv4 }, b: { proto: Ipv4 }): number {
  return a.proto - b.proto;
}

// ---- show ip nhrp -----------------------------------------------------------------------------------

function entryLines(router: Router, e: NhrpCacheEntry): string[] {
  const now = router.sched.now();
  const expiry = e.expires === undefined ? 'never expire ' : `expire ${iosDuration(e.expires - now)}`;
  const flags = [e.unique ? 'unique' : '', e.registered ? 'registered' : ''].filter(Boolean).join(' ');
  return [
    `${ipv4ToString(e.proto)}/${e.prefixLength} via ${ipv4ToString(e.proto)}`,
    `   ${e.iface} created ${iosDuration(now - e.created)}, ${expiry}`,
    `   Type: ${e.type}, Flags: ${flags}${flags ? ' ' : ''}`,
    `   NBMA address: ${ipv4ToString(e.nbma)} `,
  ];
}

/**
 * `show ip nhrp` and `detail`: 15.1's detail adds lines only for entries created on behalf of a
 * resolution requester, which a phase 1 cloud never has, so both print the same entries here.
 */
export function renderIpNhrp(router: Router): string[] {
  const nhrp = nhrpOf(router);
  if (!nhrp) return [];
  const lines: string[] = [];
  for (const i of router.interfaceList()) {
    for (const e of nhrp.entries(i.name).sort(byAddress)) lines.push(...entryLines(router, e));
  }
  return lines;
}

// ---- show ip nhrp nhs -------------------------------------------------------------------------------

const NHS_LEGEND = 'Legend: E=Expecting replies, R=Responding, W=Waiting';

function nhsLine(s: NhsState): string {
  return `${ipv4ToString(s.addr).padEnd(12)} ${s.flags.padStart(2)} priority = 0 cluster = 0`;
}

function nhsDetail(router: Router, s: NhsState): string[] {
  const ago = s.lastReplyAt !== undefined ? ` (${iosDuration(router.sched.now() - s.lastReplyAt)} ago)` : '';
  const ack = s.ackedRequestId !== undefined ? ` (Ack: ${s.ackedRequestId})` : '';
  return [
    `${nhsLine(s)}  req-sent ${s.requestsSent}  req-failed ${s.requestsFailed}  repl-recv ${s.repliesReceived}${ago}`,
    ` Current Request ID: ${s.currentRequestId ?? 0}${ack}`,
  ];
}

/** The NHS list of each NHRP tunnel that has NHSes; `detail` adds counters and pending requests. */
export function renderNhs(router: Router, detail: boolean): string[] {
  const nhrp = nhrpOf(router);
  const lines = [NHS_LEGEND];
  if (!nhrp) return lines;
  const blocks: string[][] = [];
  const pending: string[] = [];
  for (const i of nhrp.interfaces()) {
    const list = nhrp.nhs(i.name);
    if (list.length === 0) continue;
    blocks.push([`${i.name}:`, ...list.flatMap((s) => (detail ? nhsDetail(router, s) : [nhsLine(s)]))]);
    for (const s of list) {
      if (s.flags === 'RE' || s.currentRequestId === undefined) continue;
      pending.push(`Registration Request: Reqid ${s.currentRequestId}, Ret ${s.retransmitIvlS}  NHS ${ipv4ToString(s.addr)} expired (${i.name.replace('Tunnel', 'Tu')})`);
    }
  }
  blocks.forEach((b, n) => lines.push(...(n > 0 ? [''] : []), ...b));
  if (detail && blocks.length > 0) lines.push('', '', 'Pending Registration Requests:', ...pending);
  return lines;
}

// ---- show dmvpn ---------------------------------------------------------------------------------------

const DMVPN_LEGEND = [
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '        N - NATed, L - Local, X - No Socket',
  '        # Ent --> Number of NHRP entries with same NBMA peer',
  '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
  '        UpDn Time --> Up or Down Time for a Tunnel',
  '==========================================================================',
];

interface PeerRow {
  count: number;
  nbma: Ipv4;
  tunnel: Ipv4;
  state: string;
  upDn: string;
  attr: string;
  target: string;
}

/** `Spoke` with an NHS, `Hub` without, `Hub/Spoke` when it has an NHS and also registers others. */
function tunnelRole(nhrp: NhrpService, i: HostInterface): string {
  const hasNhs = i.config.nhrp.nhs.length > 0;
  const serves = i.config.nhrp.multicastMaps.includes('dynamic') || nhrp.entries(i.name).some((e) => e.type === 'dynamic');
  if (hasNhs && serves) return 'Hub/Spoke';
  return hasNhs ? 'Spoke' : 'Hub';
}

/** One row per cache entry, grouped by NBMA peer; the `# Ent` count goes on the group's first row. */
function peerRows(router: Router, nhrp: NhrpService, i: HostInterface): PeerRow[] {
  const now = router.sched.now();
  const nhs = nhrp.nhs(i.name);
  const entries = nhrp.entries(i.name).sort(byAddress);
  const nbmas: Ipv4[] = [];
  for (const e of entries) if (!nbmas.includes(e.nbma)) nbmas.push(e.nbma);
  const rows: PeerRow[] = [];
  for (const nbma of nbmas) {
    const group = entries.filter((e) => e.nbma === nbma);
    group.forEach((e, n) => {
      const server = nhs.find((s) => s.addr === e.proto);
      // A static entry towards an NHS is only UP once the NHS answers; until then IOS shows `NHRP`.
      const up = server ? server.flags === 'RE' : true;
      const since = server ? server.changedAt : e.created;
      rows.push({
        count: n === 0 ? group.length : 0,
        nbma: e.nbma,
        tunnel: e.proto,
        state: up ? 'UP' : 'NHRP',
        upDn: iosDuration(now - since),
        attr: e.type === 'static' ? 'S' : 'D',
        target: `${ipv4ToString(e.proto)}/${e.prefixLength}`,
      });
    });
  }
  return rows;
}

function peerCount(rows: PeerRow[]): number {
  return rows.filter((r) => r.count > 0).length;
}

function summaryRow(r: PeerRow): string {
  const nbma = r.count > 0 ? ipv4ToString(r.nbma) : '';
  return `${(r.count > 0 ? String(r.count) : '').padStart(6)} ${nbma.padStart(15)} ${ipv4ToString(r.tunnel).padStart(15)} ${r.state.padStart(5)} ${r.upDn.padStart(8)} ${r.attr.padStart(5)}`;
}

function detailRow(r: PeerRow): string {
  const nbma = r.count > 0 ? ipv4ToString(r.nbma) : '';
  return (
    (r.count > 0 ? String(r.count) : '').padStart(5) +
    nbma.padStart(15) +
    ipv4ToString(r.tunnel).padStart(16) +
    r.state.padStart(6) +
    ' ' +
    r.upDn.padStart(8) +
    r.attr.padStart(5) +
    r.target.padStart(19)
  );
}

function lineState(i: HostInterface): string {
  if (!i.adminUp) return 'administratively down/down';
  return `up/${i.lineUp ? 'up' : 'down'}`;
}

function detailHeader(i: HostInterface): string[] {
  const src = i.tunnelSourceIp !== undefined ? ipv4ToString(i.tunnelSourceIp) : '0.0.0.0';
  const dst = i.multipoint ? 'MGRE' : i.tunnelDestination !== undefined ? ipv4ToString(i.tunnelDestination) : '0.0.0.0';
  const protect = i.config.tunnel?.protection?.profile ?? '';
  return [
    `Interface ${i.name} is ${lineState(i)}, Addr. is ${i.ip ? ipv4ToString(i.ip.address) : '0.0.0.0'}, VRF "" `,
    `   Tunnel Src./Dest. addr: ${src}/${dst}, Tunnel VRF ""`,
    `   Protocol/Transport: "${i.multipoint ? 'multi-GRE/IP' : 'GRE/IP'}", Protect "${protect}" `,
    '   Interface State Control: Disabled',
  ];
}

export function renderDmvpn(router: Router, detail: boolean): string[] {
  const nhrp = nhrpOf(router);
  const lines = [...DMVPN_LEGEND];
  if (!nhrp) return lines;
  for (const i of nhrp.interfaces()) {
    if (!i.adminUp) {
      lines.push(`${i.name} is admin down`);
      continue;
    }
    const rows = peerRows(router, nhrp, i);
    const role = tunnelRole(nhrp, i);
    if (!detail) {
      lines.push('', `Interface: ${i.name}, IPv4 NHRP Details `, `Type:${role}, NHRP Peers:${peerCount(rows)}, `, '');
      lines.push(' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb', ' ----- --------------- --------------- ----- -------- -----');
      lines.push(...rows.map(summaryRow));
      continue;
    }
    lines.push('', ...detailHeader(i));
    const nhs = nhrp.nhs(i.name);
    if (nhs.length > 0) lines.push('', 'IPv4 NHS:', ...nhs.map(nhsLine));
    lines.push(`Type:${role}, Total NBMA Peers (v4/v6): ${peerCount(rows)}`, '');
    lines.push('# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network');
    lines.push('----- --------------- --------------- ----- -------- ----- -----------------');
    lines.push(...rows.map(detailRow));
  }
  lines.push('');
  if (detail) {
    // The crypto sessions of protected tunnels; without tunnel protection IOS prints the empty section.
    lines.push('', 'Crypto Session Details: ', '-'.repeat(80), '', ...renderDmvpnCryptoSessions(router), 'Pending DMVPN Sessions:', '');
  }
  return lines;
}

// ---- commands -----------------------------------------------------------------------------------------

export const nhrpShowCommands: CommandDef<Router>[] = [
  {
    syntax: 'show ip nhrp [detail]',
    help: { show: SHOW, ip: IP, nhrp: NHRP_HELP, detail: 'Detailed information' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx) => printLinesAndBlank((t) => ctx.print(t), renderIpNhrp(ctx.device)),
  },
  {
    syntax: 'show ip nhrp nhs [detail]',
    help: { show: SHOW, ip: IP, nhrp: NHRP_HELP, nhs: 'Next Hop Server information', detail: 'Detailed information' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx, a) => printLinesAndBlank((t) => ctx.print(t), renderNhs(ctx.device, a.has('detail'))),
  },
  {
    syntax: 'show dmvpn [detail]',
    help: { show: SHOW, dmvpn: 'DMVPN information', detail: 'Detailed information' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx, a) => printLinesAndBlank((t) => ctx.print(t), renderDmvpn(ctx.device, a.has('detail'))),
  },
  {
    syntax: 'clear ip nhrp [A.B.C.D]',
    help: { clear: 'Reset functions', ip: 'IP', nhrp: 'Clear NHRP cache', 'A.B.C.D': 'Destination IP address' },
    modes: ['priv-exec'],
    run: (ctx, a) => {
      const addr = a.get('A.B.C.D');
      nhrpOf(ctx.device)?.clear(addr !== undefined ? parseIpv4(addr) : undefined);
    },
  },
];
