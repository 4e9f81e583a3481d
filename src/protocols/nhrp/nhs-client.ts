/**
 * The NHRP client half (a spoke): registration with each configured NHS (`ip nhrp nhs`), the NHS state
 * `show ip nhrp nhs` prints (E = expecting replies, R = responding), retransmission with backoff while
 * no reply comes, and the periodic re-registration that keeps the hub's entry alive.
 *
 * Timers: the first retransmission after 1 s, doubling up to 64 s (the Cisco-interoperable behaviour
 * FRR documents, PROTOCOL-FACTS §1.2); re-registration every `ip nhrp registration timeout`, by default
 * a third of the holdtime (RFC 2332 §5.2.3). An NHS that was responding is declared down after three
 * unanswered retransmissions (1 + 2 + 4 s): IOS's exact threshold is not documented; this keeps the
 * symptom (R drops, NHS back to E) with a plausible delay.
 */
import type { HostInterface } from '../host.js';
import type { TimerHandle } from '../../sim/scheduler.js';
import { type Ipv4, ipv4ToString } from '../../wire/addr.js';
import {
  NHRP_EXT_NAT,
  NHRP_FLAG_NAT,
  NHRP_FLAG_UNIQUE,
  NHRP_REGISTRATION_REQUEST,
  type NhrpPacket,
} from '../../wire/nhrp.js';
import type { NhrpContext } from './context.js';
import { NHRP_DEBUG } from './debug-flags.js';

const FIRST_RETRANSMIT_S = 1;
const MAX_RETRANSMIT_S = 64;
const RETRANSMITS_BEFORE_DOWN = 3;
/** Seed 000's Spoke1 numbers its first registration 65540; request IDs count up from there per router. */
const FIRST_REQUEST_ID = 65540;

export interface NhsState {
  iface: string;
  addr: Ipv4;
  /** '' before the first request, 'E' while expecting replies, 'RE' once the NHS responds. */
  flags: '' | 'E' | 'RE';
  /** Virtual time of the last R/not-R change (`show dmvpn` UpDn Tm). */
  changedAt: number;
  currentRequestId?: number;
  ackedRequestId?: number;
  /** Request IDs sent since the last reply: a reply to any of them counts. */
  outstanding: Set<number>;
  requestsSent: number;
  requestsFailed: number;
  repliesReceived: number;
  lastReplyAt?: number;
  retransmitIvlS: number;
  unansweredRetransmits: number;
  timer?: TimerHandle;
}

export class NhsClient {
  private readonly states = new Map<string, NhsState[]>();
  private nextRequestId = FIRST_REQUEST_ID;

  constructor(private readonly ctx: NhrpContext) {}

  nhsOn(iface: string): readonly NhsState[] {
    return this.states.get(iface) ?? [];
  }

  /** Bring the NHS list of `i` in line with its configuration and state; start registering if it can. */
  sync(i: HostInterface): void {
    const active = this.ctx.enabledOn(i) && i.lineUp;
    const wanted = active ? i.config.nhrp.nhs : [];
    const current = this.states.get(i.name) ?? [];
    for (const s of current) if (!wanted.includes(s.addr)) s.timer?.cancel();
    const next: NhsState[] = wanted.map((addr) => current.find((s) => s.addr === addr) ?? this.fresh(i.name, addr));
    if (next.length === 0) this.states.delete(i.name);
    else this.states.set(i.name, next);
    for (const s of next) if (s.flags === '' && this.transportReady(i, s)) this.start(i, s);
  }

  /**
   * Tunnel protection signalled that IPsec to `nbma` is up: an NHS there still expecting replies is
   * asked again at once, with the retransmission interval back at its start.
   */
  transportUp(i: HostInterface, nbma: Ipv4): void {
    for (const s of this.nhsOn(i.name)) {
      if (s.flags !== 'E' || this.nhsNbma(i, s.addr)?.nbma !== nbma) continue;
      s.retransmitIvlS = FIRST_RETRANSMIT_S;
      this.register(i, s);
      this.armRetransmit(i.name, s);
    }
  }

  /** Tunnel protection holds registration back until IPsec to the NHS is up (seed 000's order). */
  private transportReady(i: HostInterface, s: NhsState): boolean {
    const target = this.nhsNbma(i, s.addr);
    return target === undefined || this.ctx.host.tunnelTransportReady(i.name, target.nbma);
  }

  /** The interface went down: every NHS returns to the not-started state. */
  stop(iface: string): void {
    for (const s of this.states.get(iface) ?? []) s.timer?.cancel();
    this.states.delete(iface);
  }

  /** A Registration Reply arrived on `i`; true if it answered one of our requests. */
  onReply(i: HostInterface, p: NhrpPacket): boolean {
    const s = this.nhsOn(i.name).find((n) => n.addr === p.dstProto && n.outstanding.has(p.requestId));
    if (!s) return false;
    const code = p.cies[0]?.code ?? 0;
    if (code !== 0) {
      // The NHS refused the registration (e.g. unique address already registered): keep retrying.
      s.requestsFailed++;
      return true;
    }
    s.timer?.cancel();
    s.outstanding.clear();
    s.repliesReceived++;
    s.lastReplyAt = this.ctx.host.sched.now();
    s.ackedRequestId = p.requestId;
    s.unansweredRetransmits = 0;
    if (s.flags !== 'RE') {
      s.flags = 'RE';
      s.changedAt = this.ctx.host.sched.now();
      this.ctx.debug(NHRP_DEBUG.protocol, `NHRP: NHS-UP: ${ipv4ToString(s.addr)}`, { tunnel: s.addr });
    }
    s.timer = this.ctx.host.sched.schedule(this.refreshIntervalS(i) * 1000, () => this.refresh(i.name, s));
    return true;
  }

  private fresh(iface: string, addr: Ipv4): NhsState {
    return {
      iface,
      addr,
      flags: '',
      changedAt: this.ctx.host.sched.now(),
      outstanding: new Set(),
      requestsSent: 0,
      requestsFailed: 0,
      repliesReceived: 0,
      retransmitIvlS: FIRST_RETRANSMIT_S,
      unansweredRetransmits: 0,
    };
  }

  private start(i: HostInterface, s: NhsState): void {
    s.flags = 'E';
    s.changedAt = this.ctx.host.sched.now();
    this.ctx.debug(
      NHRP_DEBUG.protocol,
      `NHRP: NHS ${ipv4ToString(s.addr)} ${i.name} vrf 0 Cluster 0 Priority 0 Transitioned to 'E' from ' '`,
      { tunnel: s.addr },
    );
    s.retransmitIvlS = FIRST_RETRANSMIT_S;
    const reqid = this.register(i, s);
    if (reqid !== undefined) {
      this.ctx.debug(NHRP_DEBUG.rate, `NHRP-RATE: Sending initial Registration Request for ${ipv4ToString(s.addr)}, reqid ${reqid}`, { tunnel: s.addr });
    }
    this.armRetransmit(i.name, s);
  }

  private refresh(iface: string, s: NhsState): void {
    const i = this.ctx.host.iface(iface);
    if (!this.ctx.enabledOn(i) || !i.lineUp) return;
    s.retransmitIvlS = FIRST_RETRANSMIT_S;
    this.register(i, s);
    this.armRetransmit(iface, s);
  }

  private armRetransmit(iface: string, s: NhsState): void {
    s.timer?.cancel();
    s.timer = this.ctx.host.sched.schedule(s.retransmitIvlS * 1000, () => this.retransmit(iface, s));
  }

  private retransmit(iface: string, s: NhsState): void {
    const i = this.ctx.host.iface(iface);
    if (!this.ctx.enabledOn(i) || !i.lineUp) return;
    s.unansweredRetransmits++;
    if (s.flags === 'RE' && s.unansweredRetransmits >= RETRANSMITS_BEFORE_DOWN) {
      s.flags = 'E';
      s.changedAt = this.ctx.host.sched.now();
      this.ctx.debug(NHRP_DEBUG.protocol, `NHRP: NHS-DOWN: ${ipv4ToString(s.addr)}`, { tunnel: s.addr });
    }
    s.retransmitIvlS = Math.min(MAX_RETRANSMIT_S, s.retransmitIvlS * 2);
    const reqid = this.register(i, s);
    if (reqid !== undefined) {
      this.ctx.debug(
        NHRP_DEBUG.rate,
        `NHRP-RATE: Retransmitting Registration Request for ${ipv4ToString(s.addr)}, reqid ${reqid}, (retrans ivl ${s.retransmitIvlS} sec)`,
        { tunnel: s.addr },
      );
    }
    this.armRetransmit(iface, s);
  }

  private refreshIntervalS(i: HostInterface): number {
    return i.config.nhrp.registrationTimeout ?? Math.floor(this.ctx.holdtimeS(i) / 3);
  }

  /** NBMA address of the NHS: the p2p tunnel's destination, or its `ip nhrp map` entry on mGRE. */
  private nhsNbma(i: HostInterface, nhs: Ipv4): { nbma: Ipv4; via: 'nhrp' | 'tunnel' } | undefined {
    const mapped = this.ctx.cache.find(i.name, nhs);
    if (i.multipoint) return mapped ? { nbma: mapped.nbma, via: 'nhrp' } : undefined;
    return i.tunnelDestination !== undefined ? { nbma: i.tunnelDestination, via: 'tunnel' } : undefined;
  }

  /** Build and send one Registration Request; returns its request ID, or undefined if it could not go. */
  private register(i: HostInterface, s: NhsState): number | undefined {
    const target = this.nhsNbma(i, s.addr);
    const src = i.tunnelSourceIp;
    if (!target || src === undefined || !i.ip) {
      this.ctx.debug(NHRP_DEBUG.error, `NHRP: Unable to send Registration Request to ${ipv4ToString(s.addr)} on ${i.name}: NBMA address unknown`, { tunnel: s.addr });
      return undefined;
    }
    const reqid = this.nextRequestId++;
    const mtu = i.mtu;
    const p: NhrpPacket = {
      afn: 1,
      protocolType: 0x0800,
      hopCount: 255,
      version: 1,
      opType: NHRP_REGISTRATION_REQUEST,
      flags: (i.config.nhrp.registrationNoUnique ? 0 : NHRP_FLAG_UNIQUE) | NHRP_FLAG_NAT,
      requestId: reqid,
      srcNbma: src,
      srcProto: i.ip.address,
      dstProto: s.addr,
      cies: [{ code: 0, prefixLength: 32, mtu, holdTime: this.ctx.holdtimeS(i), preference: 0 }],
      extensions: [
        ...this.ctx.baseExtensions(i),
        // Cisco NAT extension: the NHS's own NBMA and tunnel address, so it can tell whether NAT moved us.
        { type: NHRP_EXT_NAT, compulsory: false, cies: [{ code: 0, prefixLength: 32, mtu, holdTime: 0, preference: 0, clientNbma: target.nbma, clientProto: s.addr }] },
      ],
    };
    s.currentRequestId = reqid;
    s.outstanding.add(reqid);
    s.requestsSent++;
    this.ctx.send(i, target.nbma, p, s.addr, target.via);
    return reqid;
  }
}
