/**
 * NHRP on one router: receives NHRP packets from GRE (protocol type 0x2001), runs the client (spoke
 * registration) and server (hub registrar) halves, keeps static `ip nhrp map` entries in the cache,
 * and resolves tunnel next hops and multicast destinations for the mGRE datapath.
 */
import type { HostInterface, ProtocolHost, TunnelResolver } from '../host.js';
import { type Ipv4, ipv4ToString } from '../../wire/addr.js';
import { GRE_PROTO_NHRP } from '../../wire/gre.js';
import { NHRP_REGISTRATION_REPLY, NHRP_REGISTRATION_REQUEST, decodeNhrp } from '../../wire/nhrp.js';
import type { NhrpCacheEntry } from './cache.js';
import { NhrpContext } from './context.js';
import { NHRP_DEBUG, NHRP_DEBUG_FLAGS } from './debug-flags.js';
import { NhsClient, type NhsState } from './nhs-client.js';
import { NhrpRegistrar } from './registrar.js';

export { NHRP_DEBUG, NHRP_DEBUG_FLAGS, PEER_CONDITION } from './debug-flags.js';
export type { NhrpCacheEntry } from './cache.js';
export type { NhsState } from './nhs-client.js';

export class NhrpService implements TunnelResolver {
  private readonly ctx: NhrpContext;
  private readonly client: NhsClient;
  private readonly registrar: NhrpRegistrar;
  /** Tunnels whose line protocol NHRP last saw up (to print `if_up` once per transition). */
  private readonly up = new Set<string>();

  constructor(private readonly host: ProtocolHost) {
    this.ctx = new NhrpContext(host);
    this.client = new NhsClient(this.ctx);
    this.registrar = new NhrpRegistrar(this.ctx);
    host.log.registerDebugFlags(NHRP_DEBUG_FLAGS);
    host.setTunnelResolver(this);
    host.onTunnelControl(GRE_PROTO_NHRP, (tunnel, payload, outerSrc) => this.receive(tunnel, payload, outerSrc));
    // Interface events arrive in the middle of the router's reconcile: act on them once it is done.
    host.onInterfaceChange((i) => host.sched.schedule(0, () => this.sync(i.name)));
    host.onTunnelTransportReady((tunnel, nbma) => host.sched.schedule(0, () => this.transportUp(tunnel, nbma)));
    host.config.subscribe((t) => {
      if (t.kind === 'interface') host.sched.schedule(0, () => this.sync(t.name));
      if (t.kind === 'interface-removed') host.sched.schedule(0, () => this.removeInterface(t.name));
    });
  }

  // ---- queries for show commands ----------------------------------------------------------------------

  entries(iface?: string): NhrpCacheEntry[] {
    return this.ctx.cache.all().filter((e) => iface === undefined || e.iface === iface);
  }

  nhs(iface: string): readonly NhsState[] {
    return this.client.nhsOn(iface);
  }

  /** Tunnels running NHRP, in interface order. */
  interfaces(): HostInterface[] {
    return this.host.interfaces().filter((i) => this.ctx.enabledOn(i));
  }

  /** NBMA addresses multicast is replicated to (static `ip nhrp map multicast` first, then dynamic). */
  multicastNbmas(tunnel: string): Ipv4[] {
    const i = this.host.iface(tunnel);
    if (!i) return [];
    const out: Ipv4[] = [];
    for (const m of i.config.nhrp.multicastMaps) if (m !== 'dynamic' && !out.includes(m)) out.push(m);
    if (i.config.nhrp.multicastMaps.includes('dynamic')) {
      for (const n of this.registrar.multicastPeers(tunnel)) if (!out.includes(n)) out.push(n);
    }
    return out;
  }

  resolveNbma(tunnel: string, nextHop: Ipv4): Ipv4 | undefined {
    const now = this.host.sched.now();
    const e = this.ctx.cache.find(tunnel, nextHop);
    if (!e || (e.expires !== undefined && e.expires <= now)) return undefined;
    return e.nbma;
  }

  /** `clear ip nhrp [A.B.C.D]`: drop dynamic entries; spokes re-create them at their next registration. */
  clear(proto?: Ipv4): void {
    this.registrar.clear((e) => proto === undefined || e.proto === proto);
  }

  sentCount(iface: string, op: number): number {
    return this.ctx.sent.get(iface)?.get(op) ?? 0;
  }

  receivedCount(iface: string, op: number): number {
    return this.ctx.received.get(iface)?.get(op) ?? 0;
  }

  // ---- events ------------------------------------------------------------------------------------------

  /** IPsec under a protected tunnel came up: start or hurry registration with NHSs behind `nbma`. */
  private transportUp(name: string, nbma: Ipv4): void {
    const i = this.host.iface(name);
    if (!this.ctx.enabledOn(i)) return;
    const waiting = this.client.nhsOn(name).some((s) => s.flags === 'E');
    this.sync(name);
    if (waiting) this.client.transportUp(i, nbma);
  }

  private sync(name: string): void {
    const i = this.host.iface(name);
    if (!i || i.kind !== 'tunnel') return;
    this.syncStaticMaps(i);
    const running = this.ctx.enabledOn(i) && i.lineUp;
    if (!running) {
      if (this.up.delete(name)) this.client.stop(name);
      return;
    }
    if (!this.up.has(name)) {
      this.up.add(name);
      this.ctx.debug(NHRP_DEBUG.protocol, `NHRP: if_up: ${name} proto 0`);
      this.traceStaticMaps(i);
      if (i.config.nhrp.nhs.length === 0) {
        // Back-translated from seed 000 (hub column): the hub has no NHS of its own to register with.
        this.ctx.debug(NHRP_DEBUG.protocol, 'NHRP: Unable to send registration - no NHSes configured');
      }
    }
    this.client.sync(i);
  }

  /** Static entries mirror `ip nhrp map` exactly; they exist while NHRP is configured on the tunnel. */
  private syncStaticMaps(i: HostInterface): void {
    const maps = this.ctx.enabledOn(i) ? i.config.nhrp.maps : [];
    this.ctx.cache.remove((e) => e.iface === i.name && e.type === 'static' && !maps.some((m) => m.proto === e.proto && m.nbma === e.nbma));
    const now = this.host.sched.now();
    for (const m of maps) {
      if (this.ctx.cache.find(i.name, m.proto)?.type === 'static') continue;
      this.ctx.cache.upsert({ iface: i.name, proto: m.proto, prefixLength: 32, nbma: m.nbma, type: 'static', unique: false, registered: false, created: now });
    }
  }

  /** On if_up IOS (re)installs each static mapping and says so under `debug nhrp cache`. */
  private traceStaticMaps(i: HostInterface): void {
    for (const m of i.config.nhrp.maps) {
      const e = this.ctx.cache.find(i.name, m.proto);
      const fresh = e !== undefined && e.created === this.host.sched.now();
      this.ctx.traceCache(fresh ? 'add' : 'update', i.name, m.proto, m.nbma);
    }
  }

  private removeInterface(name: string): void {
    this.client.stop(name);
    this.up.delete(name);
    this.ctx.cache.remove((e) => e.iface === name && e.type === 'static');
    this.registrar.clear((e) => e.iface === name);
  }

  private receive(tunnel: string, payload: Uint8Array, outerSrc: Ipv4): void {
    const i = this.host.iface(tunnel);
    const d = decodeNhrp(payload);
    if (!d.ok) {
      this.ctx.debug(NHRP_DEBUG.error, `NHRP: Dropping malformed packet from ${ipv4ToString(outerSrc)} on ${tunnel}: ${d.error}`, { nbma: outerSrc });
      return;
    }
    // Without `ip nhrp network-id` the interface does not run NHRP and ignores what arrives.
    if (!this.ctx.enabledOn(i)) return;
    const p = d.value;
    this.ctx.traceReceive(i, p, d.value.packetSize, outerSrc);
    // A wrong authentication string is dropped silently (PROTOCOL-FACTS §1.2): the sender just retries.
    if (!this.ctx.authenticates(i, p)) return;
    if (p.opType === NHRP_REGISTRATION_REQUEST) this.registrar.onRequest(i, p);
    else if (p.opType === NHRP_REGISTRATION_REPLY) {
      // IOS reports netid_in only for packets that could be forwarded; a reply to us shows 0 (seed 000).
      this.ctx.debug(NHRP_DEBUG.protocol, 'NHRP: netid_in = 0, to_us = 1', { nbma: outerSrc, tunnel: p.dstProto });
      this.client.onReply(i, p);
    }
  }
}
