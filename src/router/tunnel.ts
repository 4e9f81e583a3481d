/**
 * GRE tunnel interfaces: encapsulation on output (point-to-point to `tunnel destination`, multipoint to
 * the NBMA address NHRP resolves), decapsulation on input (matching source, destination and key the way
 * IOS does), and the IOS rules for a tunnel's line protocol.
 */
import type { Ipv4 } from '../wire/addr.js';
import { parseIpv4 } from '../wire/addr.js';
import { decodeGre, encodeGre, GRE_PROTO_IPV4 } from '../wire/gre.js';
import { decodeIpv4, encodeIpv4 } from '../wire/ipv4.js';
import type { IpDatagram, TunnelControlHandler, TunnelResolver } from '../protocols/host.js';
import type { RouterInterface } from './interface.js';
import type { Rib } from './rib.js';

export const IP_PROTO_GRE = 47;

export interface TunnelHost {
  readonly rib: Rib;
  iface(name: string): RouterInterface | undefined;
  interfaceList(): readonly RouterInterface[];
  /** Send the outer (transport) datagram, routed normally. */
  sendOuter(src: Ipv4, dst: Ipv4, protocol: number, payload: Uint8Array): boolean;
  /** Hand a decapsulated inner datagram to IP input on the tunnel interface. */
  receiveInner(dg: IpDatagram, tunnel: RouterInterface): void;
}

export class TunnelService {
  private resolver: TunnelResolver | undefined;
  private controlHandlers = new Map<number, TunnelControlHandler>();

  constructor(private readonly host: TunnelHost) {}

  setResolver(r: TunnelResolver): void {
    this.resolver = r;
  }

  onControl(greProto: number, h: TunnelControlHandler): void {
    this.controlHandlers.set(greProto, h);
  }

  /** The address a tunnel's packets leave from: the source interface's address or a literal address. */
  resolveSource(t: RouterInterface): Ipv4 | undefined {
    const src = t.config.tunnel?.source;
    if (!src) return undefined;
    const literal = parseIpv4(src);
    if (literal !== undefined) return literal;
    const srcIf = this.host.iface(src);
    if (!srcIf || !srcIf.lineUp) return undefined;
    return srcIf.ip?.address;
  }

  /**
   * IOS line-protocol rule for GRE tunnels: up when the tunnel is administratively up, its source is an
   * up interface with an address, and (point-to-point) its destination is routable other than through
   * the tunnel itself.
   */
  computeLineUp(t: RouterInterface): boolean {
    if (!t.adminUp) return false;
    const src = this.resolveSource(t);
    if (src === undefined) return false;
    if (t.multipoint) return true;
    const dst = t.tunnelDestination;
    if (dst === undefined) return false;
    const route = this.host.rib.resolve(dst);
    return route !== undefined && route.iface !== t.name && this.host.iface(route.iface)?.kind !== 'tunnel';
  }

  /** Encapsulate `inner` (already within the tunnel's IP MTU) toward `nextHop` on tunnel `t`. */
  output(t: RouterInterface, inner: IpDatagram, nextHop: Ipv4): boolean {
    const src = t.tunnelSourceIp;
    if (src === undefined || !t.lineUp) {
      t.counters.outputDrops++;
      return false;
    }
    const innerBytes = encodeIpv4({ ...inner, mf: false, fragmentOffset: 0 });
    const nbmas = this.destinationsFor(t, inner.dst, nextHop);
    if (nbmas.length === 0) {
      t.counters.outputDrops++;
      return false;
    }
    let sent = false;
    for (const nbma of nbmas) {
      const gre = encodeGre({ protocolType: GRE_PROTO_IPV4, key: t.config.tunnel?.key, payload: innerBytes });
      sent = this.host.sendOuter(src, nbma, IP_PROTO_GRE, gre) || sent;
    }
    if (sent) {
      t.counters.packetsOut++;
      t.counters.bytesOut += innerBytes.length;
    }
    return sent;
  }

  /** Send a control packet (e.g. NHRP, GRE type 0x2001) over tunnel `name` to one NBMA address. */
  sendControl(name: string, nbmaDst: Ipv4, greProto: number, payload: Uint8Array): boolean {
    const t = this.host.iface(name);
    if (!t || !t.lineUp || t.tunnelSourceIp === undefined) return false;
    const gre = encodeGre({ protocolType: greProto, key: t.config.tunnel?.key, payload });
    const ok = this.host.sendOuter(t.tunnelSourceIp, nbmaDst, IP_PROTO_GRE, gre);
    if (ok) {
      t.counters.packetsOut++;
      t.counters.bytesOut += payload.length;
    }
    return ok;
  }

  private destinationsFor(t: RouterInterface, innerDst: Ipv4, nextHop: Ipv4): Ipv4[] {
    if (!t.multipoint) return t.tunnelDestination !== undefined ? [t.tunnelDestination] : [];
    const ip = t.ip;
    const isMulticast = innerDst >>> 28 === 0xe || innerDst === 0xffffffff;
    const isSubnetBroadcast = ip !== undefined && ((innerDst | ip.mask) >>> 0) === 0xffffffff && ((innerDst ^ ip.address) & ip.mask) === 0;
    if (isMulticast || isSubnetBroadcast) return this.resolver?.multicastNbmas(t.name) ?? [];
    const nbma = this.resolver?.resolveNbma(t.name, nextHop);
    return nbma !== undefined ? [nbma] : [];
  }

  /** An IP protocol 47 datagram addressed to us: find the tunnel it belongs to and decapsulate. */
  input(outer: IpDatagram): void {
    const gre = decodeGre(outer.payload);
    if (!gre.ok) return;
    const g = gre.value;
    const tunnel = this.matchTunnel(outer.src, outer.dst, g.key);
    if (!tunnel) return; // IOS silently drops GRE that matches no tunnel (e.g. a tunnel key mismatch)
    tunnel.counters.packetsIn++;
    tunnel.counters.bytesIn += g.payload.length;
    if (g.protocolType === GRE_PROTO_IPV4) {
      const inner = decodeIpv4(g.payload);
      if (!inner.ok) {
        tunnel.counters.inputDrops++;
        return;
      }
      const v = inner.value;
      this.host.receiveInner({ src: v.src, dst: v.dst, protocol: v.protocol, ttl: v.ttl, tos: v.tos, id: v.id, df: v.df, payload: v.payload }, tunnel);
      return;
    }
    const h = this.controlHandlers.get(g.protocolType);
    if (h) h(tunnel.name, g.payload, outer.src, outer.dst);
  }

  private matchTunnel(outerSrc: Ipv4, outerDst: Ipv4, key: number | undefined): RouterInterface | undefined {
    let multipoint: RouterInterface | undefined;
    for (const t of this.host.interfaceList()) {
      if (t.kind !== 'tunnel' || !t.lineUp) continue;
      if (t.tunnelSourceIp !== outerDst) continue;
      if (t.config.tunnel?.key !== key) continue;
      if (!t.multipoint && t.tunnelDestination === outerSrc) return t;
      if (t.multipoint && !multipoint) multipoint = t;
    }
    return multipoint;
  }
}
