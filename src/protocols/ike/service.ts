/**
 * The IKE daemon of one router: UDP 500, the table of ISAKMP SAs (by cookies and by peer), requests
 * for IPsec SAs from the IPsec layer (start or reuse phase 1, then quick mode), the responder side for
 * peers that start, informational exchanges (PROPOSAL_NOT_CHOSEN, RESPONDER-LIFETIME, DELETE, DPD's
 * R-U-THERE and its ACK), dead peer detection on each SA, and `clear crypto isakmp`.
 */
import type { IsakmpKey, IsakmpPolicy } from '../../config/crypto.js';
import { ISAKMP_POLICY_DEFAULTS } from '../../config/crypto.js';
import { type Ipv4, ipv4ToString } from '../../wire/addr.js';
import { decodeAttributes, decodeIsakmp, EXCH_INFO, EXCH_MAIN, EXCH_QUICK, type IsakmpMessage, type IsakmpPayload, PL_DELETE, PL_NOTIFY } from '../../wire/isakmp.js';
import { IsakmpSa, type IkeBasics, type IkeEnv } from './isakmp-sa.js';
import { type FlowId, type NegotiatedSas, type Phase2Request, type QmEnv, QuickMode } from './quick-mode.js';
import type { EspSuite, Phase2Policy } from './ipsec-proposal.js';
import { ExchangeIv, exchangeHash, openMessage, sealMessage } from './phase2-crypto.js';
import { DOI_IPSEC, NOTIFY_NAMES, NOTIFY_R_U_THERE, NOTIFY_R_U_THERE_ACK, NOTIFY_RESPONDER_LIFETIME, PROTO_IPSEC_ESP, PROTO_ISAKMP } from './constants.js';
import { type IsakmpDialect, stateLabel } from './dialect.js';
import { DeadPeerDetector, type DpdEnv, hexSeq, type KeepaliveSettings, type PeerTraffic } from './dpd.js';
import { ATTR_LIFE_DURATION, valueOf } from './policy.js';

/** Where the IKE daemon lives: time, randomness, logging, configuration and UDP. */
export interface IkeHost extends IkeBasics {
  randomU32(): number;
  configuredPolicies(): IsakmpPolicy[];
  keys(): readonly IsakmpKey[];
  /** `crypto isakmp keepalive` (DPD), if configured. */
  keepalive(): KeepaliveSettings | undefined;
  sendUdp(src: Ipv4, dst: Ipv4, payload: Uint8Array): void;
}

/** What IKE asks of IPsec. */
export interface IpsecBinding {
  allocateSpi(): number;
  findPolicy(local: Ipv4, peer: Ipv4, localProxy: FlowId, remoteProxy: FlowId): { policy: Phase2Policy; mapTag: string } | undefined;
  validated(local: Ipv4, peer: Ipv4, localProxy: FlowId, remoteProxy: FlowId, suite: EspSuite): void;
  install(sas: NegotiatedSas, role: 'I' | 'R'): void;
  enableOutbound(sas: NegotiatedSas): void;
  /** A request could not be met (phase 1 or 2 failed); IPsec may ask again on the next packet. */
  requestFailed(peer: Ipv4, req: Phase2Request): void;
  /** Drop every IPsec SA with `peer` (INITIAL-CONTACT, DELETE). */
  peerReset(peer: Ipv4): void;
  /** ESP packets sent to and received from `peer` so far (DPD's evidence of traffic). */
  espTraffic(peer: Ipv4): PeerTraffic;
}

interface PendingRequest {
  local: Ipv4;
  peer: Ipv4;
  req: Phase2Request;
}

/** IOS's own default suite when no `crypto isakmp policy` exists (PROTOCOL-FACTS §3.3). */
const DEFAULT_SUITE: IsakmpPolicy = { priority: 65535, ...ISAKMP_POLICY_DEFAULTS };

export class IkeService {
  private readonly sas: IsakmpSa[] = [];
  private readonly pending: PendingRequest[] = [];
  private readonly quickModes = new Map<string, QuickMode>();
  /** 15.x numbers ISAKMP SAs from 1001; 12.x from 1 (`ISAKMP (0:1):`). */
  private connIds: number;
  /** Our address toward each peer (the crypto endpoint IKE was asked from, or was reached at). */
  private readonly localFor = new Map<Ipv4, Ipv4>();
  /** IKE messages received from each peer: DPD counts them as signs of life. */
  private readonly ikeHeard = new Map<Ipv4, number>();
  private readonly detectors = new Map<IsakmpSa, DeadPeerDetector>();
  binding?: IpsecBinding;

  constructor(private readonly host: IkeHost) {
    this.connIds = host.dialect.firstConnId;
  }

  /** The IOS train's wording for IKE and crypto-engine debug lines. */
  get dialect(): IsakmpDialect {
    return this.host.dialect;
  }

  /** Every ISAKMP SA, newest last (`show crypto isakmp sa`). */
  all(): readonly IsakmpSa[] {
    return this.sas;
  }

  policies(): IsakmpPolicy[] {
    const configured = this.host.configuredPolicies();
    return configured.length > 0 ? configured : [DEFAULT_SUITE];
  }

  private env(): IkeEnv {
    const h = this.host;
    return {
      dialect: h.dialect,
      now: () => h.now(),
      debug: (t) => h.debug(t),
      engineDebug: (t) => h.engineDebug(t),
      syslog: (tag, t) => h.syslog(tag, t),
      randomBytes: (n) => h.randomBytes(n),
      pointer: () => (0x6000000 + (h.randomU32() % 0x3ffffff)).toString(16).toUpperCase(),
      policies: () => this.policies(),
      keys: () => h.keys(),
      nextConnId: () => this.connIds++,
      send: (peer, bytes) => this.sendFrom(peer, bytes),
      schedule: (ms, fn) => h.schedule(ms, fn),
      onEstablished: (sa) => this.established(sa),
      onDeleted: (sa) => this.deleted(sa),
      onInitialContact: (sa) => this.initialContact(sa),
      sendNotify: (sa, type, protocol, spi, data) => this.sendNotify(sa, type, protocol, spi, data),
    };
  }

  private dpdEnv(): DpdEnv {
    const h = this.host;
    return {
      settings: () => h.keepalive(),
      traffic: (sa) => {
        const esp = this.binding?.espTraffic(sa.peer) ?? { sent: 0, received: 0 };
        return { sent: esp.sent, received: esp.received + (this.ikeHeard.get(sa.peer) ?? 0) };
      },
      schedule: (ms, fn) => h.schedule(ms, fn),
      debug: (t) => h.debug(t),
      sendDpd: (sa, type, seq) => this.sendNotify(sa, type, PROTO_ISAKMP, cookieSpi(sa), seqBytes(seq), `${sa.prefix} seq. no ${hexSeq(seq)}`),
      peerDead: (sa) => {
        sa.delete('peers alive');
        this.binding?.peerReset(sa.peer);
      },
    };
  }

  /** `D` in `show crypto isakmp sa detail`: dead peer detection runs on this SA. */
  doesDpd(sa: IsakmpSa): boolean {
    return this.detectors.get(sa)?.running === true;
  }

  private sendFrom(peer: Ipv4, bytes: Uint8Array): void {
    const local = this.localFor.get(peer);
    if (local !== undefined) this.host.sendUdp(local, peer, bytes);
  }

  private qmEnv(): QmEnv {
    const h = this.host;
    return {
      dialect: h.dialect,
      debug: (t) => h.debug(t),
      randomBytes: (n) => h.randomBytes(n),
      allocateSpi: () => this.binding!.allocateSpi(),
      send: (peer, bytes) => this.sendFrom(peer, bytes),
      schedule: (ms, fn) => h.schedule(ms, fn),
      findPolicy: (sa, local, remote) => this.binding!.findPolicy(sa.local, sa.peer, local, remote),
      validated: (sa, local, remote, suite) => this.binding!.validated(sa.local, sa.peer, local, remote, suite),
      install: (s, role) => this.binding!.install(s, role),
      enableOutbound: (s) => this.binding!.enableOutbound(s),
      failed: (qm, notify) => this.quickModeFailed(qm, notify),
      completed: (qm) => this.quickModes.delete(this.qmKey(qm.sa, qm.messageId)),
    };
  }

  private qmKey(sa: IsakmpSa, mid: number): string {
    return `${sa.connId}/${mid >>> 0}`;
  }

  /** The live SA with `peer` (from `local`, when given): an established one if any, else one still negotiating. */
  saWith(peer: Ipv4, local?: Ipv4): IsakmpSa | undefined {
    const live = this.sas.filter((s) => s.peer === peer && !s.deleted && (local === undefined || s.local === local));
    return live.find((s) => s.established) ?? live[0];
  }

  /** IPsec needs SAs for `req` with `peer`: use phase 1 if it is up, else start (or wait for) it. */
  request(local: Ipv4, peer: Ipv4, req: Phase2Request): void {
    this.localFor.set(peer, local);
    const sa = this.saWith(peer, local);
    if (sa?.established) {
      this.startQuickMode(sa, req);
      return;
    }
    this.pending.push({ local, peer, req });
    if (sa) return;
    // A negotiation from an address we no longer use (the tunnel source moved) is abandoned.
    for (const stale of this.sas.filter((x) => x.peer === peer && !x.deleted && !x.established)) stale.delete('Local address changed');
    const fresh = new IsakmpSa(this.env(), 'I', local, peer);
    this.sas.push(fresh);
    fresh.start();
  }

  private startQuickMode(sa: IsakmpSa, req: Phase2Request): void {
    const mid = this.host.randomU32() | 1;
    const qm = new QuickMode(this.qmEnv(), sa, 'I', mid, req);
    this.quickModes.set(this.qmKey(sa, mid), qm);
    qm.start();
  }

  private established(sa: IsakmpSa): void {
    const dpd = new DeadPeerDetector(this.dpdEnv(), sa, this.host.randomU32());
    this.detectors.set(sa, dpd);
    dpd.start();
    if (sa.role !== 'I') return;
    const mine = this.pending.filter((p) => p.peer === sa.peer && p.local === sa.local);
    this.pending.splice(0, this.pending.length, ...this.pending.filter((p) => !mine.includes(p)));
    for (const p of mine) this.startQuickMode(sa, p.req);
  }

  private deleted(sa: IsakmpSa): void {
    this.detectors.get(sa)?.stop();
    this.detectors.delete(sa);
    const idx = this.sas.indexOf(sa);
    if (idx >= 0) this.sas.splice(idx, 1);
    for (const [k, qm] of this.quickModes) if (qm.sa === sa) this.quickModes.delete(k);
    const waiting = this.pending.filter((p) => p.peer === sa.peer && p.local === sa.local);
    if (this.saWith(sa.peer, sa.local)) return;
    this.pending.splice(0, this.pending.length, ...this.pending.filter((p) => !waiting.includes(p)));
    for (const p of waiting) this.binding?.requestFailed(p.peer, p.req);
  }

  private initialContact(sa: IsakmpSa): void {
    for (const other of [...this.sas]) {
      if (other === sa || other.peer !== sa.peer || other.deleted) continue;
      this.host.debug(`${this.host.dialect.p(other.connId)}received initial contact, deleting SA`);
      other.delete('Receive initial contact');
    }
    this.binding?.peerReset(sa.peer);
  }

  private quickModeFailed(qm: QuickMode, notify?: number): void {
    this.quickModes.delete(this.qmKey(qm.sa, qm.messageId));
    if (notify !== undefined) {
      const spi = new Uint8Array(4);
      new DataView(spi.buffer).setUint32(0, this.host.randomU32());
      this.sendNotify(qm.sa, notify, PROTO_IPSEC_ESP, spi, new Uint8Array(0));
    }
    if (qm.role === 'I' && qm.request) this.binding?.requestFailed(qm.sa.peer, qm.request);
  }

  /**
   * An informational exchange carrying one notify, protected by the ISAKMP SA. IOS prints the message
   * ID signed here on every train, and the SPI as a number (its first four bytes for a cookie pair).
   */
  private sendNotify(sa: IsakmpSa, notifyType: number, protocol: number, spi: Uint8Array, data: Uint8Array, detail?: string): void {
    const mid = this.host.randomU32() | 1;
    const P = this.host.dialect.p(sa.connId);
    this.host.debug(`ISAKMP: set new node ${mid | 0} to QM_IDLE      `);
    const spiNumber = new DataView(spi.buffer, spi.byteOffset).getUint32(0);
    this.host.debug(`${P}Sending NOTIFY ${NOTIFY_NAMES[notifyType] ?? notifyType} protocol ${protocol}\n        spi ${spiNumber}, message ID = ${mid | 0}`);
    if (detail) this.host.debug(detail);
    const rest: IsakmpPayload[] = [{ type: PL_NOTIFY, doi: DOI_IPSEC, protocol, notifyType, spi, data }];
    this.informational(sa, mid, rest);
    this.host.debug(`${P}purging node ${mid | 0}`);
  }

  private informational(sa: IsakmpSa, mid: number, rest: IsakmpPayload[]): void {
    const bytes = sealMessage(sa, new ExchangeIv(sa, mid), EXCH_INFO, mid, exchangeHash(sa, mid, rest), rest);
    this.host.debug(`${this.host.dialect.p(sa.connId)} sending packet to ${sa.peerText} my_port 500 peer_port 500 (${sa.role}) ${stateLabel(sa.label)}`);
    this.host.debug(`${this.host.dialect.p(sa.connId)}Sending an IKE IPv4 Packet.`);
    this.sendFrom(sa.peer, bytes);
  }

  // ---- input -------------------------------------------------------------------------------------

  /** A UDP 500 datagram from `src` to our `dst`. Malformed messages are dropped with IOS's log. */
  receive(src: Ipv4, dst: Ipv4, bytes: Uint8Array): void {
    const d = decodeIsakmp(bytes);
    if (!d.ok) {
      this.host.syslog('CRYPTO-4-IKMP_BAD_MESSAGE', `IKE message from ${ipv4ToString(src)} failed its sanity check or is malformed`);
      return;
    }
    const m = d.value;
    this.localFor.set(src, dst);
    this.ikeHeard.set(src, (this.ikeHeard.get(src) ?? 0) + 1);
    // A retransmitted MM1 still has a zero responder cookie: it belongs to the SA its first copy created.
    const sa = this.sas.find((s) => s.peer === src && same(s.ckyI, m.initiatorCookie) && (same(s.ckyR, m.responderCookie) || isZero(s.ckyR) || isZero(m.responderCookie)));
    if (m.exchangeType === EXCH_MAIN) {
      if (sa) return sa.receive(m, bytes);
      if (!isZero(m.responderCookie)) return this.noSa(src);
      const fresh = new IsakmpSa(this.env(), 'R', dst, src, m.initiatorCookie);
      this.sas.push(fresh);
      fresh.receive(m, bytes);
      return;
    }
    if (!sa || !sa.established) return this.noSa(src);
    if (m.exchangeType === EXCH_QUICK) return this.receiveQuick(sa, m);
    if (m.exchangeType === EXCH_INFO) return this.receiveInfo(sa, m);
  }

  private noSa(src: Ipv4): void {
    this.host.syslog('CRYPTO-4-IKMP_NO_SA', `IKE message from ${ipv4ToString(src)} has no SA and is not an initialization offer`);
  }

  private receiveQuick(sa: IsakmpSa, m: IsakmpMessage): void {
    const key = this.qmKey(sa, m.messageId);
    this.host.debug(`${this.host.dialect.s(sa.connId)} received packet from ${sa.peerText} dport 500 sport 500 Global (${sa.role}) QM_IDLE      `);
    let qm = this.quickModes.get(key);
    if (!qm) {
      this.host.debug(`ISAKMP: set new node ${m.messageId | 0} to QM_IDLE      `);
      qm = new QuickMode(this.qmEnv(), sa, 'R', m.messageId);
      this.quickModes.set(key, qm);
    }
    qm.receive(m);
  }

  private receiveInfo(sa: IsakmpSa, m: IsakmpMessage): void {
    const P = this.host.dialect.p(sa.connId);
    const mid = this.host.dialect.mid(m.messageId);
    this.host.debug(`${this.host.dialect.s(sa.connId)} received packet from ${sa.peerText} dport 500 sport 500 Global (${sa.role}) ${stateLabel(sa.label)}`);
    const opened = openMessage(sa, new ExchangeIv(sa, m.messageId), m);
    if (!opened) return;
    this.host.debug(`ISAKMP: set new node ${m.messageId | 0} to QM_IDLE      `);
    // HASH = prf(SKEYID_a, M-ID | payloads after it) (RFC 2409 §5.7): nothing unauthenticated is acted on.
    if (!same(opened.hash, exchangeHash(sa, m.messageId, opened.rest))) {
      this.host.debug(`${P}hash not correct, message ID = ${mid}`);
      return;
    }
    // A lone RESPONDER-LIFETIME arrives with phase 1 and IOS prints no HASH line for it.
    const lifetimeOnly = opened.rest.every((p) => p.type === PL_NOTIFY && 'notifyType' in p && p.notifyType === NOTIFY_RESPONDER_LIFETIME);
    if (!lifetimeOnly) this.host.debug(`${P} processing HASH payload. message ID = ${mid}`);
    let notified = false;
    let askedSeq: number | undefined;
    for (const p of opened.rest) {
      if (p.type === PL_NOTIFY && 'notifyType' in p) {
        notified = true;
        this.host.debug(`${P} processing NOTIFY ${NOTIFY_NAMES[p.notifyType] ?? p.notifyType} protocol ${p.protocol}\n        spi 0, message ID = ${mid}, sa = ${sa.pointer}`);
        if (p.notifyType === NOTIFY_RESPONDER_LIFETIME && p.protocol === PROTO_ISAKMP) {
          this.host.debug(`${P}SA authentication status:\n        authenticated`);
          sa.takeResponderLifetime(lifetimeIn(p.data));
        } else if (p.notifyType === NOTIFY_R_U_THERE) {
          askedSeq = seqOf(p.data);
        } else if (p.notifyType === NOTIFY_R_U_THERE_ACK) {
          const seq = seqOf(p.data);
          this.host.debug(`${P} DPD/R_U_THERE_ACK received from peer ${sa.peerText}, sequence ${hexSeq(seq ?? 0)}`);
          if (seq !== undefined) this.detectors.get(sa)?.acknowledged(seq);
        } else if (p.protocol === PROTO_IPSEC_ESP && p.notifyType < NOTIFY_FIRST_STATUS) {
          // The responder refused our quick mode: IOS abandons the exchange; phase 1 stays QM_IDLE.
          for (const [k, qm] of this.quickModes) {
            if (qm.sa !== sa || qm.role !== 'I') continue;
            this.host.debug(`${P}deleting node ${qm.messageId | 0} error TRUE reason "Delete Larval"`);
            this.quickModes.delete(k);
            qm.done = true;
            if (qm.request) this.binding?.requestFailed(sa.peer, qm.request);
          }
        }
      } else if (p.type === PL_DELETE && 'spis' in p) {
        this.host.debug(`${P} processing DELETE payload. message ID = ${mid}`);
        if (p.protocol === PROTO_ISAKMP) {
          this.host.debug(`${P}peer does not do paranoid keepalives.\n`);
          sa.delete('No reason');
          this.binding?.peerReset(sa.peer);
        } else this.binding?.peerReset(sa.peer);
      }
    }
    this.host.debug(`${P}deleting node ${m.messageId | 0} error FALSE reason "Informational (in) state 1"`);
    if (notified && !sa.deleted) sa.event('IKE_MESG_FROM_PEER, IKE_INFO_NOTIFY');
    if (askedSeq !== undefined && !sa.deleted) {
      // RFC 3706 §5.3: answer with the same sequence number.
      this.host.debug(`${P}DPD/R_U_THERE received from peer ${sa.peerText}, sequence ${hexSeq(askedSeq)}`);
      this.sendNotify(sa, NOTIFY_R_U_THERE_ACK, PROTO_ISAKMP, cookieSpi(sa), seqBytes(askedSeq), `${P} seq. no ${hexSeq(askedSeq)}`);
    }
  }

  // ---- clear ---------------------------------------------------------------------------------------

  /** `clear crypto isakmp [conn-id]`: delete phase-1 SAs, telling the peer. */
  clear(connId?: number): void {
    for (const sa of [...this.sas]) {
      if (connId !== undefined && sa.connId !== connId) continue;
      if (sa.established) {
        const mid = this.host.randomU32() | 1;
        const spi = new Uint8Array([...sa.ckyI, ...sa.ckyR]);
        this.informational(sa, mid, [{ type: PL_DELETE, doi: DOI_IPSEC, protocol: PROTO_ISAKMP, spiSize: 16, spis: [spi] }]);
      }
      sa.delete('Manual deletion');
    }
  }

  /** Tell `peer` that IPsec SAs are gone (`clear crypto sa`), so it drops its half too. */
  sendIpsecDelete(peer: Ipv4, spis: number[]): void {
    const sa = this.saWith(peer);
    if (!sa?.established || spis.length === 0) return;
    const mid = this.host.randomU32() | 1;
    const encoded = spis.map((s) => {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, s >>> 0);
      return b;
    });
    this.informational(sa, mid, [{ type: PL_DELETE, doi: DOI_IPSEC, protocol: PROTO_IPSEC_ESP, spiSize: 4, spis: encoded }]);
  }
}

/** RFC 2408 §3.14.1: notify types below this are errors; status notifies (lifetimes, DPD) are not refusals. */
const NOTIFY_FIRST_STATUS = 16384;

/** RFC 3706 §5 and RFC 2407 §4.6.3.1: a notify about the ISAKMP SA names it by its cookie pair. */
function cookieSpi(sa: IsakmpSa): Uint8Array {
  return new Uint8Array([...sa.ckyI, ...sa.ckyR]);
}

function seqBytes(seq: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, seq >>> 0);
  return b;
}

/** The 32-bit DPD sequence number in a notify's data, if it is there. */
function seqOf(data: Uint8Array): number | undefined {
  return data.length >= 4 ? new DataView(data.buffer, data.byteOffset).getUint32(0) : undefined;
}

/** The life duration in a RESPONDER-LIFETIME's attribute list (0 when it has none). */
function lifetimeIn(data: Uint8Array): number {
  const attrs = decodeAttributes(data);
  const d = attrs.ok ? attrs.value.find((a) => a.type === ATTR_LIFE_DURATION) : undefined;
  return d ? valueOf(d) : 0;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const isZero = (a: Uint8Array) => a.every((x) => x === 0);
