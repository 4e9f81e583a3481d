/**
 * The crypto state commands: `show crypto isakmp sa [detail]`, `show crypto ipsec sa [detail] [peer A]`,
 * `show crypto session [detail]`, `show crypto sockets`, `show crypto map`, `show crypto engine
 * connections active`, the `clear crypto …` commands and `debug crypto …` / `debug tunnel protection`.
 * Layouts follow seed 000's captures and the reference outputs (PROTOCOL-FACTS §3–4); the 12.x layouts
 * that differ (ISAKMP slot column, engine table) are chosen here by the router's release train.
 */
import type { Router } from '../../router/router.js';
import type { IpsecService } from '../../protocols/ipsec/service.js';
import { plaintextMtu } from '../../protocols/ipsec/service.js';
import type { IsakmpSa } from '../../protocols/ike/isakmp-sa.js';
import type { IpsecFlow, IpsecSa } from '../../protocols/ipsec/sadb.js';
import { type FlowId, flowText, hex } from '../../protocols/ike/quick-mode.js';
import { tunnelPolicies, mapPoliciesOn } from '../../protocols/ipsec/policy-db.js';
import { CRYPTO_DEBUG } from '../../protocols/dmvpn/debug-flags.js';
import { iosDuration } from '../../router/timestamp.js';
import { type Ipv4, ipv4ToString, parseIpv4 } from '../../wire/addr.js';
import type { CommandContext, CommandDef } from '../grammar/types.js';
import { printLines } from './print-lines.js';
import { switchDebugFlags } from './debug-switch.js';

const SHOW = 'Show running system information';
const CRYPTO = 'Encryption module';
const CLEAR = 'Reset functions';

export function ipsecOf(router: Router): IpsecService | undefined {
  return router.services.get('ipsec') as IpsecService | undefined;
}

function hms(totalS: number): string {
  const s = Math.max(0, Math.floor(totalS));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
}

// ---- ISAKMP ------------------------------------------------------------------------------------------

/** dst/src as IOS prints them: the responder's address first. */
function dstSrc(sa: IsakmpSa): [Ipv4, Ipv4] {
  return sa.role === 'I' ? [sa.peer, sa.local] : [sa.local, sa.peer];
}

function isakmpStatus(sa: IsakmpSa): string {
  return sa.deleted ? 'ACTIVE (deleted)' : 'ACTIVE';
}

export function renderIsakmpSa(router: Router): string[] {
  const ike = ipsecOf(router)?.ike;
  const slot = router.platform.train < 15;
  const lines = ['IPv4 Crypto ISAKMP SA', `dst             src             state          conn-id ${slot ? 'slot ' : ''}status`];
  for (const sa of ike?.all() ?? []) {
    const [dst, src] = dstSrc(sa);
    lines.push(`${ipv4ToString(dst).padEnd(16)}${ipv4ToString(src).padEnd(16)}${sa.label.padEnd(15)}${String(sa.connId).padStart(7)} ${slot ? '   0 ' : ''}${isakmpStatus(sa)}`);
  }
  lines.push('', 'IPv6 Crypto ISAKMP SA', '');
  return lines;
}

function encrText(sa: IsakmpSa): string {
  const p = sa.policy;
  if (!p) return '';
  return p.encryption === 'aes' ? 'aes' : p.encryption;
}

/** The capability letters IOS shows for an ISAKMP SA: `D` once dead peer detection runs on it. */
function capabilities(router: Router, sa: IsakmpSa): string {
  return ipsecOf(router)?.ike.doesDpd(sa) ? 'D' : '';
}

export function renderIsakmpSaDetail(router: Router): string[] {
  const ike = ipsecOf(router)?.ike;
  const lines = [
    'Codes: C - IKE configuration mode, D - Dead Peer Detection',
    '       K - Keepalives, N - NAT-traversal',
    '       T - cTCP encapsulation, X - IKE Extended Authentication',
    '       psk - Preshared key, rsig - RSA signature',
    '       renc - RSA encryption',
    'IPv4 Crypto ISAKMP SA',
    '',
    'C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.',
    '',
  ];
  for (const sa of ike?.all() ?? []) {
    const p = sa.policy;
    const life = sa.established ? hms(sa.remainingS()) : '';
    lines.push(
      `${String(sa.connId).padEnd(6)}${ipv4ToString(sa.local).padEnd(16)}${ipv4ToString(sa.peer).padEnd(16)}${''.padEnd(7)}${'ACTIVE'.padEnd(7)}${encrText(sa).padEnd(5)}${(p?.hash ?? '').padEnd(7)}${(p ? 'psk' : '').padEnd(5)}${String(p?.group ?? '').padEnd(3)}${life.padEnd(9)}${capabilities(router, sa)}`,
      `       Engine-id:Conn-id =  SW:${sa.connId - 1000 > 0 ? sa.connId - 1000 : sa.connId}`,
      '',
    );
  }
  lines.push('IPv6 Crypto ISAKMP SA', '');
  return lines;
}

// ---- IPsec SAs -------------------------------------------------------------------------------------

function remainingLife(router: Router, sa: IpsecSa): string {
  const left = Math.max(0, sa.lifetimeS - Math.floor((router.sched.now() - sa.createdAt) / 1000));
  return `(${Math.max(0, Math.floor(sa.kbLeft))}/${left})`;
}

function saLines(router: Router, flow: IpsecFlow, sa: IpsecSa): string[] {
  const mode = sa.suite.mode === 'transport' ? 'Transport' : 'Tunnel';
  return [
    `      spi: 0x${hex(sa.spi)}(${sa.spi >>> 0})`,
    `        transform: ${sa.suite.label} ,`,
    `        in use settings ={${mode}, }`,
    `        conn id: ${sa.connId}, flow_id: SW:${sa.connId}, sibling_flags 80000006, crypto map: ${flow.mapTag}`,
    `        sa timing: remaining key lifetime (k/sec): ${remainingLife(router, sa)}`,
    '        IV size: 16 bytes',
    '        replay detection support: Y',
    '        Status: ACTIVE',
    '',
  ];
}

function counterLines(flow: IpsecFlow, detail: boolean): string[] {
  const c = flow.counters;
  const base = [
    `    #pkts encaps: ${c.encaps}, #pkts encrypt: ${c.encaps}, #pkts digest: ${c.encaps}`,
    `    #pkts decaps: ${c.decaps}, #pkts decrypt: ${c.decaps}, #pkts verify: ${c.decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    '    #pkts not compressed: 0, #pkts compr. failed: 0',
    '    #pkts not decompressed: 0, #pkts decompress failed: 0',
  ];
  if (!detail) {
    const sendErr = c.noSaSend + c.encapsFailed;
    const recvErr = c.invalidSaRcv + c.decapsFailed + c.verifyFailed + c.invalidIdentity + c.invalidLen + c.replayFailed;
    return [...base, `    #send errors ${sendErr}, #recv errors ${recvErr}`];
  }
  return [
    ...base,
    `    #pkts no sa (send) ${c.noSaSend}, #pkts invalid sa (rcv) ${c.invalidSaRcv}`,
    `    #pkts encaps failed (send) ${c.encapsFailed}, #pkts decaps failed (rcv) ${c.decapsFailed}`,
    `    #pkts invalid prot (recv) ${c.invalidProt}, #pkts verify failed: ${c.verifyFailed}`,
    `    #pkts invalid identity (recv) ${c.invalidIdentity}, #pkts invalid len (rcv) ${c.invalidLen}`,
    '    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0',
    `    ##pkts replay failed (rcv): ${c.replayFailed}`,
    '    #pkts internal err (send): 0, #pkts internal err (recv) 0',
  ];
}

function flowLines(router: Router, svc: IpsecService, flow: IpsecFlow, detail: boolean): string[] {
  const current = svc.sadb.currentOutbound(flow);
  const phys = router.iface(flow.physical);
  const pathMtu = phys?.ipMtu ?? 1500;
  const suite = current?.suite ?? flow.inbound[0]?.suite;
  const mtuLine = suite && router.platform.train >= 16 ? `     plaintext mtu ${plaintextMtu(pathMtu, suite)}, path mtu ${pathMtu}, ip mtu ${pathMtu}, ip mtu idb ${flow.physical}` : `     path mtu ${pathMtu}, ip mtu ${pathMtu}, ip mtu idb ${flow.physical}`;
  const inbound = flow.inbound.filter((s) => !s.expired);
  const outbound = flow.outbound.filter((s) => !s.expired && s.enabled);
  return [
    '   protected vrf: (none)',
    `   local  ident (addr/mask/prot/port): (${flowText(flow.localProxy)})`,
    `   remote ident (addr/mask/prot/port): (${flowText(flow.remoteProxy)})`,
    `   current_peer ${ipv4ToString(flow.peer)} port 500`,
    '     PERMIT, flags={origin_is_acl,}',
    ...counterLines(flow, detail),
    '',
    `     local crypto endpt.: ${ipv4ToString(flow.local)}, remote crypto endpt.: ${ipv4ToString(flow.peer)}`,
    mtuLine,
    `     current outbound spi: 0x${hex(current?.spi ?? 0)}(${(current?.spi ?? 0) >>> 0})`,
    `     PFS (Y/N): ${flow.pfs ? 'Y' : 'N'}, DH group: ${flow.pfs ? `group${flow.pfs}` : 'none'}`,
    '',
    '     inbound esp sas:',
    ...inbound.flatMap((s) => saLines(router, flow, s)),
    '     inbound ah sas:',
    '',
    '     inbound pcp sas:',
    '',
    '     outbound esp sas:',
    ...outbound.flatMap((s) => saLines(router, flow, s)),
    '     outbound ah sas:',
    '',
    '     outbound pcp sas:',
  ];
}

export function renderIpsecSa(router: Router, detail: boolean, peer?: Ipv4): string[] {
  const svc = ipsecOf(router);
  if (!svc) return [];
  const byIface = new Map<string, IpsecFlow[]>();
  for (const f of svc.sadb.flows.values()) {
    if (peer !== undefined && f.peer !== peer) continue;
    const list = byIface.get(f.iface) ?? [];
    list.push(f);
    byIface.set(f.iface, list);
  }
  const lines: string[] = [];
  for (const [iface, flows] of byIface) {
    lines.push('', `interface: ${iface}`, `    Crypto map tag: ${flows[0]!.mapTag}, local addr ${ipv4ToString(flows[0]!.local)}`);
    for (const f of flows) lines.push('', ...flowLines(router, svc, f, detail));
  }
  if (lines.length > 0) lines.push('');
  return lines;
}

// ---- sessions and sockets -------------------------------------------------------------------------

function flowPermit(f: FlowId, g: FlowId): string {
  const side = (x: FlowId) => (x.mask === 0xffffffff ? `host ${ipv4ToString(x.addr)}` : `${ipv4ToString(x.addr)}/${ipv4ToString(x.mask)}`);
  return `permit ${f.protocol === 0 ? 'ip' : f.protocol} ${side(f)} ${side(g)}`;
}

interface Session {
  iface: string;
  peer: Ipv4;
  local: Ipv4;
  sa?: IsakmpSa;
  flows: IpsecFlow[];
}

function sessions(router: Router): Session[] {
  const svc = ipsecOf(router);
  if (!svc) return [];
  const out: Session[] = [];
  for (const f of svc.sadb.flows.values()) {
    let s = out.find((x) => x.iface === f.iface && x.peer === f.peer);
    if (!s) out.push((s = { iface: f.iface, peer: f.peer, local: f.local, flows: [] }));
    s.flows.push(f);
  }
  for (const sa of svc.ike.all()) {
    const s = out.find((x) => x.peer === sa.peer);
    if (s) s.sa ??= sa;
    else out.push({ iface: router.interfaceList().find((i) => i.ip?.address === sa.local)?.name ?? '', peer: sa.peer, local: sa.local, sa, flows: [] });
  }
  return out;
}

function sessionStatus(router: Router, s: Session): string {
  const svc = ipsecOf(router)!;
  const ipsecUp = s.flows.some((f) => svc.sadb.currentOutbound(f) !== undefined);
  const ikeUp = s.sa?.established ?? false;
  if (ipsecUp && ikeUp) return 'UP-ACTIVE';
  if (ipsecUp) return 'UP-NO-IKE';
  if (ikeUp) return 'UP-IDLE';
  return s.sa ? 'DOWN-NEGOTIATING' : 'DOWN';
}

export function renderSession(router: Router, detail: boolean): string[] {
  const svc = ipsecOf(router);
  const lines = ['Crypto session current status', ''];
  if (detail) {
    lines.push('Code: C - IKE Configuration mode, D - Dead Peer Detection     ', 'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation     ', 'X - IKE Extended Authentication, F - IKE Fragmentation', '');
  }
  for (const s of sessions(router)) {
    const status = sessionStatus(router, s);
    const since = s.flows.map((f) => f.upSince).filter((t): t is number => t !== undefined);
    lines.push(`Interface: ${s.iface}`);
    if (detail && since.length > 0) lines.push(`Uptime: ${iosDuration(router.sched.now() - Math.min(...since))}`);
    lines.push(`Session status: ${status}${detail ? '    ' : ''}`);
    const peer = ipv4ToString(s.peer);
    const local = ipv4ToString(s.local);
    lines.push(detail ? `Peer: ${peer} port 500 fvrf: (none) ivrf: (none)` : `Peer: ${peer} port 500 `);
    if (detail) lines.push(`      Phase1_id: ${s.sa?.established ? peer : '(none)'}`, '      Desc: (none)');
    if (s.sa) {
      const active = s.sa.established ? 'Active' : 'Inactive';
      lines.push(`  IKEv1 SA: local ${local}/500 remote ${peer}/500 ${active} `);
      if (detail) lines.push(`          Capabilities:${capabilities(router, s.sa) || '(none)'} connid:${s.sa.connId} lifetime:${s.sa.established ? hms(s.sa.remainingS()) : '0'}`);
    }
    for (const f of s.flows) {
      const live = [...f.inbound, ...f.outbound].filter((x) => !x.expired && (x.direction === 'in' || x.enabled));
      lines.push(`  IPSEC FLOW: ${flowPermit(f.localProxy, f.remoteProxy)} `, `        Active SAs: ${live.length}, origin: crypto map`);
      if (detail) {
        const inSa = f.inbound[f.inbound.length - 1];
        const outSa = svc?.sadb.currentOutbound(f);
        const life = (sa: IpsecSa | undefined) => (sa ? remainingLife(router, sa).replace(/[()]/g, '') : '0/0');
        lines.push(`        Inbound:  #pkts dec'ed ${f.counters.decaps} drop ${f.counters.inDrop} life (KB/Sec) ${life(inSa)}`);
        lines.push(`        Outbound: #pkts enc'ed ${f.counters.encaps} drop ${f.counters.noSaSend + f.counters.encapsFailed} life (KB/Sec) ${life(outSa)}`);
      }
    }
    lines.push('');
  }
  return lines;
}

/** The per-session block `show dmvpn detail` prints under `Crypto Session Details:` (tunnels only). */
export function renderDmvpnCryptoSessions(router: Router): string[] {
  const svc = ipsecOf(router);
  if (!svc) return [];
  const lines: string[] = [];
  for (const s of sessions(router).filter((x) => router.iface(x.iface)?.kind === 'tunnel')) {
    const peer = ipv4ToString(s.peer);
    lines.push(`Interface: ${s.iface}`, `Session: [0x${(s.sa?.pointer ?? '0').padStart(8, '0')}]`);
    if (s.sa) {
      lines.push(`  IKEv1 SA: local ${ipv4ToString(s.local)}/500 remote ${peer}/500 ${s.sa.established ? 'Active' : 'Inactive'} `);
      lines.push(`          Capabilities:${capabilities(router, s.sa) || '(none)'} connid:${s.sa.connId} lifetime:${s.sa.established ? hms(s.sa.remainingS()) : '0'}`);
    }
    lines.push(`  Crypto Session Status: ${sessionStatus(router, s)}     `, `  fvrf: (none), Phase1_id: ${s.sa?.established ? peer : '(none)'}`);
    for (const f of s.flows) {
      const out = svc.sadb.currentOutbound(f);
      const inSa = f.inbound[f.inbound.length - 1];
      const life = (sa: IpsecSa | undefined) => (sa ? remainingLife(router, sa).replace(/[()]/g, '') : '0/0');
      const live = [...f.inbound, ...f.outbound].filter((x) => !x.expired && (x.direction === 'in' || x.enabled));
      lines.push(
        `  IPSEC FLOW: ${flowPermit(f.localProxy, f.remoteProxy)} `,
        `        Active SAs: ${live.length}, origin: crypto map`,
        `        Inbound:  #pkts dec'ed ${f.counters.decaps} drop ${f.counters.inDrop} life (KB/Sec) ${life(inSa)}`,
        `        Outbound: #pkts enc'ed ${f.counters.encaps} drop ${f.counters.noSaSend + f.counters.encapsFailed} life (KB/Sec) ${life(out)}`,
      );
      // The SPI as IOS formats it here: hexadecimal right-aligned in eight columns (`0x A259D71`).
      if (out) lines.push(`   Outbound SPI : 0x${hex(out.spi).padStart(8)}, transform : ${out.suite.label} `);
    }
    const sock = svc.sockets.get(`${s.iface}|${s.peer}`);
    if (sock) lines.push(`    Socket State: ${sock.state}`);
    lines.push('');
  }
  return lines;
}

export function renderSockets(router: Router): string[] {
  const svc = ipsecOf(router);
  const socks = [...(svc?.sockets.values() ?? [])];
  const lines = ['', `Number of Crypto Socket connections ${socks.length}`, ''];
  for (const s of socks) {
    const l = ipv4ToString(s.local);
    const r = ipv4ToString(s.peer);
    lines.push(
      `   ${s.tunnel.replace(/^Tunnel/, 'Tu')} Peers (local/remote): ${l}/${r} `,
      `       Local Ident  (addr/mask/port/prot): (${l}/255.255.255.255/0/47)`,
      `       Remote Ident (addr/mask/port/prot): (${r}/255.255.255.255/0/47)`,
      `       IPSec Profile: "${s.profile}"`,
      `       Socket State: ${s.state}`,
      `       Client: "TUNNEL SEC" (Client State: ${s.state === 'Open' ? 'Active' : 'Opening'})`,
    );
  }
  lines.push('Crypto Sockets in Listen state:');
  for (const p of tunnelPolicies(router.config.model)) {
    if (router.iface(p.tunnel)?.lineUp) lines.push(`Client: "TUNNEL SEC" Profile: "${p.profileName}" Map-name: "${p.tag}"`);
  }
  lines.push('');
  return lines;
}

// ---- crypto map and engine -----------------------------------------------------------------------

function transformSetLines(router: Router, names: string[]): string[] {
  const sets = names.map((n) => router.config.model.crypto.transformSets.get(n)).filter((t) => t !== undefined);
  return ['\tTransform sets={ ', ...sets.map((t) => `\t\t${t.name}:  { ${t.transforms.join(' ')}  } , `), '\t}'];
}

export function renderCryptoMap(router: Router): string[] {
  const cfg = router.config.model;
  const lines: string[] = [];
  const svc = ipsecOf(router);
  for (const p of tunnelPolicies(cfg)) {
    lines.push(`Crypto Map "${p.tag}" 65536 ipsec-isakmp`, `\tProfile name: ${p.profileName}`, `\tSecurity association lifetime: ${p.phase2.lifetimeKb} kilobytes/${p.phase2.lifetimeS} seconds`, '\tResponder-Only (Y/N): N', `\tPFS (Y/N): ${p.phase2.pfs ? 'Y' : 'N'}`, ...transformSetLines(router, p.profile?.transformSets ?? []), '');
    let seq = 65537;
    for (const f of svc?.sadb.flows.values() ?? []) {
      if (f.mapTag !== p.tag) continue;
      lines.push(
        `Crypto Map "${p.tag}" ${seq++} ipsec-isakmp`,
        '\tMap is a PROFILE INSTANCE.',
        `\tPeer = ${ipv4ToString(f.peer)}`,
        '\tExtended IP access list ',
        `\t    access-list  permit gre host ${ipv4ToString(f.local)} host ${ipv4ToString(f.peer)}`,
        `\tCurrent peer: ${ipv4ToString(f.peer)}`,
        `\tSecurity association lifetime: ${p.phase2.lifetimeKb} kilobytes/${p.phase2.lifetimeS} seconds`,
        '\tResponder-Only (Y/N): N',
        `\tPFS (Y/N): ${p.phase2.pfs ? 'Y' : 'N'}`,
        ...transformSetLines(router, p.profile?.transformSets ?? []),
        `\tInterfaces using crypto map ${p.tag}:`,
        `\t\t${p.tunnel}`,
        '',
      );
    }
  }
  const applied = new Map<string, string[]>();
  for (const [name, ic] of cfg.interfaces) if (ic.cryptoMap) applied.set(ic.cryptoMap, [...(applied.get(ic.cryptoMap) ?? []), name]);
  const entries = [...cfg.crypto.cryptoMaps.values()].sort((a, b) => (a.map === b.map ? a.seq - b.seq : a.map < b.map ? -1 : 1));
  for (const e of entries) {
    const acl = e.matchAddress !== undefined ? cfg.accessLists.get(e.matchAddress) : undefined;
    const ifaces = applied.get(e.map) ?? [];
    const current = ifaces.length > 0 ? mapPoliciesOn(cfg, ifaces[0]!).find((m) => m.seq === e.seq) : undefined;
    lines.push(`Crypto Map "${e.map}" ${e.seq} ipsec-isakmp`);
    for (const peer of e.peers) lines.push(`\tPeer = ${ipv4ToString(peer)}`);
    if (acl) {
      lines.push(`\tExtended IP access list ${acl.name}`);
      for (const ace of acl.entries) lines.push(`\t    access-list ${acl.name} ${ace.action} ${ace.protocol} ${aclAddr(ace.source)} ${aclAddr(ace.destination)}`);
    } else lines.push('\tNo matching address list set.');
    if (e.peers[0] !== undefined) lines.push(`\tCurrent peer: ${ipv4ToString(e.peers[0])}`);
    lines.push(`\tSecurity association lifetime: ${current?.phase2.lifetimeKb ?? 4608000} kilobytes/${current?.phase2.lifetimeS ?? 3600} seconds`, '\tResponder-Only (Y/N): N', `\tPFS (Y/N): ${e.pfs ? 'Y' : 'N'}`);
    if (e.pfs) lines.push(`\tDH group:  group${e.pfs}`);
    lines.push(...transformSetLines(router, e.transformSets), `\tInterfaces using crypto map ${e.map}:`, ...ifaces.map((i) => `\t\t${i}`), '');
  }
  return lines;
}

function aclAddr(a: { address: Ipv4; wildcard: Ipv4 }): string {
  if (a.wildcard === 0xffffffff) return 'any';
  if (a.wildcard === 0) return `host ${ipv4ToString(a.address)}`;
  return `${ipv4ToString(a.address)} ${ipv4ToString(a.wildcard)}`;
}

const IKE_ALG: Record<string, string> = { des: 'DES', '3des': '3DES', aes: 'AES' };

export function renderEngine(router: Router): string[] {
  const svc = ipsecOf(router);
  if (!svc) return [];
  const sas = [...svc.sadb.flows.values()].flatMap((f) => [...f.inbound, ...f.outbound].filter((s) => !s.expired).map((s) => ({ f, s }))).sort((a, b) => a.s.connId - b.s.connId);
  if (router.platform.train < 15) {
    // 12.x: one row per SA with its interface and address; IKE SAs first with small ids.
    const lines = ['', '  ID Interface       IP-Address      State  Algorithm           Encrypt  Decrypt'];
    for (const sa of svc.ike.all().filter((x) => x.established)) {
      lines.push(`${String(sa.connId).padStart(4)} ${'<none>'.padEnd(15)} ${'<none>'.padEnd(15)} set    ${legacyAlg(sa.policy?.hash ?? 'sha', sa.policy?.encryption ?? 'des').padEnd(19)} ${'0'.padStart(8)} ${'0'.padStart(8)}`);
    }
    for (const { f, s } of sas) {
      const enc = s.direction === 'out' ? s.packets : 0;
      const dec = s.direction === 'in' ? s.packets : 0;
      lines.push(`${String(1999 + s.connId).padStart(4)} ${f.physical.padEnd(15)} ${ipv4ToString(f.local).padEnd(15)} set    ${legacyAlg(s.suite.auth, s.suite.cipher).padEnd(19)} ${String(enc).padStart(8)} ${String(dec).padStart(8)}`);
    }
    lines.push('');
    return lines;
  }
  const lines = ['Crypto Engine Connections', '', '   ID  Type    Algorithm           Encrypt  Decrypt LastSeqN IP-Address'];
  for (const { f, s } of sas) {
    const enc = s.direction === 'out' ? s.packets : 0;
    const dec = s.direction === 'in' ? s.packets : 0;
    const alg = `${s.suite.auth.toUpperCase()}+${s.suite.cipher.toUpperCase()}`;
    lines.push(`${String(s.connId).padStart(5)}  ${'IPsec'.padEnd(8)}${alg.padEnd(20)}${String(enc).padStart(7)}  ${String(dec).padStart(7)}  ${String(s.direction === 'in' ? s.replayTop : s.seq).padStart(7)} ${ipv4ToString(f.local)}`);
  }
  for (const sa of svc.ike.all().filter((x) => x.established)) {
    const alg = `${(sa.policy?.hash ?? '').toUpperCase()}+${IKE_ALG[sa.policy?.encryption ?? 'des']}${sa.policy?.encryption === 'aes' ? sa.policy.aesBits ?? 128 : ''}`;
    lines.push(`${String(sa.connId).padStart(5)}  ${'IKE'.padEnd(8)}${alg.padEnd(20)}${'0'.padStart(7)}  ${'0'.padStart(7)}  ${'0'.padStart(7)} ${ipv4ToString(sa.local)}`);
  }
  lines.push('');
  return lines;
}

/** 12.x names: `HMAC_MD5+DES_56_CB`, `HMAC_SHA+3DES_56_C`. */
function legacyAlg(hash: string, cipher: string): string {
  const h = hash === 'md5' ? 'HMAC_MD5' : 'HMAC_SHA';
  const c = cipher === 'des' ? 'DES_56_CB' : cipher === '3des' ? '3DES_56_C' : 'AES';
  return `${h}+${c}`;
}

// ---- debug ----------------------------------------------------------------------------------------

const DEBUG_WORDS: Record<string, string> = {
  isakmp: CRYPTO_DEBUG.isakmp,
  ipsec: CRYPTO_DEBUG.ipsec,
  socket: CRYPTO_DEBUG.socket,
  engine: CRYPTO_DEBUG.engine,
};

function debugCommands(prefix: 'debug' | 'undebug' | 'no debug'): CommandDef<Router>[] {
  const on = prefix === 'debug';
  const help = { debug: "Debugging functions (see also 'undebug')", undebug: "Disable debugging functions (see also 'debug')", no: 'Negate a command or set its defaults', crypto: 'Cryptographic subsystem' };
  return [
    {
      syntax: `${prefix} crypto (isakmp|ipsec|socket|engine)$what`,
      help: { ...help, isakmp: 'Crypto ISAKMP debug messages', ipsec: 'Crypto IPSEC debug messages', socket: 'Crypto Secure Socket debug messages', engine: 'Crypto Engine Debug Messages' },
      modes: ['priv-exec'],
      run: (ctx, a) => switchDebugFlags(ctx, [DEBUG_WORDS[a.get('what')!]!], on),
    },
    {
      syntax: `${prefix} tunnel protection`,
      help: { ...help, tunnel: 'Generic Tunnel Interface', protection: 'Tunnel protection' },
      modes: ['priv-exec'],
      run: (ctx) => switchDebugFlags(ctx, [CRYPTO_DEBUG.tunnelProtection], on),
    },
  ];
}

// ---- commands --------------------------------------------------------------------------------------

const show = (ctx: CommandContext<Router>, lines: string[]) => printLines((t) => ctx.print(t), lines);

export const cryptoStateCommands: CommandDef<Router>[] = [
  {
    syntax: 'show crypto isakmp sa [detail]',
    help: { show: SHOW, crypto: CRYPTO, isakmp: 'Show ISAKMP', sa: 'Show ISAKMP Security Associations', detail: 'Show ISAKMP SA Detail' },
    modes: ['priv-exec'],
    run: (ctx, a) => show(ctx, a.has('detail') ? renderIsakmpSaDetail(ctx.device) : renderIsakmpSa(ctx.device)),
  },
  {
    syntax: 'show crypto ipsec sa [detail] [peer A.B.C.D$peeraddr]',
    help: { show: SHOW, crypto: CRYPTO, ipsec: 'Show IPSEC policy', sa: 'IPSEC SA table', detail: 'show counter detail', peer: 'Show crypto map by peer', 'A.B.C.D': 'IPv4 address' },
    modes: ['priv-exec'],
    run: (ctx, a) => {
      const peer = a.get('peeraddr');
      show(ctx, renderIpsecSa(ctx.device, a.has('detail'), peer !== undefined ? parseIpv4(peer) : undefined));
    },
  },
  {
    syntax: 'show crypto session [detail]',
    help: { show: SHOW, crypto: CRYPTO, session: 'Show crypto sessions (tunnels)', detail: 'Show detail info' },
    modes: ['priv-exec'],
    run: (ctx, a) => show(ctx, renderSession(ctx.device, a.has('detail'))),
  },
  {
    syntax: 'show crypto sockets',
    help: { show: SHOW, crypto: CRYPTO, sockets: 'Show Secure Socket Connections' },
    modes: ['priv-exec'],
    run: (ctx) => show(ctx, renderSockets(ctx.device)),
  },
  {
    syntax: 'show crypto map',
    help: { show: SHOW, crypto: CRYPTO, map: 'Crypto maps' },
    modes: ['priv-exec'],
    run: (ctx) => show(ctx, renderCryptoMap(ctx.device)),
  },
  {
    syntax: 'show crypto engine connections active',
    help: { show: SHOW, crypto: CRYPTO, engine: 'Show crypto engine info', connections: 'Show the crypto engine connection table', active: 'Show only the active connections' },
    modes: ['priv-exec'],
    run: (ctx) => show(ctx, renderEngine(ctx.device)),
  },
  {
    syntax: 'clear crypto isakmp [<0-32766>$connid]',
    help: { clear: CLEAR, crypto: CRYPTO, isakmp: 'Flush the ISAKMP database', '<0-32766>': 'connection id of SA' },
    modes: ['priv-exec'],
    run: (ctx, a) => {
      const id = a.get('connid');
      ipsecOf(ctx.device)?.ike.clear(id !== undefined ? Number(id) : undefined);
    },
  },
  {
    syntax: 'clear crypto sa [peer A.B.C.D$peeraddr]',
    help: { clear: CLEAR, crypto: CRYPTO, sa: 'Clear all crypto SAs', peer: 'Clear all crypto SAs for a given crypto peer', 'A.B.C.D': 'IP address of crypto peer' },
    modes: ['priv-exec'],
    run: (ctx, a) => {
      const peer = a.get('peeraddr');
      ipsecOf(ctx.device)?.clearSas(peer !== undefined ? parseIpv4(peer) : undefined);
    },
  },
  {
    syntax: 'clear crypto session [remote A.B.C.D$peeraddr]',
    help: { clear: CLEAR, crypto: CRYPTO, session: 'Clear crypto sessions (tunnels)', remote: 'Remote IKE peer address', 'A.B.C.D': 'IP address' },
    modes: ['priv-exec'],
    run: (ctx, a) => {
      const peer = a.get('peeraddr');
      const svc = ipsecOf(ctx.device);
      const addr = peer !== undefined ? parseIpv4(peer) : undefined;
      svc?.clearSas(addr);
      if (addr === undefined) svc?.ike.clear();
      else for (const sa of svc?.ike.all() ?? []) if (sa.peer === addr) svc?.ike.clear(sa.connId);
    },
  },
  ...debugCommands('debug'),
  ...debugCommands('undebug'),
];

