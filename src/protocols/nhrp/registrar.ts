/**
 * The NHS half (the hub): accepts Registration Requests addressed to one of its tunnel addresses,
 * keeps a dynamic cache entry per registered spoke for the holdtime the spoke asked for, adds the
 * spoke to the multicast replication list when `ip nhrp map multicast dynamic` is set, and answers
 * with a Registration Reply carrying its own address in the Responder Address extension.
 *
 * The cache debug lines follow seed 000's hub column (Korean there; English wording back-translated
 * and matched against third-party captures of `debug nhrp cache`).
 */
import type { HostInterface } from '../host.js';
import type { TimerHandle } from '../../sim/scheduler.js';
import { type Ipv4, ipv4ToString } from '../../wire/addr.js';
import {
  NHRP_EXT_FORWARD_TRANSIT,
  NHRP_EXT_NAT,
  NHRP_EXT_RESPONDER,
  NHRP_EXT_REVERSE_TRANSIT,
  NHRP_FLAG_UNIQUE,
  NHRP_REGISTRATION_REPLY,
  type NhrpExtension,
  type NhrpPacket,
} from '../../wire/nhrp.js';
import type { NhrpCacheEntry } from './cache.js';
import type { NhrpContext } from './context.js';
import { NHRP_DEBUG } from './debug-flags.js';

/** CIE code: the unique address is already registered with another NBMA address (RFC 2332 §5.2.0.1). */
const CODE_UNIQUE_ALREADY_REGISTERED = 14;

export class NhrpRegistrar {
  /** Per tunnel: NBMA addresses learnt by registration that multicast is replicated to. */
  private readonly dynamicMulticast = new Map<string, Ipv4[]>();
  private readonly expiryTimers = new Map<string, TimerHandle>();

  constructor(private readonly ctx: NhrpContext) {}

  multicastPeers(iface: string): readonly Ipv4[] {
    return this.dynamicMulticast.get(iface) ?? [];
  }

  onRequest(i: HostInterface, p: NhrpPacket): void {
    const now = this.ctx.host.sched.now();
    const peers = { nbma: p.srcNbma, tunnel: p.srcProto };
    if (!this.ctx.host.isLocalAddress(p.dstProto)) {
      // A single-NHS cloud has nowhere to forward a registration for another server: IOS drops it.
      this.ctx.debug(NHRP_DEBUG.error, `NHRP: Registration Request for ${ipv4ToString(p.dstProto)} not for us, dropped`, peers);
      return;
    }
    this.ctx.debug(NHRP_DEBUG.protocol, `NHRP: netid_in = ${i.config.nhrp.networkId}, to_us = 1`, peers);
    const cie = p.cies[0];
    const holdS = cie?.holdTime ?? this.ctx.holdtimeS(i);
    const existing = this.ctx.cache.find(i.name, p.srcProto);
    const conflict =
      existing !== undefined && existing.unique && existing.nbma !== p.srcNbma && (existing.expires === undefined || existing.expires > now);
    if (conflict) {
      this.ctx.debug(NHRP_DEBUG.error, `NHRP: ${ipv4ToString(p.srcProto)} already registered with NBMA ${ipv4ToString(existing.nbma)}, unique`, peers);
      this.reply(i, p, CODE_UNIQUE_ALREADY_REGISTERED);
      return;
    }
    const entry: NhrpCacheEntry = {
      iface: i.name,
      proto: p.srcProto,
      prefixLength: 32,
      nbma: p.srcNbma,
      type: 'dynamic',
      unique: (p.flags & NHRP_FLAG_UNIQUE) !== 0,
      registered: true,
      created: existing?.type === 'dynamic' && existing.nbma === p.srcNbma ? existing.created : now,
      expires: now + holdS * 1000,
      requestId: p.requestId,
    };
    this.ctx.cache.upsert(entry);
    this.ctx.traceCache(existing ? 'update' : 'add', i.name, p.srcProto, p.srcNbma);
    if (!existing) this.traceNewEndpoint(i, p.srcProto, p.srcNbma);
    this.armExpiry(entry);
    if (i.config.nhrp.multicastMaps.includes('dynamic')) this.addMulticast(i, p.srcNbma);
    const own = i.tunnelSourceIp;
    if (own !== undefined) {
      this.ctx.debug(NHRP_DEBUG.cache, `NHRP: Updating our cache with NBMA: ${ipv4ToString(own)}, NBMA_ALT: ${ipv4ToString(own)}`, peers);
    }
    this.reply(i, p, 0);
  }

  /** Remove dynamic entries (all, or those of one tunnel/address) with their multicast mappings. */
  clear(pred: (e: NhrpCacheEntry) => boolean): void {
    const gone = this.ctx.cache.remove((e) => e.type === 'dynamic' && pred(e));
    for (const e of gone) this.forget(e);
  }

  private forget(e: NhrpCacheEntry): void {
    this.expiryTimers.get(this.key(e))?.cancel();
    this.expiryTimers.delete(this.key(e));
    const still = this.ctx.cache.onInterface(e.iface).some((o) => o.type === 'dynamic' && o.nbma === e.nbma);
    if (!still) {
      const list = this.dynamicMulticast.get(e.iface) ?? [];
      this.dynamicMulticast.set(e.iface, list.filter((n) => n !== e.nbma));
    }
  }

  private traceNewEndpoint(i: HostInterface, proto: Ipv4, nbma: Ipv4): void {
    const peers = { nbma, tunnel: proto };
    const vpn = `(VPN: ${ipv4ToString(proto)}, NBMA: ${ipv4ToString(nbma)})`;
    this.ctx.debug(NHRP_DEBUG.cache, `NHRP: Adding Tunnel Endpoints ${vpn}`, peers);
    this.ctx.debug(NHRP_DEBUG.cache, `NHRP: Successfully attached NHRP subblock for Tunnel Endpoints ${vpn}`, peers);
    this.ctx.debug(NHRP_DEBUG.cache, `NHRP: Inserted subblock node for cache: Target ${ipv4ToString(proto)}/32 nhop ${ipv4ToString(proto)}`, peers);
    this.ctx.debug(NHRP_DEBUG.cache, `NHRP: Converted internal dynamic cache entry for ${ipv4ToString(proto)}/32 interface ${i.name} to external`, peers);
  }

  private addMulticast(i: HostInterface, nbma: Ipv4): void {
    const list = this.dynamicMulticast.get(i.name) ?? [];
    if (list.includes(nbma)) return;
    this.dynamicMulticast.set(i.name, [...list, nbma]);
    const peers = { nbma };
    this.ctx.debug(NHRP_DEBUG.cache, `NHRP: ${this.ctx.shortName(i.name)}: Creating dynamic multicast mapping  NBMA: ${ipv4ToString(nbma)}`, peers);
    this.ctx.debug(NHRP_DEBUG.cache, `NHRP: Added dynamic multicast mapping for NBMA: ${ipv4ToString(nbma)}`, peers);
  }

  private armExpiry(e: NhrpCacheEntry): void {
    const k = this.key(e);
    this.expiryTimers.get(k)?.cancel();
    if (e.expires === undefined) return;
    this.expiryTimers.set(
      k,
      this.ctx.host.sched.scheduleAt(e.expires, () => {
        const current = this.ctx.cache.find(e.iface, e.proto);
        if (current !== e) return;
        this.ctx.cache.remove((x) => x === e);
        this.ctx.debug(NHRP_DEBUG.cache, `NHRP: Deleting cache entry for ${ipv4ToString(e.proto)}/32 interface ${e.iface}: expired`, { nbma: e.nbma, tunnel: e.proto });
        this.forget(e);
      }),
    );
  }

  private key(e: NhrpCacheEntry): string {
    return `${e.iface}/${e.proto}`;
  }

  /** Answer a registration: the request's mandatory part and CIE with `code`, our own CIE as responder. */
  private reply(i: HostInterface, req: NhrpPacket, code: number): void {
    const own = i.tunnelSourceIp;
    if (own === undefined || !i.ip) return;
    const cie = req.cies[0] ?? { code: 0, prefixLength: 32, mtu: i.mtu, holdTime: this.ctx.holdtimeS(i), preference: 0 };
    const copied = (type: number): NhrpExtension[] => req.extensions.filter((e) => e.type === type);
    const auth = this.ctx.authExtension(i);
    const p: NhrpPacket = {
      ...req,
      hopCount: 255,
      opType: NHRP_REGISTRATION_REPLY,
      cies: [{ ...cie, code }],
      extensions: [
        {
          type: NHRP_EXT_RESPONDER,
          compulsory: true,
          cies: [{ code: 0, prefixLength: 32, mtu: i.mtu, holdTime: this.ctx.holdtimeS(i), preference: 0, clientNbma: own, clientProto: i.ip.address }],
        },
        ...copied(NHRP_EXT_FORWARD_TRANSIT),
        ...copied(NHRP_EXT_REVERSE_TRANSIT),
        ...(auth ? [auth] : []),
        ...copied(NHRP_EXT_NAT),
      ],
    };
    this.ctx.send(i, req.srcNbma, p, req.srcProto, 'nhrp');
  }
}
