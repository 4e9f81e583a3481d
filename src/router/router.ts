/**
 * One simulated router: configuration, interfaces, ARP, routing table, IP stack, GRE tunnels and ICMP,
 * and the ProtocolHost that protocols (NHRP, EIGRP, IKE …) run on. Configuration changes are applied
 * by reconciling state with the model; every resulting state change is logged as IOS logs it.
 */
import type { Scheduler } from '../sim/scheduler.js';
import type { Rng, RandomStream } from '../sim/rng.js';
import type { Segment, SegmentPort } from '../sim/segment.js';
import { type Ipv4, type Mac, networkOf, parseIpv4 } from '../wire/addr.js';
import { ConfigStore, defaultInterfaceConfig, defaultRouterConfig, type ConfigTopic } from '../config/model.js';
import type {
  HostInterface,
  IpDatagram,
  InputFilter,
  IpSendRequest,
  OutputFilter,
  ProtocolHost,
  RouteChange,
  RouteInput,
  RouteLookup,
  TunnelControlHandler,
  TunnelResolver,
} from '../protocols/host.js';
import { RouterLogger } from './logger.js';
import { RouterInterface, interfaceKindOf } from './interface.js';
import { ArpCache } from './arp-cache.js';
import { Rib, type RibPath, type RibRoute } from './rib.js';
import { IpStack } from './ip-stack.js';
import { TunnelService, IP_PROTO_GRE } from './tunnel.js';
import { IcmpService, IP_PROTO_ICMP } from './icmp.js';
import { PingRun, type PingOptions, type PingStats } from './ping.js';
import type { Platform } from './platform.js';

export interface RouterOptions {
  /** Name the lab knows the router by (console name, RNG stream prefix). */
  id: string;
  hostname?: string;
  sched: Scheduler;
  rng: Rng;
  platform: Platform;
  /** Physical ports with their burned-in MACs, in the order `show ip interface brief` lists them. */
  ports: Array<{ name: string; mac: Mac }>;
}

/** Delay between a port's link coming up and its line protocol (IOS keepalive). */
const ETHERNET_LINEPROTO_DELAY_MS = 1000;

export class Router implements ProtocolHost {
  readonly id: string;
  readonly sched: Scheduler;
  readonly log: RouterLogger;
  readonly config: ConfigStore;
  readonly platform: Platform;
  readonly arp: ArpCache;
  readonly rib = new Rib();
  readonly ip: IpStack;
  readonly tunnels: TunnelService;
  readonly icmp: IcmpService;
  /** Virtual time the router was powered on (for `show version` uptime). */
  readonly bootTime: number;
  /** Physical port names in hardware order. */
  readonly portNames: string[];
  /**
   * Protocol services running on this router, by name ('nhrp', 'eigrp', 'ike' …). Commands reach a
   * service's state through here; services themselves only see the ProtocolHost.
   */
  readonly services = new Map<string, unknown>();

  private readonly rng: Rng;
  private readonly ifaces = new Map<string, RouterInterface>();
  private orderedIfaces: RouterInterface[] | undefined;
  private localAddrs: Map<Ipv4, RouterInterface> | undefined;
  private readonly sharedPaths = new Map<string, RibPath[]>();
  private lastPaths: RibPath[] | undefined;
  private readonly macs = new Map<string, Mac>();
  private readonly segments = new Map<string, { segment: Segment; port: SegmentPort }>();
  private readonly protoHandlers = new Map<number, Array<(pkt: IpDatagram, iface: HostInterface) => void>>();
  private readonly ifaceChangeCbs: Array<(iface: HostInterface) => void> = [];
  private readonly linkUpAt = new Map<string, number>();
  private reconcileQueued = false;
  private transportGate: ((tunnel: string, nbma: Ipv4) => boolean) | undefined;
  private readonly transportReadyCbs: Array<(tunnel: string, nbma: Ipv4) => void> = [];
  /** While true, state changes are applied silently (the lab loading its start configuration). */
  private quiet = false;

  constructor(opts: RouterOptions) {
    this.id = opts.id;
    this.sched = opts.sched;
    this.rng = opts.rng;
    this.platform = opts.platform;
    this.bootTime = opts.sched.now();
    this.log = new RouterLogger(() => this.sched.now());
    this.config = new ConfigStore(defaultRouterConfig(opts.hostname ?? 'Router'));
    this.arp = new ArpCache(() => this.sched.now());
    this.portNames = opts.ports.map((p) => p.name);
    for (const p of opts.ports) {
      this.macs.set(p.name, p.mac);
      this.config.model.interfaces.set(p.name, defaultInterfaceConfig(p.name));
      this.createInterfaceObject(p.name);
    }
    this.ip = new IpStack({
      sched: this.sched,
      arp: this.arp,
      rib: this.rib,
      iface: (n) => this.ifaces.get(n),
      interfaceList: () => this.interfaceList(),
      localInterface: (a) => this.localInterface(a),
      transmitFrame: (i, f) => this.segments.get(i.name)?.segment.send(this.segments.get(i.name)!.port, f),
      tunnelOutput: (i, dg, nh) => this.tunnels.output(i, dg, nh),
      deliverLocal: (dg, i) => this.deliverLocal(dg, i),
      sendIcmpError: (t, c, dg, i, extra) => this.icmp.sendError(t, c, dg, i, extra),
    });
    this.tunnels = new TunnelService({
      rib: this.rib,
      iface: (n) => this.ifaces.get(n),
      interfaceList: () => this.interfaceList(),
      sendOuter: (src, dst, protocol, payload) => this.sendIp({ src, dst, protocol, payload }),
      receiveInner: (dg, t) => this.ip.receiveDatagram(dg, t),
    });
    this.icmp = new IcmpService({
      now: () => this.sched.now(),
      sendIp: (req) => this.sendIp(req),
      addressOf: (i) => i.ip?.address ?? this.interfaceList().find((x) => x.ip && x.lineUp)?.ip?.address,
    });
    this.onIpProtocol(IP_PROTO_ICMP, (dg) => this.icmp.input(dg));
    this.onIpProtocol(IP_PROTO_GRE, (dg) => this.tunnels.input(dg));
    this.config.subscribe((t) => this.onConfigChange(t));
    this.rib.onChange(() => this.queueReconcile());
  }

  get hostname(): string {
    return this.config.model.hostname;
  }

  // ---- interfaces -------------------------------------------------------------------------------

  private createInterfaceObject(name: string): RouterInterface {
    const ri = new RouterInterface(name, () => this.config.model.interfaces.get(name)!);
    ri.mac = this.macs.get(name) ?? (ri.kind === 'ethernet' ? new Uint8Array(6) : undefined);
    this.ifaces.set(name, ri);
    this.interfacesChanged();
    return ri;
  }

  /**
   * The interface called `name`, created if it is virtual (Loopback/Tunnel) and does not exist yet.
   * Returns undefined for a physical port the router does not have.
   */
  ensureInterface(name: string): RouterInterface | undefined {
    const existing = this.ifaces.get(name);
    if (existing) return existing;
    if (interfaceKindOf(name) === 'ethernet') return undefined;
    this.config.model.interfaces.set(name, defaultInterfaceConfig(name));
    const ri = this.createInterfaceObject(name);
    if (ri.kind === 'tunnel') {
      // IOS creates a tunnel up/down and says only that its line protocol is down.
      ri.linkUp = true;
      this.linkUpAt.set(name, this.sched.now());
      if (!this.quiet) this.log.syslog('LINEPROTO-5-UPDOWN', `Line protocol on Interface ${name}, changed state to down`);
    }
    this.config.announce({ kind: 'interface', name });
    return ri;
  }

  /** `no interface Loopback0` / `no interface Tunnel0`. Physical ports cannot be removed. */
  removeInterface(name: string): boolean {
    const ri = this.ifaces.get(name);
    if (!ri || ri.kind === 'ethernet') return false;
    this.config.model.interfaces.delete(name);
    this.ifaces.delete(name);
    this.interfacesChanged();
    this.linkUpAt.delete(name);
    this.config.announce({ kind: 'interface-removed', name });
    return true;
  }

  attachSegment(portName: string, segment: Segment, label: string): void {
    const iface = this.ifaces.get(portName);
    if (!iface) throw new Error(`router ${this.id} has no port ${portName}`);
    const port: SegmentPort = {
      receiveFrame: (frame) => this.ip.receiveFrame(iface, frame),
      get carrierUp() {
        return iface.adminUp;
      },
    };
    segment.attach(port, label);
    this.segments.set(portName, { segment, port });
  }

  segmentOf(portName: string): Segment | undefined {
    return this.segments.get(portName)?.segment;
  }

  /** Interfaces in IOS order: physical ports first (hardware order), then Loopbacks, then Tunnels. */
  interfaceList(): readonly RouterInterface[] {
    // Cached: protocols ask on every event, and an ISP router of a 500-spoke lab has 500 ports.
    if (this.orderedIfaces) return this.orderedIfaces;
    const rank = (i: RouterInterface) => (i.kind === 'ethernet' ? 0 : i.kind === 'loopback' ? 1 : 2);
    const index = new Map(this.portNames.map((n, k) => [n, k]));
    this.orderedIfaces = [...this.ifaces.values()].sort((a, b) => {
      const r = rank(a) - rank(b);
      if (r !== 0) return r;
      if (a.kind === 'ethernet') return (index.get(a.name) ?? 0) - (index.get(b.name) ?? 0);
      return numberOf(a.name) - numberOf(b.name);
    });
    return this.orderedIfaces;
  }

  /** The up interface that owns `addr`, if any (cached: every received packet asks). */
  localInterface(addr: Ipv4): RouterInterface | undefined {
    if (!this.localAddrs) {
      this.localAddrs = new Map();
      for (const i of this.interfaceList()) if (i.lineUp && i.ip && !this.localAddrs.has(i.ip.address)) this.localAddrs.set(i.ip.address, i);
    }
    return this.localAddrs.get(addr);
  }

  /** Addresses or line states changed: the interface order or local-address cache is stale. */
  private interfacesChanged(): void {
    this.orderedIfaces = undefined;
    this.localAddrs = undefined;
  }

  interfaces(): readonly HostInterface[] {
    return this.interfaceList();
  }

  iface(name: string): RouterInterface | undefined {
    return this.ifaces.get(name);
  }

  // ---- configuration → state ---------------------------------------------------------------------

  /** Apply `fn` (typically typing the start configuration) without logging the state changes. */
  quietly(fn: () => void): void {
    this.quiet = true;
    try {
      fn();
      this.reconcile();
    } finally {
      this.quiet = false;
    }
  }

  private onConfigChange(_t: ConfigTopic): void {
    this.localAddrs = undefined;
    this.queueReconcile();
  }

  private queueReconcile(): void {
    // While a configuration is applied quietly, `quietly` reconciles once at the end: doing it after
    // every line made loading an ISP router with 500 ports quadratic (each line re-installed 1,000
    // connected routes).
    if (this.quiet) return;
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    this.sched.schedule(0, () => {
      this.reconcileQueued = false;
      this.reconcile();
    });
  }

  /**
   * Bring interface states and the connected/static routes in line with the configuration. Tunnel
   * line protocol depends on routes and routes depend on line protocol, so this iterates to a fixpoint.
   */
  reconcile(): void {
    const now = this.sched.now();
    for (const i of this.ifaces.values()) {
      const wantLink = i.adminUp;
      if (wantLink !== i.linkUp) {
        i.linkUp = wantLink;
        if (wantLink) this.linkUpAt.set(i.name, this.quiet ? -Infinity : now);
        this.logLinkChange(i);
        if (wantLink && i.kind === 'ethernet' && !this.quiet) {
          this.sched.schedule(ETHERNET_LINEPROTO_DELAY_MS, () => this.queueReconcile());
        }
      }
    }
    for (let pass = 0; pass < 4; pass++) {
      let changed = false;
      for (const i of this.ifaces.values()) {
        let up: boolean;
        if (i.kind === 'tunnel') {
          i.tunnelSourceIp = this.tunnels.resolveSource(i);
          up = this.tunnels.computeLineUp(i);
        } else {
          const since = this.linkUpAt.get(i.name) ?? -Infinity;
          const delay = i.kind === 'ethernet' ? ETHERNET_LINEPROTO_DELAY_MS : 0;
          up = i.linkUp && now - since >= delay;
        }
        if (up !== i.lineUp) {
          i.lineUp = up;
          this.localAddrs = undefined;
          i.lastChange = now;
          changed = true;
          if (!up) this.arp.flushInterface(i.name);
          this.logLineChange(i);
          for (const cb of this.ifaceChangeCbs) cb(i);
        }
      }
      this.installConnectedRoutes();
      this.installStaticRoutes();
      if (!changed) break;
    }
  }

  private logLinkChange(i: RouterInterface): void {
    if (this.quiet) return;
    if (i.linkUp) this.log.syslog('LINK-3-UPDOWN', `Interface ${i.name}, changed state to up`);
    else this.log.syslog('LINK-5-CHANGED', `Interface ${i.name}, changed state to administratively down`);
  }

  private logLineChange(i: RouterInterface): void {
    if (this.quiet) return;
    this.log.syslog('LINEPROTO-5-UPDOWN', `Line protocol on Interface ${i.name}, changed state to ${i.lineUp ? 'up' : 'down'}`);
  }

  private installConnectedRoutes(): void {
    const routes: RibRoute[] = [];
    const now = this.sched.now();
    for (const i of this.ifaces.values()) {
      const ip = i.ip;
      if (!ip || !i.lineUp) continue;
      routes.push({ prefix: networkOf(ip.address, ip.mask), mask: ip.mask, code: 'C', distance: 0, metric: 0, paths: [{ iface: i.name }], owner: 'connected', since: now });
      if (this.platform.localRoutes && ip.mask !== 0xffffffff) {
        routes.push({ prefix: ip.address, mask: 0xffffffff, code: 'L', distance: 0, metric: 0, paths: [{ iface: i.name }], owner: 'connected', since: now });
      }
    }
    this.rib.setOwnerRoutes('connected', routes);
  }

  private installStaticRoutes(): void {
    const now = this.sched.now();
    const installed: RibRoute[] = [];
    for (const s of this.config.model.staticRoutes) {
      if (s.iface) {
        const out = this.ifaces.get(s.iface);
        if (!out || !out.lineUp) continue;
      } else if (s.nextHop !== undefined) {
        const via = this.rib.resolve(s.nextHop);
        // A static route whose next hop is only reachable through itself is not installed.
        if (!via || (via.route.owner === 'static' && networkOf(s.nextHop, s.mask) === s.prefix)) continue;
      }
      const code = s.prefix === 0 && s.mask === 0 ? 'S*' : 'S';
      installed.push({ prefix: s.prefix, mask: s.mask, code, distance: s.distance, metric: 0, paths: [{ nextHop: s.nextHop, iface: s.iface }], owner: 'static', since: now });
    }
    this.rib.setOwnerRoutes('static', installed);
  }

  // ---- IP ------------------------------------------------------------------------------------------

  sendIp(req: IpSendRequest, unfiltered = false): boolean {
    const iface = this.localInterface(req.dst);
    if (iface) {
      const dg = this.ip.datagramFor(req, req.src ?? req.dst);
      this.sched.schedule(0, () => this.deliverLocal(dg, iface));
      return true;
    }
    const route = this.rib.resolve(req.dst);
    if (!route) return false;
    const out = this.ifaces.get(route.iface);
    if (!out) return false;
    const src = req.src ?? out.ip?.address ?? this.interfaceList().find((i) => i.ip && i.lineUp)?.ip?.address ?? 0;
    return this.ip.output(this.ip.datagramFor(req, src), out, route.nextHop, unfiltered);
  }

  sendIpUnfiltered(req: IpSendRequest): boolean {
    return this.sendIp(req, true);
  }

  addOutputFilter(f: OutputFilter): void {
    this.ip.addOutputHook((dg, iface, nextHop) => f(dg, iface, nextHop));
  }

  addInputFilter(f: InputFilter): void {
    this.ip.addInputHook((dg, iface) => f(dg, iface));
  }

  injectReceived(dg: IpDatagram, iface: string): void {
    const i = this.ifaces.get(iface);
    if (i) this.ip.receiveDatagram(dg, i, true);
  }

  tunnelTransportReady(tunnel: string, nbma: Ipv4): boolean {
    return this.transportGate ? this.transportGate(tunnel, nbma) : true;
  }

  setTunnelTransportGate(gate: (tunnel: string, nbma: Ipv4) => boolean): void {
    this.transportGate = gate;
  }

  onTunnelTransportReady(cb: (tunnel: string, nbma: Ipv4) => void): void {
    this.transportReadyCbs.push(cb);
  }

  signalTunnelTransportReady(tunnel: string, nbma: Ipv4): void {
    for (const cb of this.transportReadyCbs) cb(tunnel, nbma);
  }

  sendIpOnInterface(req: IpSendRequest, ifaceName: string, nextHop: Ipv4): boolean {
    const out = this.ifaces.get(ifaceName);
    if (!out) return false;
    const src = req.src ?? out.ip?.address ?? 0;
    return this.ip.output(this.ip.datagramFor(req, src), out, nextHop);
  }

  onIpProtocol(protocol: number, handler: (pkt: IpDatagram, iface: HostInterface) => void): void {
    const list = this.protoHandlers.get(protocol) ?? [];
    list.push(handler);
    this.protoHandlers.set(protocol, list);
  }

  private deliverLocal(dg: IpDatagram, iface: RouterInterface): void {
    for (const h of this.protoHandlers.get(dg.protocol) ?? []) h(dg, iface);
  }

  onInterfaceChange(cb: (iface: HostInterface) => void): void {
    this.ifaceChangeCbs.push(cb);
  }

  lookupRoute(dst: Ipv4): RouteLookup | undefined {
    const r = this.rib.resolve(dst);
    return r ? { iface: r.iface, nextHop: r.nextHop } : undefined;
  }

  setProtocolRoutes(owner: string, routes: RouteInput[]): void {
    this.rib.setOwnerRoutes(owner, routes.map((r) => this.toRibRoute(owner, r)));
  }

  updateProtocolRoutes(owner: string, changes: RouteChange[]): void {
    this.rib.updateOwnerRoutes(
      owner,
      changes.map((c) => ({ prefix: c.prefix, mask: c.mask, route: c.route && this.toRibRoute(owner, c.route) })),
    );
  }

  private toRibRoute(owner: string, r: RouteInput): RibRoute {
    return { prefix: r.prefix, mask: r.mask, code: r.code, distance: r.distance, metric: r.metric, paths: this.pathsVia(r.nextHop, r.iface), owner, since: r.since };
  }

  /**
   * Path lists shared by every protocol route with the same next hop: a spoke of a large lab holds
   * thousands of routes through one hub, and the routing table never changes a path in place.
   */
  private pathsVia(nextHop: Ipv4, iface: string): RibPath[] {
    const last = this.lastPaths;
    if (last && last[0]!.nextHop === nextHop && last[0]!.iface === iface) return last;
    const k = `${iface} ${nextHop}`;
    let paths = this.sharedPaths.get(k);
    if (!paths) this.sharedPaths.set(k, (paths = [Object.freeze({ nextHop, iface })]));
    this.lastPaths = paths;
    return paths;
  }

  sendTunnelControl(tunnel: string, nbmaDst: Ipv4, greProto: number, payload: Uint8Array): boolean {
    return this.tunnels.sendControl(tunnel, nbmaDst, greProto, payload);
  }

  onTunnelControl(greProto: number, handler: TunnelControlHandler): void {
    this.tunnels.onControl(greProto, handler);
  }

  setTunnelResolver(resolver: TunnelResolver): void {
    this.tunnels.setResolver(resolver);
  }

  isLocalAddress(addr: Ipv4): boolean {
    return this.ip.isLocal(addr);
  }

  rand(stream: string): RandomStream {
    return this.rng.stream(`${this.id}/${stream}`);
  }

  /** Start a ping; returns a handle whose abort() stops it (Ctrl-Shift-6). */
  ping(opts: PingOptions, onChar: (c: string) => void, onDone: (s: PingStats) => void): PingRun {
    const run = new PingRun({ sched: this.sched, icmp: this.icmp, sendIp: (r) => this.sendIp(r) }, opts, onChar, onDone);
    run.start();
    return run;
  }

  /** Resolve `source` given as an interface name or an address, for ping/traceroute. */
  sourceAddress(source: string): Ipv4 | undefined {
    const lit = parseIpv4(source);
    if (lit !== undefined) return lit;
    return this.ifaces.get(source)?.ip?.address;
  }
}

function numberOf(name: string): number {
  const m = /(\d+)(?:\/(\d+))?$/.exec(name);
  if (!m) return 0;
  return Number(m[1]) * 1000 + Number(m[2] ?? 0);
}
