/**
 * Dead peer detection (RFC 3706) on one established ISAKMP SA, as `crypto isakmp keepalive S [R]
 * [periodic|on-demand]` sets it up. Every S seconds the detector compares what went to and came from
 * the peer since it last looked: anything heard from the peer proves it alive. Otherwise it asks
 * R-U-THERE — always when periodic; on demand only when we sent traffic the peer left unanswered — and
 * asks again every R seconds. Five unanswered retries declare the peer dead: the ISAKMP SA and the
 * IPsec SAs with that peer are torn down, so the next packet for the peer starts IKE afresh.
 *
 * The R-U-THERE/ACK lines follow IOS 15.x `debug crypto isakmp` as far as it is known here; the retry
 * and peer-dead wording (`PEERS_ALIVE_TIMER`, `peer … not responding!`, reason "peers alive") is from
 * memory of IOS output, not from a recorded capture (PROTOCOL-FACTS marks DPD output unverified).
 */
import type { IsakmpSa } from './isakmp-sa.js';
import { NOTIFY_R_U_THERE } from './constants.js';

export interface KeepaliveSettings {
  seconds: number;
  retry: number;
  periodic: boolean;
}

/** Packets exchanged with a peer so far; only changes between two looks matter. */
export interface PeerTraffic {
  sent: number;
  received: number;
}

export interface DpdEnv {
  /** The keepalive configuration now (undefined once `no crypto isakmp keepalive`). */
  settings(): KeepaliveSettings | undefined;
  traffic(sa: IsakmpSa): PeerTraffic;
  schedule(ms: number, fn: () => void): { cancel(): void };
  debug(text: string): void;
  /** Send R-U-THERE or R-U-THERE-ACK with this sequence number under `sa`. */
  sendDpd(sa: IsakmpSa, notifyType: number, seq: number): void;
  /** Five retries went unanswered. */
  peerDead(sa: IsakmpSa): void;
}

/** Unanswered R-U-THEREs before the peer is declared dead (as IOS counts phase-1 retransmissions). */
export const DPD_MAX_ERRORS = 5;

export const hexSeq = (seq: number) => `0x${(seq >>> 0).toString(16).toUpperCase()}`;

export class DeadPeerDetector {
  private seq: number;
  private outstanding?: number;
  private errors = 0;
  private timer?: { cancel(): void };
  /** Watching the peer: keepalives were on when the SA came up and still are. */
  private armed = false;
  private seen: PeerTraffic = { sent: 0, received: 0 };

  constructor(
    private readonly env: DpdEnv,
    private readonly sa: IsakmpSa,
    /** RFC 3706 §7: the first sequence number is random. */
    initialSeq: number,
  ) {
    this.seq = initialSeq >>> 0;
  }

  /** Start watching, if keepalives are configured and the peer said it does DPD. */
  start(): void {
    const k = this.env.settings();
    if (!k || !this.sa.peerDoesDpd) return;
    this.seen = this.env.traffic(this.sa);
    this.armed = true;
    this.timer = this.env.schedule(k.seconds * 1000, () => this.look());
  }

  /** Dead peer detection runs on this SA (`D` in `show crypto isakmp sa detail`). */
  get running(): boolean {
    return this.armed && !this.sa.deleted;
  }

  stop(): void {
    this.armed = false;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** The keepalive interval is up: is the peer evidently alive, and do we need to know? */
  private look(): void {
    const k = this.env.settings();
    if (this.sa.deleted || !k) return this.stop();
    const now = this.env.traffic(this.sa);
    const heard = now.received !== this.seen.received;
    const sentUnanswered = now.sent !== this.seen.sent;
    this.seen = now;
    if (heard || (!k.periodic && !sentUnanswered)) {
      this.timer = this.env.schedule(k.seconds * 1000, () => this.look());
      return;
    }
    this.ask('IKE_TIMER_IM_ALIVE', k);
  }

  private ask(timer: string, k: KeepaliveSettings): void {
    this.seq = (this.seq + 1) >>> 0;
    this.outstanding = this.seq;
    this.env.sendDpd(this.sa, NOTIFY_R_U_THERE, this.seq);
    this.sa.event(`IKE_MESG_FROM_TIMER, ${timer}`);
    this.timer = this.env.schedule(k.retry * 1000, () => this.retry());
  }

  private retry(): void {
    const k = this.env.settings();
    if (this.sa.deleted || this.outstanding === undefined || !k) return this.stop();
    const P = this.sa.prefix;
    if (this.errors >= DPD_MAX_ERRORS) {
      this.env.debug(`${P}peer ${this.sa.peerText} not responding!`);
      this.env.debug(`${P}peer does not do paranoid keepalives.\n`);
      this.stop();
      this.env.peerDead(this.sa);
      return;
    }
    this.errors++;
    this.env.debug(`${P}incrementing error counter on sa, attempt ${this.errors} of ${DPD_MAX_ERRORS}: PEERS_ALIVE_TIMER`);
    this.ask('IKE_TIMER_PEERS_ALIVE', k);
  }

  /** An R-U-THERE-ACK arrived: the one we are waiting for proves the peer alive. */
  acknowledged(seq: number): boolean {
    if (seq !== this.outstanding) return false;
    this.outstanding = undefined;
    this.errors = 0;
    this.timer?.cancel();
    this.seen = this.env.traffic(this.sa);
    const k = this.env.settings();
    if (k) this.timer = this.env.schedule(k.seconds * 1000, () => this.look());
    else this.stop();
    return true;
  }
}
