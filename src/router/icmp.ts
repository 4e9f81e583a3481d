/**
 * ICMP on a router: answering echo requests, sending errors (unreachable, time exceeded, fragmentation
 * needed) with IOS's default rate limit for unreachables (one per 500 ms, which is why a ping to an
 * unroutable address prints `U.U.U`), and handing replies and errors to waiting pings.
 */
import type { Ipv4 } from '../wire/addr.js';
import { decodeIcmp, encodeIcmp, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST } from '../wire/icmp.js';
import { encodeIpv4 } from '../wire/ipv4.js';
import type { IpDatagram, IpSendRequest } from '../protocols/host.js';
import type { RouterInterface } from './interface.js';

export const IP_PROTO_ICMP = 1;
const UNREACHABLE_INTERVAL_MS = 500;

export interface IcmpHost {
  now(): number;
  sendIp(req: IpSendRequest): boolean;
  /** Address of `iface`, used as the source of errors sent back through it. */
  addressOf(iface: RouterInterface): Ipv4 | undefined;
}

/** Something a pending ping is told about. */
export type IcmpEvent =
  | { kind: 'echo-reply'; from: Ipv4; id: number; seq: number; size: number }
  | { kind: 'error'; from: Ipv4; type: number; code: number; id: number; seq: number };

export class IcmpService {
  private lastUnreachable = -Infinity;
  private listeners = new Set<(ev: IcmpEvent) => void>();

  constructor(private readonly host: IcmpHost) {}

  subscribe(l: (ev: IcmpEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  input(dg: IpDatagram): void {
    const r = decodeIcmp(dg.payload);
    if (!r.ok) return;
    const m = r.value;
    if (m.type === ICMP_ECHO_REQUEST) {
      this.host.sendIp({
        src: dg.dst >>> 28 === 0xe ? undefined : dg.dst,
        dst: dg.src,
        protocol: IP_PROTO_ICMP,
        tos: dg.tos,
        payload: encodeIcmp({ type: ICMP_ECHO_REPLY, code: 0, id: m.id, seq: m.seq, data: m.data }),
      });
      return;
    }
    if (m.type === ICMP_ECHO_REPLY) {
      this.emit({ kind: 'echo-reply', from: dg.src, id: m.id, seq: m.seq, size: dg.payload.length + 20 });
      return;
    }
    if (m.type === 3 || m.type === 11) {
      // The error quotes the offending header + 8 bytes: recover the echo id/seq it refers to.
      const quoted = m.data;
      const ihl = quoted.length > 0 ? (quoted[0]! & 0x0f) * 4 : 20;
      const inner = quoted.subarray(ihl);
      const id = inner.length >= 8 ? (inner[4]! << 8) | inner[5]! : -1;
      const seq = inner.length >= 8 ? (inner[6]! << 8) | inner[7]! : -1;
      this.emit({ kind: 'error', from: dg.src, type: m.type, code: m.code, id, seq });
    }
  }

  /** Send an ICMP error about `offending`, which arrived on (or was to leave by) `iface`. */
  sendError(type: number, code: number, offending: IpDatagram, iface: RouterInterface, mtu?: number): void {
    if (offending.protocol === IP_PROTO_ICMP) {
      const r = decodeIcmp(offending.payload);
      // Never answer an ICMP error with an error (RFC 1122).
      if (!r.ok || (r.value.type !== ICMP_ECHO_REQUEST && r.value.type !== ICMP_ECHO_REPLY)) return;
    }
    if (type === 3 && code !== 4) {
      const now = this.host.now();
      if (now - this.lastUnreachable < UNREACHABLE_INTERVAL_MS) return;
      this.lastUnreachable = now;
    }
    const src = this.host.addressOf(iface);
    if (src === undefined) return;
    const header = encodeIpv4({ ...offending, mf: false, fragmentOffset: 0 });
    const quoted = header.subarray(0, 20 + Math.min(8, offending.payload.length));
    this.host.sendIp({
      src,
      dst: offending.src,
      protocol: IP_PROTO_ICMP,
      payload: encodeIcmp({ type, code, id: 0, seq: mtu ?? 0, data: quoted }),
    });
  }

  private emit(ev: IcmpEvent): void {
    for (const l of [...this.listeners]) l(ev);
  }
}
