/**
 * One classic EIGRP process (`router eigrp AS`): interfaces enabled by `network` statements, hellos and
 * hold timers, neighbour discovery, the INIT exchange and reliable updates, the topology table and the
 * routes it installs, split horizon, and the `%DUAL-5-NBRCHANGE` messages IOS logs.
 */
import type { HostInterface, ProtocolHost, RouteChange } from '../host.js';
import type { EigrpConfig } from '../../config/model.js';
import type { RandomStream } from '../../sim/rng.js';
import type { TimerHandle } from '../../sim/scheduler.js';
import { type Ipv4, ipv4ToString, maskToPrefix, networkOf, parseIpv4, prefixToMask } from '../../wire/addr.js';
import {
  EIGRP_FLAG_EOT,
  EIGRP_FLAG_INIT,
  EIGRP_HELLO,
  EIGRP_QUERY,
  EIGRP_REPLY,
  EIGRP_UPDATE,
  type EigrpPacket,
  type EigrpRouteMetric,
  type EigrpTlv,
  TLV_IPV4_INTERNAL,
  TLV_PARAMETER,
  TLV_SOFTWARE_VERSION,
  encodeEigrp,
} from '../../wire/eigrp.js';
import { type PathVector, DEFAULT_K, UNREACHABLE, compositeMetric, defaultTimers, extendPath, scaledBandwidth } from './metric.js';
import { EigrpNeighbor, RETRY_LIMIT, type ReliablePacket, neighborKey } from './neighbor.js';
import { type Candidate, Topology, metricOf, prefixKey, sameAdvertisement } from './topology.js';
import { EIGRP_DEBUG } from './debug-flags.js';

export const IP_PROTO_EIGRP = 88;
export const ALL_EIGRP_ROUTERS = parseIpv4('224.0.0.10')!;
/** IPv4 (20) and EIGRP (20) headers, and the largest IPv4 internal route TLV (4 + 20 + 1 + 4). */
const IP_AND_EIGRP_HEADERS = 40;
const MAX_ROUTE_TLV_BYTES = 29;
/** Window in which topology changes are gathered into one update per neighbour. */
const UPDATE_COALESCE_MS = 20;
const OPCODE_NAMES: Record<number, string> = { 1: 'UPDATE', 3: 'QUERY', 4: 'REPLY', 5: 'HELLO', 10: 'SIAQUERY', 11: 'SIAREPLY' };

/** One entry whose successor changed since neighbours were last told, with the TLVs built for it. */
interface AdvertisedChange {
  id: number;
  before?: Candidate;
  now?: Candidate;
  reachable?: EigrpTlv;
  unreachable?: EigrpTlv;
}

interface EnabledInterface {
  name: string;
  helloTimer?: TimerHandle;
}

export class EigrpProcess {
  readonly topology = new Topology();
  readonly neighbors = new Map<string, EigrpNeighbor>();
  private readonly enabled = new Map<string, EnabledInterface>();
  private nextSeq = 1;
  private flushQueued = false;
  /** Entries touched since the last update: routes to install and changes to tell neighbours. */
  private readonly dirty = new Set<number>();
  /** Split horizon per enabled interface as last applied; a change resyncs its neighbours. */
  private readonly splitHorizonState = new Map<string, boolean>();
  /** Route TLVs last built per topology row (see rowTlv). */
  private readonly rowTlvs = new Map<number, EigrpTlv>();
  /** Encoded hellos by hold time (see sendHello). */
  private readonly helloCache = new Map<number, { tlvs: EigrpTlv[]; bytes: Uint8Array }>();
  /** The last candidate learnt, with what it was made from (see learnedCandidate). */
  private lastLearned?: { neighbor: string; route: EigrpRouteMetric; ifaceDelay: number; ifaceBw: number; ifaceMtu: number; candidate: Candidate };
  private readonly rand: RandomStream;
  private stopped = false;

  constructor(
    private readonly host: ProtocolHost,
    readonly as: number,
  ) {
    this.rand = host.rand(`eigrp${as}`);
  }

  private get config(): EigrpConfig | undefined {
    return this.host.config.model.eigrp.get(this.as);
  }

  get owner(): string {
    return `eigrp ${this.as}`;
  }

  /** Router ID: configured, else the highest loopback address, else the highest interface address. */
  routerId(): Ipv4 {
    const configured = this.config?.routerId;
    if (configured !== undefined) return configured;
    const ips = (kind?: string) => this.host.interfaces().filter((i) => i.ip && i.lineUp && (!kind || i.kind === kind)).map((i) => i.ip!.address);
    const loops = ips('loopback');
    const pool = loops.length > 0 ? loops : ips();
    return pool.length > 0 ? Math.max(...pool) >>> 0 : 0;
  }

  enabledInterfaces(): string[] {
    return [...this.enabled.keys()];
  }

  // ---- configuration and interface state -------------------------------------------------------------

  /** Whether a `network` statement covers `i` and IOS would run EIGRP on it now. */
  private covers(i: HostInterface): boolean {
    const cfg = this.config;
    if (!cfg || !i.ip || !i.lineUp) return false;
    if (cfg.passiveInterfaces.includes(i.name)) return false;
    return cfg.networks.some((n) => {
      const wildcard = n.wildcard ?? (~classfulMask(n.address) >>> 0);
      const care = ~wildcard >>> 0;
      return ((i.ip!.address & care) >>> 0) === ((n.address & care) >>> 0);
    });
  }

  /** Re-read configuration and interface states: start or stop interfaces, refresh connected routes. */
  sync(): void {
    if (this.stopped) return;
    const now = this.host.sched.now();
    const want = new Set(this.host.interfaces().filter((i) => this.covers(i)).map((i) => i.name));
    for (const [name, e] of this.enabled) {
      if (want.has(name)) continue;
      e.helloTimer?.cancel();
      this.enabled.delete(name);
      for (const n of [...this.neighbors.values()]) if (n.iface === name) this.neighborDown(n, 'interface down');
    }
    for (const name of want) {
      if (this.enabled.has(name)) continue;
      const e: EnabledInterface = { name };
      this.enabled.set(name, e);
      e.helloTimer = this.host.sched.schedule(0, () => this.helloTick(name));
    }
    // Connected prefixes of EIGRP interfaces are in the table with the interface's own metric.
    const connected = new Set<number>();
    for (const name of want) {
      const i = this.host.iface(name)!;
      const ip = i.ip!;
      const len = maskToPrefix(ip.mask) ?? 32;
      const path: PathVector = { delay: Math.floor(i.delayUsec / 10), bandwidthKbps: i.bandwidthKbps, hopCount: 0, mtu: i.ipMtu };
      const network = networkOf(ip.address, ip.mask);
      const id = this.topology.set(network, len, undefined, { iface: name, reported: path, path, metric: compositeMetric(path) }, now);
      this.touch(id);
      connected.add(id);
    }
    for (const id of this.topology.ids()) {
      if (!connected.has(id) && this.topology.candidatesOf(id).some((c) => c.neighbor === undefined)) {
        this.touch(this.topology.set(this.topology.prefixOf(id), this.topology.lengthOf(id), undefined, undefined, now));
      }
    }
    this.resyncOnSplitHorizonChange(want);
    this.changed();
  }

  /**
   * `[no] ip split-horizon eigrp` changes what an interface's neighbours should hold: IOS resyncs them
   * (logging it) and re-sends its table, with the routes split horizon now hides sent as unreachable.
   */
  private resyncOnSplitHorizonChange(enabled: Set<string>): void {
    for (const name of [...this.splitHorizonState.keys()]) if (!enabled.has(name)) this.splitHorizonState.delete(name);
    for (const name of enabled) {
      const on = this.splitHorizonOn(name);
      const before = this.splitHorizonState.get(name);
      this.splitHorizonState.set(name, on);
      if (before === undefined || before === on) continue;
      for (const n of this.neighbors.values()) {
        if (n.iface !== name) continue;
        this.nbrChange(n.addr, n.iface, 'resync: split horizon changed');
        if (n.initAcked) this.sendTable(n, true);
      }
    }
  }

  /** Remember a topology row (-1: none) for the next update. */
  private touch(id: number): void {
    if (id >= 0) this.dirty.add(id);
  }

  /** `no router eigrp`: neighbours go down, routes and timers go away. */
  stop(): void {
    for (const n of [...this.neighbors.values()]) this.neighborDown(n, 'interface down', false);
    for (const e of this.enabled.values()) e.helloTimer?.cancel();
    this.enabled.clear();
    this.host.setProtocolRoutes(this.owner, []);
    this.stopped = true;
  }

  private timers(iface: string): { hello: number; hold: number } {
    const i = this.host.iface(iface);
    const d = defaultTimers();
    return { hello: i?.config.eigrpHello[this.as] ?? d.hello, hold: i?.config.eigrpHold[this.as] ?? d.hold };
  }

  // ---- hellos -------------------------------------------------------------------------------------------

  private helloTick(name: string): void {
    const e = this.enabled.get(name);
    if (!e || this.stopped) return;
    this.sendHello(name);
    const { hello } = this.timers(name);
    // IOS jitters hellos slightly so routers started together do not stay in step.
    const jitter = Math.floor(this.rand.next() * hello * 100);
    e.helloTimer = this.host.sched.schedule(hello * 1000 - jitter, () => this.helloTick(name));
  }

  private sendHello(iface: string, ack = 0, to?: EigrpNeighbor): void {
    if (ack !== 0) {
      this.transmit(iface, to, { opcode: EIGRP_HELLO, flags: 0, seq: 0, tlvs: [] }, ack);
      return;
    }
    // A hello is the same bytes every time for a given hold time; routers send one on every enabled
    // interface (loopbacks included) every few seconds, so it is built once.
    const hold = this.timers(iface).hold;
    let hello = this.helloCache.get(hold);
    if (!hello) {
      const tlvs: EigrpTlv[] = [
        { type: TLV_PARAMETER, params: { ...DEFAULT_K, holdTime: hold } },
        { type: TLV_SOFTWARE_VERSION, iosMajor: 12, iosMinor: 4, tlvMajor: 1, tlvMinor: 2 },
      ];
      hello = { tlvs, bytes: encodeEigrp(this.packet(EIGRP_HELLO, 0, 0, 0, tlvs)) };
      this.helloCache.set(hold, hello);
    }
    this.transmit(iface, to, { opcode: EIGRP_HELLO, flags: 0, seq: 0, tlvs: hello.tlvs }, 0, undefined, hello.bytes);
  }

  // ---- sending --------------------------------------------------------------------------------------------

  private packet(opcode: number, flags: number, sequence: number, ack: number, tlvs: EigrpTlv[]): EigrpPacket {
    return { version: 2, opcode, flags, sequence, ack, virtualRouterId: 0, as: this.as, tlvs };
  }

  private transmit(
    iface: string,
    to: EigrpNeighbor | undefined,
    p: { opcode: number; flags: number; seq: number; tlvs: EigrpTlv[] },
    ack: number,
    retry?: number,
    encoded?: Uint8Array,
  ): void {
    const i = this.host.iface(iface);
    if (!i?.ip) return;
    const pkt = this.packet(p.opcode, p.flags, p.seq, ack, p.tlvs);
    if (this.host.log.isDebugOn(EIGRP_DEBUG.packets)) {
      const name = p.opcode === EIGRP_HELLO && ack !== 0 ? 'ACK' : OPCODE_NAMES[p.opcode] ?? `OPCODE ${p.opcode}`;
      const target = to ? ` nbr ${ipv4ToString(to.addr)}` : '';
      const retryText = retry !== undefined ? `, retry ${retry}, RTO ${to!.rtoMs}` : '';
      this.debugPacket(`EIGRP: Sending ${name} on ${iface}${target}${retryText}`, pkt, to);
    }
    const dst = to ? to.addr : ALL_EIGRP_ROUTERS;
    this.host.sendIpOnInterface({ src: i.ip.address, dst, protocol: IP_PROTO_EIGRP, payload: encoded ?? encodeEigrp(pkt), ttl: 2 }, iface, dst);
  }

  private debugPacket(headline: string, p: EigrpPacket, n?: EigrpNeighbor): void {
    if (!this.host.log.isDebugOn(EIGRP_DEBUG.packets)) return;
    const peer = n ? ` peerQ un/rely 0/${n.queue.length}` : '';
    this.host.log.debug(EIGRP_DEBUG.packets, headline);
    this.host.log.debug(EIGRP_DEBUG.packets, `  AS ${this.as}, Flags 0x${p.flags.toString(16).toUpperCase()}, Seq ${p.sequence}/${p.ack} idbQ 0/0 iidbQ un/rely 0/0${peer}`);
  }

  /**
   * Queue a reliable packet for `n`. Route TLVs are split over as many packets as the interface's IP MTU
   * needs, as IOS does, so an update never relies on fragmentation; the flags (EOT) go on the last one.
   */
  private enqueue(n: EigrpNeighbor, opcode: number, flags: number, tlvs: EigrpTlv[]): void {
    const mtu = this.host.iface(n.iface)?.ipMtu ?? 1500;
    const perPacket = Math.max(1, Math.floor((mtu - IP_AND_EIGRP_HEADERS) / MAX_ROUTE_TLV_BYTES));
    const wasIdle = n.queue.length === 0;
    for (let i = 0; i === 0 || i < tlvs.length; i += perPacket) {
      const last = i + perPacket >= tlvs.length;
      const chunkFlags = last ? flags : flags & ~EIGRP_FLAG_EOT;
      n.queue.push({ opcode, flags: chunkFlags, seq: this.nextSeq++, tlvs: tlvs.slice(i, i + perPacket) });
    }
    if (wasIdle) this.sendHead(n, false);
  }

  private sendHead(n: EigrpNeighbor, isRetry: boolean): void {
    const head = n.queue[0];
    if (!head) return;
    if (!isRetry) {
      n.retries = 0;
      head.firstSentAt = this.host.sched.now();
    }
    this.transmit(n.iface, n, head, n.lastSeqReceived, isRetry ? n.retries : undefined);
    n.retransmitTimer?.cancel();
    n.retransmitTimer = this.host.sched.schedule(n.rtoMs, () => {
      if (!this.isCurrent(n)) return;
      n.retries++;
      if (n.retries > RETRY_LIMIT) {
        this.neighborDown(n, 'retry limit exceeded');
        return;
      }
      this.sendHead(n, true);
    });
  }

  private isCurrent(n: EigrpNeighbor): boolean {
    return this.neighbors.get(n.key) === n;
  }

  private acknowledged(n: EigrpNeighbor, ack: number): void {
    const head = n.queue[0];
    if (!head || ack !== head.seq) return;
    if (n.retries === 0 && head.firstSentAt !== undefined) n.measure(this.host.sched.now() - head.firstSentAt);
    n.retransmitTimer?.cancel();
    n.queue.shift();
    if (head.flags & EIGRP_FLAG_INIT) {
      n.initAcked = true;
      this.sendTable(n, false);
    }
    this.sendHead(n, false);
  }

  // ---- receiving ------------------------------------------------------------------------------------------

  receive(src: Ipv4, iface: HostInterface, p: EigrpPacket): void {
    if (this.stopped || p.as !== this.as || !this.enabled.has(iface.name)) return;
    const ip = iface.ip;
    // Neighbours must share the interface's subnet; anything else is ignored as IOS does.
    if (!ip || networkOf(src, ip.mask) !== networkOf(ip.address, ip.mask) || src === ip.address) return;
    let n = this.neighbors.get(neighborKey(iface.name, src));
    if (this.host.log.isDebugOn(EIGRP_DEBUG.packets)) {
      const name = p.opcode === EIGRP_HELLO && p.ack !== 0 ? 'ACK' : OPCODE_NAMES[p.opcode] ?? `OPCODE ${p.opcode}`;
      this.debugPacket(`EIGRP: Received ${name} on ${iface.name} nbr ${ipv4ToString(src)}`, p, n);
    }
    if (p.opcode === EIGRP_HELLO && p.ack === 0) {
      const param = p.tlvs.find((t) => t.type === TLV_PARAMETER);
      if (param && 'params' in param) {
        const k = param.params;
        if (k.k1 !== DEFAULT_K.k1 || k.k2 !== DEFAULT_K.k2 || k.k3 !== DEFAULT_K.k3 || k.k4 !== DEFAULT_K.k4 || k.k5 !== DEFAULT_K.k5) {
          if (n) this.neighborDown(n, 'K-value mismatch');
          else this.nbrChange(src, iface.name, 'down: K-value mismatch');
          return;
        }
        if (!n) n = this.neighborUp(src, iface.name, k.holdTime);
        n.holdS = k.holdTime;
      }
    }
    if (!n) return; // packets from routers we have no adjacency with are not acknowledged
    this.resetHold(n);
    if (p.ack !== 0) this.acknowledged(n, p.ack);
    if (p.sequence === 0 || !this.isCurrent(n)) return;
    // A reliable packet: acknowledge it (again, if it is a retransmission) and process it once.
    const duplicate = p.sequence <= n.lastSeqReceived;
    n.lastSeqReceived = Math.max(n.lastSeqReceived, p.sequence);
    this.sendHello(n.iface, p.sequence, n);
    if (duplicate) return;
    if (p.opcode === EIGRP_UPDATE) this.onUpdate(n, p);
    else if (p.opcode === EIGRP_QUERY) this.onQuery(n, p);
  }

  private onUpdate(n: EigrpNeighbor, p: EigrpPacket): void {
    if ((p.flags & EIGRP_FLAG_INIT) !== 0) {
      if (n.peerInitSeen) {
        // A second INIT: the neighbour started over (it rebooted or cleared us), so do we.
        this.neighborDown(n, 'peer restarted');
        return;
      }
      n.peerInitSeen = true;
    }
    this.applyRoutes(n, p.tlvs);
  }

  private onQuery(n: EigrpNeighbor, p: EigrpPacket): void {
    this.applyRoutes(n, p.tlvs);
    const replies: EigrpTlv[] = [];
    for (const t of p.tlvs) {
      if (t.type !== TLV_IPV4_INTERNAL || !('route' in t)) continue;
      const id = this.topology.idOf(t.route.destination, t.route.prefixLength);
      const best = id >= 0 ? this.topology.bestOf(id) : undefined;
      const hidden = best !== undefined && this.hiddenBySplitHorizon(n.iface, this.splitHorizonOn(n.iface), best);
      replies.push(this.routeTlv(t.route.destination, t.route.prefixLength, best && !hidden ? best.path : undefined));
    }
    this.enqueue(n, EIGRP_REPLY, 0, replies);
  }

  private applyRoutes(n: EigrpNeighbor, tlvs: EigrpTlv[]): void {
    const i = this.host.iface(n.iface);
    if (!i) return;
    const now = this.host.sched.now();
    const debugRoutes = this.host.log.isDebugOn(EIGRP_DEBUG.routes);
    if (debugRoutes) this.routeEvent('Processing incoming UPDATE packet');
    for (const t of tlvs) {
      if (t.type !== TLV_IPV4_INTERNAL || !('route' in t)) continue;
      const r = t.route;
      const c = r.delay < UNREACHABLE ? this.learnedCandidate(n, i, r) : undefined;
      if (c && debugRoutes) this.routeEvent(`Int ${prefixKey(r.destination, r.prefixLength)} M ${metricText(c.path)} SM ${metricText(c.reported)}`);
      this.touch(this.topology.set(r.destination, r.prefixLength, n.key, c, now));
    }
    this.changed();
  }

  /**
   * The candidate a route TLV from `n` makes. Candidates are never changed in place, so consecutive routes
   * with the same metric through the same neighbour share one: a spoke of a large lab learns thousands of
   * loopbacks from the hub, all with the same path.
   */
  private learnedCandidate(n: EigrpNeighbor, i: HostInterface, r: EigrpRouteMetric): Candidate {
    const last = this.lastLearned;
    if (
      last &&
      last.neighbor === n.key &&
      last.route.delay === r.delay &&
      last.route.bandwidth === r.bandwidth &&
      last.route.hopCount === r.hopCount &&
      last.route.mtu === r.mtu &&
      last.ifaceDelay === i.delayUsec &&
      last.ifaceBw === i.bandwidthKbps &&
      last.ifaceMtu === i.ipMtu
    ) {
      return last.candidate;
    }
    const reported: PathVector = { delay: r.delay, bandwidthKbps: r.bandwidth > 0 ? Math.floor(10_000_000 / r.bandwidth) : 0, hopCount: r.hopCount, mtu: r.mtu };
    const path = extendPath(reported, i.delayUsec, i.bandwidthKbps, i.ipMtu);
    const candidate: Candidate = { neighbor: n.key, nextHop: n.addr, iface: n.iface, reported, path, metric: compositeMetric(path) };
    this.lastLearned = { neighbor: n.key, route: r, ifaceDelay: i.delayUsec, ifaceBw: i.bandwidthKbps, ifaceMtu: i.ipMtu, candidate };
    return candidate;
  }

  // ---- neighbours -------------------------------------------------------------------------------------------

  private neighborUp(addr: Ipv4, iface: string, holdS: number): EigrpNeighbor {
    const n = new EigrpNeighbor(addr, iface, holdS, this.host.sched.now());
    const used = new Set([...this.neighbors.values()].map((x) => x.handle));
    while (used.has(n.handle)) n.handle++;
    this.neighbors.set(n.key, n);
    this.nbrChange(addr, iface, 'up: new adjacency');
    this.enqueue(n, EIGRP_UPDATE, EIGRP_FLAG_INIT, []);
    return n;
  }

  private resetHold(n: EigrpNeighbor): void {
    n.lastHeardAt = this.host.sched.now();
    n.holdTimer?.cancel();
    n.holdTimer = this.host.sched.schedule(n.holdS * 1000, () => {
      if (this.isCurrent(n)) this.neighborDown(n, 'holding time expired');
    });
  }

  neighborDown(n: EigrpNeighbor, reason: string, log = true): void {
    if (!this.isCurrent(n)) return;
    n.stopTimers();
    this.neighbors.delete(n.key);
    if (log) this.nbrChange(n.addr, n.iface, `down: ${reason}`);
    for (const id of this.topology.dropNeighbor(n.key, this.host.sched.now())) this.touch(id);
    this.changed();
  }

  /** `%DUAL-5-NBRCHANGE` in the release's wording (15.x `EIGRP-IPv4 1:`, 12.x `IP-EIGRP(0) 1:`). */
  private nbrChange(addr: Ipv4, iface: string, what: string): void {
    const proc = this.host.platform.train >= 15 ? `EIGRP-IPv4 ${this.as}` : `IP-EIGRP(0) ${this.as}`;
    this.host.log.syslog('DUAL-5-NBRCHANGE', `${proc}: Neighbor ${ipv4ToString(addr)} (${iface}) is ${what}`);
  }

  // ---- routes and updates -------------------------------------------------------------------------------------

  /** Whether split horizon is on for this process on an interface (the IOS default). */
  private splitHorizonOn(iface: string): boolean {
    return !(this.host.iface(iface)?.config.eigrpSplitHorizonOff.includes(this.as) ?? false);
  }

  /** Split horizon: a route is not advertised back out of the interface it is reached through. */
  private hiddenBySplitHorizon(iface: string, splitHorizon: boolean, best: Candidate): boolean {
    return splitHorizon && best.neighbor !== undefined && best.iface === iface;
  }

  /**
   * The reachable-route TLV of a topology row, reused while its path stays the same: a hub sends its
   * whole table to every new neighbour, and 500 spokes each holding a private copy of 2,000 TLVs in
   * their transmit queues would be a million objects alive at once.
   */
  private rowTlv(id: number, path: PathVector): EigrpTlv {
    const prefix = this.topology.prefixOf(id);
    const length = this.topology.lengthOf(id);
    const cached = this.rowTlvs.get(id);
    if (cached && 'route' in cached) {
      const r = cached.route;
      if (r.destination === prefix && r.prefixLength === length && r.delay === path.delay && r.mtu === path.mtu && r.hopCount === path.hopCount && r.bandwidth === scaledBandwidth(path.bandwidthKbps)) {
        return cached;
      }
    }
    const tlv = this.routeTlv(prefix, length, path);
    this.rowTlvs.set(id, tlv);
    return tlv;
  }

  private routeTlv(prefix: Ipv4, length: number, path: PathVector | undefined): EigrpTlv {
    return {
      type: TLV_IPV4_INTERNAL,
      route: {
        nextHop: 0,
        delay: path ? path.delay : UNREACHABLE,
        bandwidth: path ? scaledBandwidth(path.bandwidthKbps) : 0,
        mtu: path ? path.mtu : 0,
        hopCount: path ? path.hopCount : 0,
        reliability: 255,
        load: 1,
        prefixLength: length,
        destination: prefix,
      },
    };
  }

  /**
   * The whole table for one neighbour: after its INIT, and (`withHidden`) on a resync, where routes split
   * horizon hides go as unreachable so the neighbour drops what it may hold from before.
   */
  private sendTable(n: EigrpNeighbor, withHidden: boolean): void {
    const splitHorizon = this.splitHorizonOn(n.iface);
    const tlvs: EigrpTlv[] = [];
    for (const id of this.topology.ids()) {
      const best = this.topology.bestOf(id);
      if (!best) continue;
      const hidden = this.hiddenBySplitHorizon(n.iface, splitHorizon, best);
      if (!hidden) tlvs.push(this.rowTlv(id, best.path));
      else if (withHidden) tlvs.push(this.routeTlv(this.topology.prefixOf(id), this.topology.lengthOf(id), undefined));
    }
    this.enqueue(n, EIGRP_UPDATE, EIGRP_FLAG_EOT, tlvs);
  }

  /**
   * Coalesce changes: once per short window install routes, then tell every established neighbour what
   * changed for it, so a hub hearing from many spokes at once sends one update per neighbour rather than
   * one per change (IOS paces its updates too).
   */
  private changed(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.host.sched.schedule(UPDATE_COALESCE_MS, () => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    const touched = [...this.dirty];
    this.dirty.clear();
    this.installRoutes(touched);
    // Only a changed successor is news: re-sending the same path would echo between routers for ever.
    const news: AdvertisedChange[] = [];
    for (const id of touched) {
      const now = this.topology.bestOf(id);
      const before = this.topology.advertisedOf(id);
      if (sameAdvertisement(before, now)) continue;
      news.push({ id, before, now });
      this.topology.setAdvertised(id, now);
    }
    for (const n of news.length > 0 ? this.neighbors.values() : []) {
      if (!n.initAcked) continue;
      const splitHorizon = this.splitHorizonOn(n.iface);
      const tlvs: EigrpTlv[] = [];
      for (const change of news) {
        const t = this.updateFor(n.iface, splitHorizon, change);
        if (t) tlvs.push(t);
      }
      if (tlvs.length > 0) this.enqueue(n, EIGRP_UPDATE, 0, tlvs);
    }
    // Rows emptied in this round have had their withdrawal built; now they can go.
    this.topology.sweep();
  }

  /** The TLV a neighbour on `iface` gets for one change, or undefined when it holds nothing to change. */
  private updateFor(iface: string, splitHorizon: boolean, change: AdvertisedChange): EigrpTlv | undefined {
    const { id, before, now } = change;
    const prefix = this.topology.prefixOf(id);
    const length = this.topology.lengthOf(id);
    const wasSent = before !== undefined && !this.hiddenBySplitHorizon(iface, splitHorizon, before);
    if (now && !this.hiddenBySplitHorizon(iface, splitHorizon, now)) {
      // TLVs are shared by every neighbour that gets the same news: a hub with hundreds of spokes
      // would otherwise build the same route hundreds of times.
      return (change.reachable ??= this.rowTlv(id, now.path));
    }
    return wasSent ? (change.unreachable ??= this.routeTlv(prefix, length, undefined)) : undefined;
  }

  /** Put the successors of the touched entries in the routing table, only where they changed. */
  private installRoutes(touched: number[]): void {
    const changes: RouteChange[] = [];
    for (const id of touched) {
      const found = this.topology.bestOf(id);
      const best = found && found.neighbor !== undefined && found.nextHop !== undefined ? found : undefined;
      const before = this.topology.installedOf(id);
      if (before === best || (before && best && before.nextHop === best.nextHop && before.iface === best.iface && metricOf(before) === metricOf(best))) continue;
      this.topology.setInstalled(id, best);
      const prefix = this.topology.prefixOf(id);
      const mask = prefixToMask(this.topology.lengthOf(id));
      if (!best) {
        changes.push({ prefix, mask });
        continue;
      }
      if (before === undefined || metricOf(before) !== metricOf(best)) this.routeEvent(`route installed for ${ipv4ToString(prefix)}  ()`);
      changes.push({
        prefix,
        mask,
        route: { prefix, mask, nextHop: best.nextHop!, iface: best.iface, distance: 90, metric: metricOf(best), code: 'D', since: this.topology.sinceOf(id) },
      });
    }
    if (changes.length > 0) this.host.updateProtocolRoutes(this.owner, changes);
  }

  /** `debug ip eigrp` line, in the 15.x `IP-EIGRP(Default-IP-Routing-Table:AS):` form. */
  private routeEvent(text: string): void {
    this.host.log.debug(EIGRP_DEBUG.routes, `IP-EIGRP(Default-IP-Routing-Table:${this.as}): ${text}`);
  }
}

/** `27008000 - 25600000 1408000`: the composite metric, then its bandwidth and delay parts. */
function metricText(p: PathVector): string {
  const bw = 256 * scaledBandwidth(p.bandwidthKbps);
  const delay = 256 * p.delay;
  return `${bw + delay} - ${bw} ${delay}`;
}


/** The classful network mask of an address (A /8, B /16, C /24). */
function classfulMask(addr: Ipv4): Ipv4 {
  const first = addr >>> 24;
  if (first < 128) return 0xff000000;
  if (first < 192) return 0xffff0000;
  return 0xffffff00;
}
