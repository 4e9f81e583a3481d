/**
 * IPsec on one router: the datapath (outbound packets selected by a crypto map ACL or leaving a
 * protected tunnel are ESP-encapsulated, or dropped and counted "no sa" while IKE is asked for SAs;
 * inbound ESP is checked and decrypted; cleartext that should have been protected is dropped), the SA
 * database, the IKE daemon it drives, tunnel-protection sockets that hold NHRP back until SAs exist,
 * rekeying before lifetimes run out, and `clear crypto sa`.
 */
import type { HostInterface, IpDatagram, ProtocolHost } from '../host.js';
import { type Ipv4, ipv4ToString } from '../../wire/addr.js';
import { decodeIpv4, encodeIpv4 } from '../../wire/ipv4.js';
import { decodeUdp, encodeUdp, IP_PROTO_UDP, UDP_PORT_ISAKMP } from '../../wire/udp.js';
import { CRYPTO_DEBUG } from '../dmvpn/debug-flags.js';
import { IkeService } from '../ike/service.js';
import { isakmpDialect } from '../ike/dialect.js';
import { CIPHERS } from '../ike/primitives.js';
import type { EspSuite, Phase2Policy } from '../ike/ipsec-proposal.js';
import { type FlowId, flowText, hex, type NegotiatedSas, type Phase2Request } from '../ike/quick-mode.js';
import { decapsulateEsp, encapsulateEsp, espSpi, IP_PROTO_ESP } from './esp.js';
import { flowKey, type IpsecFlow, type IpsecSa, Sadb } from './sadb.js';
import {
  aceProxies,
  hostFlow,
  IP_PROTO_GRE,
  mapForProxies,
  mapPoliciesOn,
  matchInboundMirror,
  matchOutbound,
  sameFlow,
  type MapPolicy,
  type TunnelPolicy,
  tunnelPolicies,
} from './policy-db.js';

const IP_PROTO_IPV4 = 4;
/** Rekey when this share of the seconds lifetime has passed (the initiator; the responder a little later). */
const SOFT_LIFETIME_SHARE = { I: 0.9, R: 0.95 };
/** IOS rate-limits its "packet not IPsec" / "invalid SPI" syslogs; one per peer per minute here. */
const SYSLOG_HOLDDOWN_MS = 60_000;

/** A tunnel-protection socket: one per protected tunnel and peer (`show crypto sockets`). */
export interface CryptoSocket {
  tunnel: string;
  local: Ipv4;
  peer: Ipv4;
  profile: string;
  state: 'Opening' | 'Open';
}

interface ProtectTarget {
  mapTag: string;
  iface: string;
  local: Ipv4;
  peer: Ipv4;
  localProxy: FlowId;
  remoteProxy: FlowId;
  phase2: Phase2Policy;
  tunnel?: string;
  profile?: string;
}

export class IpsecService {
  readonly sadb = new Sadb();
  readonly ike: IkeService;
  readonly sockets = new Map<string, CryptoSocket>();
  /** Flows IKE has been asked to key and has not answered yet, with their peer. */
  private readonly pending = new Map<string, Ipv4>();
  private engineIds = 1;
  private isakmpOn = false;
  private readonly lastSyslog = new Map<string, number>();
  private readonly tunnelSeen = new Map<string, string>();
  private readonly espRand;

  constructor(private readonly host: ProtocolHost) {
    const rand = host.rand('ike');
    this.espRand = host.rand('esp');
    const dialect = isakmpDialect(host.platform.train);
    this.ike = new IkeService({
      dialect,
      now: () => host.sched.now(),
      debug: (t) => host.log.debug(CRYPTO_DEBUG.isakmp, t),
      engineDebug: (t) => host.log.debug(CRYPTO_DEBUG.engine, t),
      syslog: (tag, t) => host.log.syslog(tag, t),
      randomBytes: (n) => bytesFrom(rand, n),
      randomU32: () => rand.nextU32(),
      schedule: (ms, fn) => host.sched.schedule(ms, fn),
      configuredPolicies: () => [...host.config.model.crypto.isakmpPolicies.values()],
      keys: () => host.config.model.crypto.isakmpKeys,
      keepalive: () => host.config.model.crypto.keepalive,
      sendUdp: (src, dst, payload) => {
        host.sendIp({ src, dst, protocol: IP_PROTO_UDP, payload: encodeUdp({ srcPort: UDP_PORT_ISAKMP, dstPort: UDP_PORT_ISAKMP, payload }, src, dst) });
      },
    });
    this.ike.binding = {
      allocateSpi: () => this.allocateSpi(),
      findPolicy: (local, peer, lp, rp) => this.findPolicy(local, peer, lp, rp),
      validated: (local, peer, lp, rp, suite) => this.validated(local, peer, lp, rp, suite),
      install: (s, role) => this.install(s, role),
      enableOutbound: (s) => this.enableOutbound(s),
      requestFailed: (peer, req) => this.pending.delete(flowKey(req.mapTag, peer, req.local, req.remote)),
      peerReset: (peer) => this.clearPeer(peer, false),
      espTraffic: (peer) => this.espTraffic(peer),
    };
    host.onIpProtocol(IP_PROTO_UDP, (dg) => this.receiveUdp(dg));
    host.addOutputFilter((dg, iface, nh) => this.outbound(dg, iface, nh));
    host.addInputFilter((dg, iface) => this.inbound(dg, iface));
    host.setTunnelTransportGate((tunnel, nbma) => this.transportReady(tunnel, nbma));
    host.onInterfaceChange((i) => host.sched.schedule(0, () => this.interfaceChanged(i.name)));
    host.config.subscribe((t) => {
      this.compiled = undefined;
      if (t.kind === 'interface' || t.kind === 'crypto') host.sched.schedule(0, () => this.configChanged(t.kind === 'interface' ? t.name : undefined));
    });
  }

  /** Packets protected toward and accepted from `peer`, over every flow with it. */
  private espTraffic(peer: Ipv4): { sent: number; received: number } {
    let sent = 0;
    let received = 0;
    for (const flow of this.sadb.flows.values()) {
      if (flow.peer !== peer) continue;
      sent += flow.counters.encaps;
      received += flow.counters.decaps;
    }
    return { sent, received };
  }

  private debug(flag: string, text: string): void {
    this.host.log.debug(flag, text);
  }

  // ---- policy lookups ------------------------------------------------------------------------------

  private get cfg() {
    return this.host.config.model;
  }

  /** Policies compiled from configuration, kept until the next change: every packet consults them. */
  private compiled: { tunnels: TunnelPolicy[]; maps: Map<string, MapPolicy[]> } | undefined;

  private tunnelPolicyList(): TunnelPolicy[] {
    this.compiled ??= { tunnels: tunnelPolicies(this.cfg), maps: new Map() };
    return this.compiled.tunnels;
  }

  private mapsOn(iface: string): MapPolicy[] {
    this.compiled ??= { tunnels: tunnelPolicies(this.cfg), maps: new Map() };
    let m = this.compiled.maps.get(iface);
    if (!m) this.compiled.maps.set(iface, (m = mapPoliciesOn(this.cfg, iface)));
    return m;
  }

  /** The protected tunnel whose GRE leaves from `src` (and, for point-to-point, goes to `dst`). */
  private protectedTunnel(src: Ipv4, dst?: Ipv4): { policy: TunnelPolicy; iface: HostInterface } | undefined {
    for (const policy of this.tunnelPolicyList()) {
      const t = this.host.iface(policy.tunnel);
      if (!t || !t.lineUp || t.tunnelSourceIp !== src) continue;
      if (dst !== undefined && !t.multipoint && t.tunnelDestination !== dst) continue;
      return { policy, iface: t };
    }
    return undefined;
  }

  private tunnelTarget(policy: TunnelPolicy, local: Ipv4, peer: Ipv4): ProtectTarget {
    return { mapTag: policy.tag, iface: policy.tunnel, local, peer, localProxy: hostFlow(local, IP_PROTO_GRE), remoteProxy: hostFlow(peer, IP_PROTO_GRE), phase2: policy.phase2, tunnel: policy.tunnel, profile: policy.profileName };
  }

  private physicalFor(local: Ipv4): string {
    return this.host.interfaces().find((i) => i.kind === 'ethernet' && i.ip?.address === local)?.name ?? this.host.lookupRoute(local)?.iface ?? '';
  }

  private ensureFlow(t: ProtectTarget): IpsecFlow {
    return this.sadb.ensureFlow({
      key: flowKey(t.mapTag, t.peer, t.localProxy, t.remoteProxy),
      iface: t.iface,
      mapTag: t.mapTag,
      local: t.local,
      peer: t.peer,
      localProxy: t.localProxy,
      remoteProxy: t.remoteProxy,
      physical: this.physicalFor(t.local),
      pfs: t.phase2.pfs,
    });
  }

  // ---- outbound ------------------------------------------------------------------------------------

  private outbound(dg: IpDatagram, iface: HostInterface, _nextHop: Ipv4): 'pass' | 'consumed' | 'drop' {
    if (dg.protocol === IP_PROTO_ESP || isIke(dg)) return 'pass';
    if (dg.protocol === IP_PROTO_GRE) {
      const tp = this.protectedTunnel(dg.src, dg.dst);
      if (tp) return this.protect(this.tunnelTarget(tp.policy, dg.src, dg.dst), dg);
    }
    const maps = this.mapsOn(iface.name);
    if (maps.length === 0 || !iface.ip) return 'pass';
    const m = matchOutbound(maps, dg);
    if (!m) return 'pass';
    m.ace.matches++;
    const peer = m.policy.entry.peers[0];
    if (peer === undefined) return 'drop';
    const proxies = aceProxies(m.ace);
    return this.protect({ mapTag: m.policy.tag, iface: iface.name, local: iface.ip.address, peer, localProxy: proxies.local, remoteProxy: proxies.remote, phase2: m.policy.phase2 }, dg);
  }

  private protect(t: ProtectTarget, dg: IpDatagram): 'consumed' | 'drop' {
    const flow = this.ensureFlow(t);
    const sa = this.sadb.currentOutbound(flow);
    if (!sa) {
      flow.counters.noSaSend++;
      this.trigger(t);
      return 'drop';
    }
    const tunnelMode = sa.suite.mode === 'tunnel';
    const inner = tunnelMode ? encodeIpv4({ ...dg, mf: false, fragmentOffset: 0 }) : dg.payload;
    const iv = bytesFrom(this.espRand, CIPHERS[sa.suite.cipher].blockLen);
    sa.seq++;
    const esp = encapsulateEsp(sa.suite, sa.keys, sa.spi, sa.seq, tunnelMode ? IP_PROTO_IPV4 : dg.protocol, inner, iv);
    flow.counters.encaps++;
    sa.packets++;
    sa.bytes += inner.length;
    this.consumeVolume(flow, sa, inner.length);
    const sent = tunnelMode
      ? this.host.sendIpUnfiltered({ src: flow.local, dst: flow.peer, protocol: IP_PROTO_ESP, payload: esp, tos: dg.tos })
      : this.host.sendIpUnfiltered({ src: dg.src, dst: dg.dst, protocol: IP_PROTO_ESP, payload: esp, ttl: dg.ttl, tos: dg.tos, df: dg.df });
    if (!sent) flow.counters.encapsFailed++;
    return 'consumed';
  }

  /** Ask IKE for SAs for this flow, once until it succeeds or fails. */
  private trigger(t: ProtectTarget): void {
    const key = flowKey(t.mapTag, t.peer, t.localProxy, t.remoteProxy);
    if (this.pending.has(key)) return;
    if (t.phase2.transformSets.length === 0) return;
    this.pending.set(key, t.peer);
    const suite = t.phase2.transformSets[0]!;
    const mode = suite.mode === 'transport' ? 'Transport' : 'Tunnel';
    const local = ipv4ToString(t.local);
    const peer = ipv4ToString(t.peer);
    this.debug(CRYPTO_DEBUG.ipsec, `IPSEC(recalculate_mtu): reset sadb_root ${this.pointer()} mtu to ${this.host.iface(this.physicalFor(t.local))?.ipMtu ?? 1500}`);
    this.debug(
      CRYPTO_DEBUG.ipsec,
      [
        'IPSEC(sa_request): ,',
        `  (key eng. msg.) OUTBOUND local= ${local}:500, remote= ${peer}:500,`,
        `    local_proxy= ${flowText(t.localProxy)} (type=${proxyType(t.localProxy)}),`,
        `    remote_proxy= ${flowText(t.remoteProxy)} (type=${proxyType(t.remoteProxy)}),`,
        `    protocol= ESP, transform= ${suite.transforms.join(' ')}  (${mode}),`,
        `    lifedur= ${t.phase2.lifetimeS}s and ${t.phase2.lifetimeKb}kb,`,
        '    spi= 0x0(0), conn_id= 0, keysize= 0, flags= 0x0',
      ].join('\n'),
    );
    const req: Phase2Request = { local: t.localProxy, remote: t.remoteProxy, policy: t.phase2, mapTag: t.mapTag };
    this.ike.request(t.local, t.peer, req);
  }

  // ---- inbound -------------------------------------------------------------------------------------

  private inbound(dg: IpDatagram, iface: HostInterface): 'pass' | 'drop' {
    if (dg.protocol === IP_PROTO_ESP && this.host.isLocalAddress(dg.dst)) {
      this.decrypt(dg, iface);
      return 'drop';
    }
    if (isIke(dg)) return 'pass';
    if (dg.protocol === IP_PROTO_GRE && this.host.isLocalAddress(dg.dst) && this.protectedTunnel(dg.dst, dg.src)) return this.notIpsec(dg);
    const maps = this.mapsOn(iface.name);
    if (maps.length > 0 && matchInboundMirror(maps, dg)) return this.notIpsec(dg);
    return 'pass';
  }

  private notIpsec(dg: IpDatagram): 'drop' {
    const src = ipv4ToString(dg.src);
    if (this.holddown(`notipsec ${src}`)) {
      this.host.log.syslog('CRYPTO-4-RECVD_PKT_NOT_IPSEC', `Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /${ipv4ToString(dg.dst)}, src_addr= ${src}, prot= ${dg.protocol}`);
    }
    return 'drop';
  }

  private holddown(key: string): boolean {
    const now = this.host.sched.now();
    const last = this.lastSyslog.get(key);
    if (last !== undefined && now - last < SYSLOG_HOLDDOWN_MS) return false;
    this.lastSyslog.set(key, now);
    return true;
  }

  private decrypt(dg: IpDatagram, iface: HostInterface): void {
    const spi = espSpi(dg.payload);
    const found = spi === undefined ? undefined : this.sadb.inboundBySpi(spi);
    if (!found || spi === undefined) {
      for (const f of this.sadb.flows.values()) if (f.peer === dg.src) f.counters.invalidSaRcv++;
      if (spi !== undefined && this.holddown(`invspi ${dg.src}`)) {
        this.host.log.syslog(
          'CRYPTO-4-RECVD_PKT_INV_SPI',
          `decaps: rec'd IPSEC packet has invalid spi for destaddr=${ipv4ToString(dg.dst)}, prot=50, spi=0x${hex(spi)}(${spi >>> 0}), srcaddr=${ipv4ToString(dg.src)}`,
        );
      }
      return;
    }
    const { flow, sa } = found;
    const r = decapsulateEsp(sa.suite, sa.keys, dg.payload);
    if (!r.ok) {
      if (r.error === 'invalid-len') flow.counters.invalidLen++;
      else if (r.error === 'verify-failed') flow.counters.verifyFailed++;
      else flow.counters.decapsFailed++;
      flow.counters.inDrop++;
      return;
    }
    if (!this.sadb.acceptSequence(sa, r.seq)) {
      flow.counters.replayFailed++;
      flow.counters.inDrop++;
      return;
    }
    let inner: IpDatagram;
    if (sa.suite.mode === 'tunnel' && r.nextHeader === IP_PROTO_IPV4) {
      const d = decodeIpv4(r.payload);
      if (!d.ok) {
        flow.counters.decapsFailed++;
        return;
      }
      const v = d.value;
      inner = { src: v.src, dst: v.dst, protocol: v.protocol, ttl: v.ttl, tos: v.tos, id: v.id, df: v.df, payload: v.payload };
    } else {
      inner = { ...dg, protocol: r.nextHeader, payload: r.payload };
    }
    if (!inFlow(flow.remoteProxy, inner.src, inner.protocol) || !inFlow(flow.localProxy, inner.dst, inner.protocol)) {
      flow.counters.invalidIdentity++;
      flow.counters.inDrop++;
      return;
    }
    flow.counters.decaps++;
    sa.packets++;
    sa.bytes += r.payload.length;
    this.consumeVolume(flow, sa, r.payload.length);
    this.host.injectReceived(inner, iface.name);
  }

  private receiveUdp(dg: IpDatagram): void {
    const u = decodeUdp(dg.payload, dg.src, dg.dst);
    if (!u.ok || u.value.dstPort !== UDP_PORT_ISAKMP) return;
    this.ike.receive(dg.src, dg.dst, u.value.payload);
  }

  // ---- what IKE asks of IPsec -------------------------------------------------------------------------

  private allocateSpi(): number {
    for (;;) {
      const spi = this.host.rand('ipsec-spi').nextU32();
      if (spi > 255 && !this.sadb.spiInUse(spi)) return spi;
    }
  }

  private findPolicy(local: Ipv4, peer: Ipv4, lp: FlowId, rp: FlowId): { policy: Phase2Policy; mapTag: string } | undefined {
    const tp = this.protectedTunnel(local);
    if (tp && sameFlow(lp, hostFlow(local, IP_PROTO_GRE)) && sameFlow(rp, hostFlow(peer, IP_PROTO_GRE))) return { policy: tp.policy.phase2, mapTag: tp.policy.tag };
    for (const i of this.host.interfaces()) {
      if (i.ip?.address !== local) continue;
      const m = mapForProxies(this.mapsOn(i.name), peer, lp, rp);
      if (m) return { policy: m.phase2, mapTag: m.tag };
    }
    if (this.host.platform.train < 15) {
      this.debug(CRYPTO_DEBUG.ipsec, 'IPSEC(validate_transform_proposal): proxy identities not supported');
    } else {
      this.debug(CRYPTO_DEBUG.ipsec, 'IPSEC(map_db_find_best): map_db_find_best did not find matching map');
      this.debug(CRYPTO_DEBUG.ipsec, 'IPSEC(ipsec_process_proposal): proxy identities not supported');
    }
    return undefined;
  }

  private validated(local: Ipv4, peer: Ipv4, lp: FlowId, rp: FlowId, suite: EspSuite): void {
    const mode = suite.mode === 'transport' ? 'Transport' : 'Tunnel';
    this.debug(CRYPTO_DEBUG.ipsec, 'IPSEC(validate_proposal_request): proposal part #1');
    this.debug(
      CRYPTO_DEBUG.ipsec,
      [
        'IPSEC(validate_proposal_request): proposal part #1,',
        `  (key eng. msg.) INBOUND local= ${ipv4ToString(local)}:0, remote= ${ipv4ToString(peer)}:0,`,
        `    local_proxy= ${flowText(lp)} (type=${proxyType(lp)}),`,
        `    remote_proxy= ${flowText(rp)} (type=${proxyType(rp)}),`,
        `    protocol= ESP, transform= NONE  (${mode}),`,
        '    lifedur= 0s and 0kb,',
        `    spi= 0x0(0), conn_id= 0, keysize= ${suite.cipher.startsWith('aes') ? suite.cipher.slice(3) : 128}, flags= 0x0`,
      ].join('\n'),
    );
    const tp = this.protectedTunnel(local);
    if (tp && !this.sockets.has(socketKey(tp.policy.tunnel, peer))) this.openSocket(tp.policy, tp.iface, local, peer, 'passive');
    this.debug(CRYPTO_DEBUG.ipsec, proxyMatchLines(local, peer, lp.protocol));
  }

  private install(s: NegotiatedSas, role: 'I' | 'R'): void {
    const tp = this.protectedTunnel(s.local);
    const target: ProtectTarget = tp
      ? this.tunnelTarget(tp.policy, s.local, s.peer)
      : { mapTag: s.mapTag, iface: this.mapInterface(s.local), local: s.local, peer: s.peer, localProxy: s.localProxy, remoteProxy: s.remoteProxy, phase2: { transformSets: [], lifetimeS: s.lifetimeS, lifetimeKb: s.lifetimeKb } };
    const flow = this.ensureFlow(target);
    flow.pfs = s.pfs;
    this.pending.delete(flowKey(s.mapTag, s.peer, s.localProxy, s.remoteProxy));
    const now = this.host.sched.now();
    // IOS starts the volume lifetime a little under the negotiated value (seed 000: 4536779 of 4608000).
    const kb = s.lifetimeKb - Math.floor(s.lifetimeKb * 0.02 * this.host.rand('ipsec-life').next());
    const make = (dir: 'in' | 'out', keys: NegotiatedSas['inbound']): IpsecSa => ({
      spi: keys.spi,
      direction: dir,
      keys,
      suite: s.suite,
      createdAt: now,
      lifetimeS: s.lifetimeS,
      kbLeft: kb,
      connId: this.engineIds++,
      seq: 0,
      replayTop: 0,
      replayBits: 0n,
      packets: 0,
      bytes: 0,
      enabled: dir === 'in' || role === 'I',
      expired: false,
    });
    const inbound = make('in', s.inbound);
    const outbound = make('out', s.outbound);
    for (const sa of [inbound, outbound]) for (const line of this.ike.dialect.engine('ipsecSa', sa.connId)) this.debug(CRYPTO_DEBUG.engine, line);
    this.debug(CRYPTO_DEBUG.isakmp, 'IPSEC(key_engine): got a queue event with 1 KMI message(s)');
    this.debug(CRYPTO_DEBUG.ipsec, proxyMatchLines(s.local, s.peer, s.localProxy.protocol));
    this.debug(CRYPTO_DEBUG.ipsec, `IPSEC(crypto_ipsec_sa_find_ident_head): reconnecting with the same proxies and peer ${ipv4ToString(s.peer)}`);
    this.debug(CRYPTO_DEBUG.ipsec, `IPSEC(policy_db_add_ident): src ${ipv4ToString(s.localProxy.addr)}, dest ${ipv4ToString(s.remoteProxy.addr)}, dest_port 0\n`);
    for (const [sa, dest] of [[inbound, s.local], [outbound, s.peer]] as const) {
      this.debug(
        CRYPTO_DEBUG.ipsec,
        [
          'IPSEC(create_sa): sa created,',
          `  (sa) sa_dest= ${ipv4ToString(dest)}, sa_proto= 50, `,
          `    sa_spi= 0x${hex(sa.spi)}(${sa.spi >>> 0}), `,
          `    sa_trans= ${s.suite.label} , sa_conn_id= ${sa.connId}`,
          `    sa_lifetime(k/sec)= (${kb}/${s.lifetimeS})`,
        ].join('\n'),
      );
    }
    this.sadb.addInbound(flow, inbound);
    this.sadb.addOutbound(flow, outbound);
    if (role === 'I') this.announceOutbound(flow, outbound);
    this.scheduleLifetime(flow, inbound, outbound, role);
    if (tp) this.socketUp(tp.policy.tunnel, s.local, s.peer, s.suite);
  }

  private enableOutbound(s: NegotiatedSas): void {
    const flow = [...this.sadb.flows.values()].find((f) => f.peer === s.peer && f.outbound.some((o) => o.spi === s.outbound.spi));
    const sa = flow?.outbound.find((o) => o.spi === s.outbound.spi);
    if (!flow || !sa) return;
    this.debug(CRYPTO_DEBUG.ipsec, 'IPSEC(key_engine): got a queue event with 1 KMI message(s)');
    this.debug(CRYPTO_DEBUG.ipsec, "IPSEC(key_engine_enable_outbound): rec'd enable notify from ISAKMP");
    this.debug(CRYPTO_DEBUG.ipsec, `IPSEC(key_engine_enable_outbound): enable SA with spi ${sa.spi >>> 0}/50`);
    sa.enabled = true;
    this.announceOutbound(flow, sa);
  }

  private announceOutbound(flow: IpsecFlow, sa: IpsecSa): void {
    const peer = ipv4ToString(flow.peer);
    this.debug(CRYPTO_DEBUG.ipsec, `IPSEC(update_current_outbound_sa): get enable SA peer ${peer} current outbound sa to SPI ${hex(sa.spi)}`);
    this.debug(CRYPTO_DEBUG.ipsec, `IPSEC(update_current_outbound_sa): updated peer ${peer} current outbound sa to SPI ${hex(sa.spi)}`);
  }

  private mapInterface(local: Ipv4): string {
    return this.host.interfaces().find((i) => i.ip?.address === local && i.config.cryptoMap !== undefined)?.name ?? this.physicalFor(local);
  }

  // ---- lifetimes -----------------------------------------------------------------------------------

  private scheduleLifetime(flow: IpsecFlow, inbound: IpsecSa, outbound: IpsecSa, role: 'I' | 'R'): void {
    const life = inbound.lifetimeS * 1000;
    this.host.sched.schedule(life * SOFT_LIFETIME_SHARE[role], () => this.softExpired(flow, outbound));
    this.host.sched.schedule(life, () => this.hardExpired(flow, [inbound, outbound]));
  }

  /** Rekey: ask for a fresh pair unless a newer one already exists (the peer rekeyed first). */
  private softExpired(flow: IpsecFlow, outbound: IpsecSa): void {
    if (outbound.expired || this.sadb.flows.get(flow.key) !== flow) return;
    if (flow.outbound[flow.outbound.length - 1] !== outbound) return;
    const t = this.targetOf(flow);
    if (t) this.trigger(t);
  }

  private hardExpired(flow: IpsecFlow, sas: IpsecSa[]): void {
    for (const sa of sas) {
      if (sa.expired) continue;
      this.debug(CRYPTO_DEBUG.ipsec, `IPSEC(delete_sa): deleting SA,\n  (sa) sa_dest= ${ipv4ToString(sa.direction === 'in' ? flow.local : flow.peer)}, sa_proto= 50, \n    sa_spi= 0x${hex(sa.spi)}(${sa.spi >>> 0}), \n    sa_trans= ${sa.suite.label} , sa_conn_id= ${sa.connId}`);
      this.sadb.remove(flow, sa);
    }
  }

  private consumeVolume(flow: IpsecFlow, sa: IpsecSa, bytes: number): void {
    sa.kbLeft -= bytes / 1024;
    if (sa.kbLeft <= 0) {
      this.hardExpired(flow, [sa]);
      const t = this.targetOf(flow);
      if (t) this.trigger(t);
    }
  }

  /** Rebuild the request for an existing flow from current configuration. */
  private targetOf(flow: IpsecFlow): ProtectTarget | undefined {
    const tp = this.protectedTunnel(flow.local);
    if (tp && flow.mapTag === tp.policy.tag) return this.tunnelTarget(tp.policy, flow.local, flow.peer);
    const m = mapForProxies(this.mapsOn(flow.iface), flow.peer, flow.localProxy, flow.remoteProxy);
    if (!m) return undefined;
    return { mapTag: m.tag, iface: flow.iface, local: flow.local, peer: flow.peer, localProxy: flow.localProxy, remoteProxy: flow.remoteProxy, phase2: m.phase2 };
  }

  // ---- tunnel protection ---------------------------------------------------------------------------

  private transportReady(tunnel: string, nbma: Ipv4): boolean {
    const policy = this.tunnelPolicyList().find((p) => p.tunnel === tunnel);
    if (!policy) return true;
    return this.sockets.get(socketKey(tunnel, nbma))?.state === 'Open';
  }

  private ifc(policy: TunnelPolicy, iface: HostInterface, local?: Ipv4, peer?: Ipv4): string {
    const kind = iface.multipoint ? 'MGRE' : 'GRE';
    const short = policy.tunnel.replace(/^Tunnel/, 'Tu');
    return local === undefined ? `IPSEC-IFC ${kind}/${short}:` : `IPSEC-IFC ${kind}/${short}(${ipv4ToString(local)}/${ipv4ToString(peer!)}):`;
  }

  // The IPSEC-IFC and CRYPTO_SS wordings below are translated back from seed 000's Korean rendering.
  private openSocket(policy: TunnelPolicy, iface: HostInterface, local: Ipv4, peer: Ipv4, how: 'active' | 'passive'): void {
    const P = this.ifc(policy, iface, local, peer);
    const TP = CRYPTO_DEBUG.tunnelProtection;
    this.debug(TP, `${P} connection lookup returned 0`);
    this.debug(TP, `${this.ifc(policy, iface)} crypto_ss_listen_start already listening`);
    this.debug(TP, `${P} Opening a socket with profile ${policy.profileName}`);
    this.debug(TP, `${P} connection lookup returned 0`);
    this.debug(TP, `${P} Triggering tunnel immediately.`);
    this.debug(TP, `${this.ifc(policy, iface)} Adding ${policy.tunnel} tunnel interface to shared list`);
    if (how === 'passive') {
      this.debug(TP, `${P} tunnel_protection_start_pending_timer ${this.pointer()}`);
      this.debug(TP, `${P} Listen request`);
    }
    this.sockets.set(socketKey(policy.tunnel, peer), { tunnel: policy.tunnel, local, peer, profile: policy.profileName, state: 'Opening' });
    const l = ipv4ToString(local);
    const r = ipv4ToString(peer);
    this.debug(
      CRYPTO_DEBUG.socket,
      `CRYPTO_SS(TUNNEL SEC): ${how === 'active' ? 'Active' : 'Passive'} open, socket info: local ${l} ${l}/255.255.255.255/0, remote ${r} ${r}/255.255.255.255/0, prot 47, ifc ${policy.tunnel.replace(/^Tunnel/, 'Tu')}`,
    );
  }

  private socketUp(tunnel: string, local: Ipv4, peer: Ipv4, suite: EspSuite): void {
    const policy = this.tunnelPolicyList().find((p) => p.tunnel === tunnel);
    const iface = this.host.iface(tunnel);
    if (!policy || !iface) return;
    let sock = this.sockets.get(socketKey(tunnel, peer));
    if (!sock) {
      this.openSocket(policy, iface, local, peer, 'passive');
      sock = this.sockets.get(socketKey(tunnel, peer))!;
    }
    const P = this.ifc(policy, iface, local, peer);
    const TP = CRYPTO_DEBUG.tunnelProtection;
    this.debug(CRYPTO_DEBUG.socket, 'CRYPTO_SS(TUNNEL SEC): Application bound to socket');
    this.debug(TP, `${P} Socket ready message`);
    this.debug(TP, `${P} tunnel_protection_socket_up`);
    this.debug(TP, `${P} Signalling NHRP`);
    const physical = this.host.iface(this.physicalFor(local));
    this.debug(TP, `${P} Got MTU message mtu ${plaintextMtu(physical?.ipMtu ?? 1500, suite)}`);
    sock.state = 'Open';
    this.host.signalTunnelTransportReady(tunnel, peer);
  }

  /** A protected tunnel came up (or its configuration changed): start listening; point-to-point triggers at once. */
  private interfaceChanged(name: string): void {
    const policy = this.tunnelPolicyList().find((p) => p.tunnel === name);
    const iface = this.host.iface(name);
    if (!policy || !iface) return;
    const TP = CRYPTO_DEBUG.tunnelProtection;
    // Interface and configuration events both arrive for one change; act once per actual change.
    const seen = `${iface.lineUp}|${iface.tunnelSourceIp}|${iface.tunnelDestination}|${policy.profileName}`;
    if (this.tunnelSeen.get(name) === seen) return;
    this.tunnelSeen.set(name, seen);
    if (!iface.lineUp) {
      this.tunnelDown(name);
      return;
    }
    this.debug(TP, `${this.ifc(policy, iface)} Checking tunnel status`);
    this.debug(TP, `${this.ifc(policy, iface)} tunnel coming up`);
    this.debug(TP, `${this.ifc(policy, iface)} crypto_ss_listen_start already listening`);
    this.isakmpOnOff();
    const local = iface.tunnelSourceIp;
    const peer = iface.tunnelDestination;
    // Flows of an old tunnel source or destination no longer describe this tunnel.
    for (const f of [...this.sadb.flows.values()]) {
      if (f.iface === name && (f.local !== local || (!iface.multipoint && f.peer !== peer))) this.sadb.deleteFlow(f);
    }
    if (iface.multipoint || local === undefined || peer === undefined) return;
    const existing = this.sockets.get(socketKey(name, peer));
    if (existing && existing.local !== local) this.sockets.delete(socketKey(name, peer));
    if (!this.sockets.has(socketKey(name, peer))) {
      this.openSocket(policy, iface, local, peer, 'active');
      this.debug(CRYPTO_DEBUG.socket, 'CRYPTO_SS(TUNNEL SEC): Application started listening');
    }
    const t = this.tunnelTarget(policy, local, peer);
    const flow = this.ensureFlow(t);
    if (!this.sadb.currentOutbound(flow)) this.trigger(t);
  }

  /** A protected tunnel went down: its sockets close and its SAs go, the peer told, as IOS tears them down. */
  private tunnelDown(name: string): void {
    for (const [k, sock] of [...this.sockets]) {
      if (sock.tunnel !== name) continue;
      this.sockets.delete(k);
      // The phase-1 DELETE tells the peer to drop the IPsec SAs too; without it, an IPsec DELETE alone.
      const lastUse = ![...this.sockets.values()].some((s) => s.peer === sock.peer);
      this.clearPeer(sock.peer, !lastUse);
      const sa = lastUse ? this.ike.saWith(sock.peer) : undefined;
      if (sa) this.ike.clear(sa.connId);
    }
  }

  private configChanged(iface: string | undefined): void {
    this.isakmpOnOff();
    if (iface) this.interfaceChanged(iface);
  }

  /** `%CRYPTO-6-ISAKMP_ON_OFF` when the first crypto map or protected tunnel appears (and when the last goes). */
  private isakmpOnOff(): void {
    const cfg = this.cfg;
    const needed = tunnelPolicies(cfg).length > 0 || [...cfg.interfaces.values()].some((i) => i.cryptoMap !== undefined);
    if (needed === this.isakmpOn) return;
    this.isakmpOn = needed;
    this.host.log.syslog('CRYPTO-6-ISAKMP_ON_OFF', `ISAKMP is ${needed ? 'ON' : 'OFF'}`);
  }

  // ---- clear ---------------------------------------------------------------------------------------

  /** Drop every IPsec SA with `peer`; `notify` sends the peer a DELETE (`clear crypto sa`). */
  clearPeer(peer: Ipv4, notify: boolean): void {
    const gone = this.sadb.removePeer(peer);
    if (notify) this.ike.sendIpsecDelete(peer, gone.filter((s) => s.direction === 'in').map((s) => s.spi));
    for (const sock of this.sockets.values()) if (sock.peer === peer) sock.state = 'Opening';
    for (const [k, p] of [...this.pending]) if (p === peer) this.pending.delete(k);
  }

  /** `clear crypto sa [peer A]`. */
  clearSas(peer?: Ipv4): void {
    const peers = new Set([...this.sadb.flows.values()].map((f) => f.peer));
    for (const p of peers) if (peer === undefined || p === peer) this.clearPeer(p, true);
  }

  private pointer(): string {
    return (0x8000000 + (this.host.rand('ike').nextU32() % 0x7ffffff)).toString(16).toUpperCase();
  }
}

function socketKey(tunnel: string, peer: Ipv4): string {
  return `${tunnel}|${peer}`;
}

function isIke(dg: IpDatagram): boolean {
  if (dg.protocol !== IP_PROTO_UDP || dg.payload.length < 4) return false;
  const sport = (dg.payload[0]! << 8) | dg.payload[1]!;
  const dport = (dg.payload[2]! << 8) | dg.payload[3]!;
  return sport === UDP_PORT_ISAKMP || dport === UDP_PORT_ISAKMP;
}

function inFlow(f: FlowId, addr: Ipv4, protocol: number): boolean {
  return ((addr & f.mask) >>> 0) === ((f.addr & f.mask) >>> 0) && (f.protocol === 0 || f.protocol === protocol);
}

function proxyType(f: FlowId): number {
  return f.mask === 0xffffffff ? 1 : 4;
}

function proxyMatchLines(src: Ipv4, dst: Ipv4, protocol: number): string {
  return `Crypto mapdb : proxy_match\n        src addr     : ${ipv4ToString(src)}\n        dst addr     : ${ipv4ToString(dst)}\n        protocol     : ${protocol}\n        src port     : 0\n        dst port     : 0`;
}

/**
 * The largest packet that still fits the path once ESP is added (`plaintext mtu`, the tunnel's "MTU
 * message"). IOS budgets the new IP header, the ESP header, a 16-byte IV whatever the cipher (its
 * `IV size: 16 bytes`), the ICV and the 2-byte trailer, rounding the encrypted part to the block size;
 * in transport mode the original IP header rides outside the encryption. This gives seed 000's 1458
 * for transport esp-3des esp-sha-hmac and 1438 for tunnel-mode AES-256/SHA on a 1500-byte path.
 */
export function plaintextMtu(pathMtu: number, suite: EspSuite): number {
  const block = CIPHERS[suite.cipher].blockLen;
  const room = pathMtu - 20 - 8 - 16 - (suite.auth === 'sha256' ? 16 : 12);
  const fit = Math.floor(room / block) * block - 2;
  return suite.mode === 'tunnel' ? fit : fit + 20;
}

function bytesFrom(r: { nextU32(): number }, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const v = r.nextU32();
    for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (8 * k)) & 255;
  }
  return out;
}
