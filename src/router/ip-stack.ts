/**
 * IPv4 over Ethernet for one router: ARP (with proxy ARP), local delivery, forwarding with TTL and ICMP
 * errors, fragmentation on output and reassembly on input, and output hooks (where crypto maps and
 * tunnel protection attach). Packets are bytes on the wire; this module turns them into datagrams.
 */
import { BROADCAST_MAC, type Ipv4, type Mac, macEquals, sameSubnet } from '../wire/addr.js';
import { decodeEthernet, encodeEthernet, ETHERTYPE_ARP, ETHERTYPE_IPV4 } from '../wire/ethernet.js';
import { decodeArp, encodeArp, ARP_REQUEST, ARP_REPLY } from '../wire/arp.js';
import { decodeIpv4, encodeIpv4 } from '../wire/ipv4.js';
import type { IpDatagram, IpSendRequest } from '../protocols/host.js';
import type { RouterInterface } from './interface.js';
import type { ArpCache } from './arp-cache.js';
import type { Rib } from './rib.js';
import type { Scheduler } from '../sim/scheduler.js';
import { Reassembler, fragmentDatagram } from './fragment.js';

/** What the IP stack needs from its router. */
export interface IpStackHost {
  readonly sched: Scheduler;
  readonly arp: ArpCache;
  readonly rib: Rib;
  iface(name: string): RouterInterface | undefined;
  interfaceList(): readonly RouterInterface[];
  /** The up interface owning `addr`, if any. */
  localInterface(addr: Ipv4): RouterInterface | undefined;
  /** Put a frame on the Ethernet segment of `iface`. */
  transmitFrame(iface: RouterInterface, frame: Uint8Array): void;
  /** Encapsulate and send a datagram into a tunnel interface. */
  tunnelOutput(iface: RouterInterface, dg: IpDatagram, nextHop: Ipv4): boolean;
  deliverLocal(dg: IpDatagram, iface: RouterInterface): void;
  /** ICMP error toward the source of `offending` (rate-limited by the ICMP module). */
  sendIcmpError(type: number, code: number, offending: IpDatagram, viaIface: RouterInterface, extra?: number): void;
}

/**
 * An output hook sees every datagram about to leave a physical interface. It may let it pass
 * ('pass'), take it over ('consumed': it will send something itself, e.g. an ESP packet), or drop it.
 */
export type OutputHook = (dg: IpDatagram, iface: RouterInterface, nextHop: Ipv4) => 'pass' | 'consumed' | 'drop';
/** An input hook sees every datagram arriving on a physical interface before local delivery/forwarding. */
export type InputHook = (dg: IpDatagram, iface: RouterInterface) => 'pass' | 'drop';

const ARP_RETRY_MS = 2000;

export class IpStack {
  private nextId = 1;
  private outputHooks: OutputHook[] = [];
  private inputHooks: InputHook[] = [];
  private reassembler: Reassembler;
  /** Last ARP request time per target, so a burst of packets sends one request (as IOS does). */
  private arpPending = new Map<string, number>();

  constructor(private readonly host: IpStackHost) {
    this.reassembler = new Reassembler(host.sched);
  }

  addOutputHook(h: OutputHook): void {
    this.outputHooks.push(h);
  }

  addInputHook(h: InputHook): void {
    this.inputHooks.push(h);
  }

  allocateId(): number {
    const id = this.nextId;
    this.nextId = (this.nextId + 1) & 0xffff;
    return id;
  }

  /** Build a datagram for a locally originated request (fields the caller left out get defaults). */
  datagramFor(req: IpSendRequest, src: Ipv4): IpDatagram {
    return {
      src,
      dst: req.dst,
      protocol: req.protocol,
      ttl: req.ttl ?? 255,
      tos: req.tos ?? 0,
      id: this.allocateId(),
      df: req.df ?? false,
      payload: req.payload,
    };
  }

  /** Is `addr` one of ours (any interface, up or not, as IOS accepts for local delivery)? */
  isLocal(addr: Ipv4): boolean {
    return this.host.localInterface(addr) !== undefined;
  }

  private isBroadcastFor(addr: Ipv4, iface: RouterInterface): boolean {
    if (addr === 0xffffffff) return true;
    const ip = iface.ip;
    if (!ip) return false;
    return sameSubnet(addr, ip.address, ip.mask) && ((addr | ip.mask) >>> 0) === 0xffffffff;
  }

  /** Send a datagram out of `iface` toward `nextHop`; fragments to the interface's IP MTU. */
  output(dg: IpDatagram, iface: RouterInterface, nextHop: Ipv4, unfiltered = false): boolean {
    if (!iface.lineUp) {
      iface.counters.outputDrops++;
      return false;
    }
    const total = 20 + dg.payload.length;
    if (total > iface.ipMtu) {
      if (dg.df) {
        this.host.sendIcmpError(3, 4, dg, iface, iface.ipMtu);
        return false;
      }
      let okAll = true;
      for (const frag of fragmentDatagram(dg, iface.ipMtu)) okAll = this.outputOne(frag.dg, frag.bytes, iface, nextHop, unfiltered) && okAll;
      return okAll;
    }
    return this.outputOne(dg, undefined, iface, nextHop, unfiltered);
  }

  private outputOne(dg: IpDatagram, preEncoded: Uint8Array | undefined, iface: RouterInterface, nextHop: Ipv4, unfiltered: boolean): boolean {
    if (iface.kind === 'tunnel') return this.host.tunnelOutput(iface, dg, nextHop);
    if (iface.kind === 'loopback') {
      // A loopback has nothing behind it: a packet for one of our own addresses comes back to us, and
      // anything else (the EIGRP hellos IOS sends on every enabled loopback, say) ends there.
      iface.counters.packetsOut++;
      if (this.isLocal(dg.dst)) this.host.sched.schedule(0, () => this.receiveDatagram(dg, iface));
      return true;
    }
    for (const hook of unfiltered ? [] : this.outputHooks) {
      const verdict = hook(dg, iface, nextHop);
      if (verdict === 'drop') return false;
      if (verdict === 'consumed') return true;
    }
    return this.transmitIp(dg, preEncoded, iface, nextHop);
  }

  /** Final step of output on Ethernet: resolve the MAC and frame the datagram (no hooks). */
  transmitIp(dg: IpDatagram, preEncoded: Uint8Array | undefined, iface: RouterInterface, nextHop: Ipv4): boolean {
    const mac = this.resolveMac(dg.dst, nextHop, iface);
    if (!mac) {
      // IOS drops the packet that triggers ARP resolution (the first ping '.' of a fresh ARP cache).
      iface.counters.outputDrops++;
      return false;
    }
    const bytes = preEncoded ?? encodeIpv4(dg);
    const frame = encodeEthernet({ dst: mac, src: iface.mac!, ethertype: ETHERTYPE_IPV4, payload: bytes });
    iface.counters.packetsOut++;
    iface.counters.bytesOut += frame.length;
    this.host.transmitFrame(iface, frame);
    return true;
  }

  private resolveMac(dst: Ipv4, nextHop: Ipv4, iface: RouterInterface): Mac | undefined {
    if (dst >>> 28 === 0xe) {
      // IPv4 multicast → 01:00:5e + low 23 bits of the group.
      return new Uint8Array([0x01, 0x00, 0x5e, (dst >>> 16) & 0x7f, (dst >>> 8) & 0xff, dst & 0xff]);
    }
    if (this.isBroadcastFor(dst, iface)) return BROADCAST_MAC;
    const mac = this.host.arp.lookup(iface.name, nextHop);
    if (mac) return mac;
    this.sendArpRequest(iface, nextHop);
    return undefined;
  }

  private sendArpRequest(iface: RouterInterface, target: Ipv4): void {
    const ip = iface.ip;
    if (!ip || !iface.mac) return;
    const key = `${iface.name}/${target}`;
    const last = this.arpPending.get(key);
    const now = this.host.sched.now();
    if (last !== undefined && now - last < ARP_RETRY_MS) return;
    this.arpPending.set(key, now);
    const arp = encodeArp({ op: ARP_REQUEST, senderMac: iface.mac, senderIp: ip.address, targetMac: new Uint8Array(6), targetIp: target });
    this.host.transmitFrame(iface, encodeEthernet({ dst: BROADCAST_MAC, src: iface.mac, ethertype: ETHERTYPE_ARP, payload: arp }));
  }

  /** A frame arrived on an Ethernet interface. Malformed frames are counted and dropped. */
  receiveFrame(iface: RouterInterface, frame: Uint8Array): void {
    if (!iface.lineUp || !iface.mac) return;
    const eth = decodeEthernet(frame);
    if (!eth.ok) {
      iface.counters.inputDrops++;
      return;
    }
    const e = eth.value;
    const broadcast = macEquals(e.dst, BROADCAST_MAC);
    const multicast = (e.dst[0]! & 1) === 1;
    if (!broadcast && !multicast && !macEquals(e.dst, iface.mac)) return;
    iface.counters.packetsIn++;
    iface.counters.bytesIn += frame.length;
    if (broadcast) iface.counters.broadcastsIn++;
    else if (multicast) iface.counters.multicastsIn++;
    if (e.ethertype === ETHERTYPE_ARP) this.receiveArp(iface, e.payload);
    else if (e.ethertype === ETHERTYPE_IPV4) {
      const ip = decodeIpv4(e.payload);
      if (!ip.ok) {
        iface.counters.inputDrops++;
        return;
      }
      const v = ip.value;
      const dg: IpDatagram = { src: v.src, dst: v.dst, protocol: v.protocol, ttl: v.ttl, tos: v.tos, id: v.id, df: v.df, payload: v.payload };
      if (v.mf || v.fragmentOffset > 0) {
        const whole = this.reassembler.add(dg, v.mf, v.fragmentOffset);
        if (!whole) return;
        this.receiveDatagram(whole, iface);
        return;
      }
      this.receiveDatagram(dg, iface);
    }
  }

  private receiveArp(iface: RouterInterface, bytes: Uint8Array): void {
    const r = decodeArp(bytes);
    const ip = iface.ip;
    if (!r.ok || !ip) return;
    const a = r.value;
    const forUs = a.targetIp === ip.address;
    if (forUs) this.host.arp.learn(iface.name, a.senderIp, a.senderMac);
    else this.host.arp.refresh(iface.name, a.senderIp, a.senderMac);
    if (a.op !== ARP_REQUEST) return;
    let answer = forUs;
    if (!answer && iface.config.ipProxyArp && !sameSubnet(a.targetIp, ip.address, ip.mask)) {
      // Proxy ARP: answer for a target we route out of a different interface.
      const route = this.host.rib.resolve(a.targetIp);
      answer = route !== undefined && route.iface !== iface.name;
    }
    if (!answer) return;
    const reply = encodeArp({ op: ARP_REPLY, senderMac: iface.mac!, senderIp: a.targetIp, targetMac: a.senderMac, targetIp: a.senderIp });
    this.host.transmitFrame(iface, encodeEthernet({ dst: a.senderMac, src: iface.mac!, ethertype: ETHERTYPE_ARP, payload: reply }));
  }

  /** A whole datagram arrived on `iface` (from the wire, a tunnel, or a decryption): deliver or forward. */
  receiveDatagram(dg: IpDatagram, iface: RouterInterface, unfiltered = false): void {
    if (iface.kind === 'ethernet' && !unfiltered) {
      for (const hook of this.inputHooks) if (hook(dg, iface) === 'drop') return;
    }
    if (this.isLocal(dg.dst) || this.isBroadcastFor(dg.dst, iface) || dg.dst >>> 28 === 0xe) {
      this.host.deliverLocal(dg, iface);
      return;
    }
    this.forward(dg, iface);
  }

  private forward(dg: IpDatagram, inIface: RouterInterface): void {
    if (dg.ttl <= 1) {
      this.host.sendIcmpError(11, 0, dg, inIface);
      return;
    }
    const route = this.host.rib.resolve(dg.dst);
    const out = route ? this.host.iface(route.iface) : undefined;
    if (!route || !out) {
      this.host.sendIcmpError(3, 0, dg, inIface);
      return;
    }
    this.output({ ...dg, ttl: dg.ttl - 1 }, out, route.nextHop);
  }
}
