/**
 * What a protocol sees of the router it runs on. The router layer implements this; protocols depend only
 * on these types, so layers call downward (router → protocols) and a protocol can be tested on a fake host.
 */
import type { Scheduler } from '../sim/scheduler.js';
import type { RandomStream } from '../sim/rng.js';
import type { Ipv4 } from '../wire/addr.js';
import type { ConfigStore, InterfaceConfig } from '../config/model.js';
import type { RouterLogger } from '../router/logger.js';

/** A decoded IPv4 datagram as the router hands it to protocols. */
export interface IpDatagram {
  src: Ipv4;
  dst: Ipv4;
  protocol: number;
  ttl: number;
  tos: number;
  id: number;
  df: boolean;
  payload: Uint8Array;
}

/** What a protocol asks the router to send; unset fields get router defaults (ttl 255, src from route). */
export interface IpSendRequest {
  src?: Ipv4;
  dst: Ipv4;
  protocol: number;
  payload: Uint8Array;
  ttl?: number;
  tos?: number;
  df?: boolean;
}

export type InterfaceKind = 'ethernet' | 'loopback' | 'tunnel';

export interface HostInterface {
  readonly name: string;
  readonly kind: InterfaceKind;
  readonly config: InterfaceConfig;
  /** Administratively up (`no shutdown`). */
  readonly adminUp: boolean;
  /** Line protocol up. */
  readonly lineUp: boolean;
  readonly ip: { address: Ipv4; mask: Ipv4 } | undefined;
  /** Interface MTU (bytes), e.g. 1500, 17916/17912 for tunnels. */
  readonly mtu: number;
  /** IP MTU (`ip mtu` or the default for the type). */
  readonly ipMtu: number;
  readonly bandwidthKbps: number;
  readonly delayUsec: number;
  /** For tunnels: the resolved source address and the configured destination (p2p). */
  readonly tunnelSourceIp: Ipv4 | undefined;
  readonly tunnelDestination: Ipv4 | undefined;
  readonly multipoint: boolean;
}

/** A route a protocol installs (the router keeps the best per prefix by administrative distance). */
export interface RouteInput {
  prefix: Ipv4;
  mask: Ipv4;
  nextHop: Ipv4;
  iface: string;
  distance: number;
  metric: number;
  /** Code shown by `show ip route`: 'D', 'D EX' … */
  code: string;
  /** Virtual time the route was learned (for the age column). */
  since: number;
}

/** One prefix a protocol adds, replaces or (without `route`) withdraws. */
export interface RouteChange {
  prefix: Ipv4;
  mask: Ipv4;
  route?: RouteInput;
}

export interface RouteLookup {
  iface: string;
  /** The address to hand the packet to on `iface` (the destination itself when connected). */
  nextHop: Ipv4;
}

/** Handler for GRE-carried control traffic (NHRP, protocol type 0x2001) on a tunnel. */
export type TunnelControlHandler = (tunnel: string, payload: Uint8Array, outerSrc: Ipv4, outerDst: Ipv4) => void;

/** Hooks a protocol can provide to a tunnel interface for NBMA resolution (NHRP does). */
export interface TunnelResolver {
  /** NBMA address for a tunnel next hop, or undefined (then the packet is dropped, as IOS does). */
  resolveNbma(tunnel: string, nextHop: Ipv4): Ipv4 | undefined;
  /** NBMA addresses a multicast/broadcast packet is replicated to on an mGRE tunnel. */
  multicastNbmas(tunnel: string): Ipv4[];
}

/** A filter on datagrams leaving a physical interface (crypto maps, tunnel protection): it may take one over. */
export type OutputFilter = (dg: IpDatagram, iface: HostInterface, nextHop: Ipv4) => 'pass' | 'consumed' | 'drop';
/** A filter on datagrams arriving on a physical interface, before delivery or forwarding. */
export type InputFilter = (dg: IpDatagram, iface: HostInterface) => 'pass' | 'drop';

export interface ProtocolHost {
  /** Router name as the lab knows it (used for RNG stream names). */
  readonly id: string;
  /** The IOS release the router runs: output wording that differs by release asks for `train`. */
  readonly platform: { readonly release: string; readonly train: number };
  readonly sched: Scheduler;
  readonly log: RouterLogger;
  readonly config: ConfigStore;
  rand(stream: string): RandomStream;
  interfaces(): readonly HostInterface[];
  iface(name: string): HostInterface | undefined;
  /** Route and send a datagram; returns false if it could not be sent (no route). */
  sendIp(req: IpSendRequest): boolean;
  /** Send a datagram out of one interface to `nextHop` (multicast hellos, tunnels). */
  sendIpOnInterface(req: IpSendRequest, iface: string, nextHop: Ipv4): boolean;
  onIpProtocol(protocol: number, handler: (pkt: IpDatagram, iface: HostInterface) => void): void;
  /** Called whenever an interface's admin/line state or address changes. */
  onInterfaceChange(cb: (iface: HostInterface) => void): void;
  lookupRoute(dst: Ipv4): RouteLookup | undefined;
  /** Replace all routes this protocol instance (e.g. `eigrp 1`) contributes. */
  setProtocolRoutes(owner: string, routes: RouteInput[]): void;
  /** Change only some of this protocol's prefixes (incremental, for large tables). */
  updateProtocolRoutes(owner: string, changes: RouteChange[]): void;
  /** Send a GRE control packet (protocol type `greProto`) over `tunnel` to an NBMA address. */
  sendTunnelControl(tunnel: string, nbmaDst: Ipv4, greProto: number, payload: Uint8Array): boolean;
  onTunnelControl(greProto: number, handler: TunnelControlHandler): void;
  setTunnelResolver(resolver: TunnelResolver): void;
  /** True if `addr` is one of this router's interface addresses. */
  isLocalAddress(addr: Ipv4): boolean;
  addOutputFilter(f: OutputFilter): void;
  addInputFilter(f: InputFilter): void;
  /** Hand a datagram (a decrypted one) to IP input as if it arrived on `iface`, past the input filters. */
  injectReceived(dg: IpDatagram, iface: string): void;
  /** Route and send a datagram past the output filters (ESP the crypto layer built). */
  sendIpUnfiltered(req: IpSendRequest): boolean;
  /**
   * Whether a tunnel's control traffic to `nbma` may go now: tunnel protection holds NHRP back until
   * its IPsec SAs are up (seed 000: "Signalling NHRP" once the socket is up). True without a gate.
   */
  tunnelTransportReady(tunnel: string, nbma: Ipv4): boolean;
  setTunnelTransportGate(gate: (tunnel: string, nbma: Ipv4) => boolean): void;
  onTunnelTransportReady(cb: (tunnel: string, nbma: Ipv4) => void): void;
  signalTunnelTransportReady(tunnel: string, nbma: Ipv4): void;
}
