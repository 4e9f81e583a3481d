/**
 * One EIGRP neighbour and its reliable transport (RTP, RFC 7868 §5.4): reliable packets wait in a
 * queue and go one at a time; the head is retransmitted every RTO until acknowledged, and after 16
 * retries the neighbour is declared down ("retry limit exceeded"). SRTT is measured from the acks;
 * RTO is 6 × SRTT within 200–5000 ms, and 5000 ms before any round trip was measured (what
 * `show ip eigrp neighbors` shows for a neighbour that never answers).
 */
import type { TimerHandle } from '../../sim/scheduler.js';
import { type Ipv4, ipv4ToString } from '../../wire/addr.js';
import type { EigrpTlv } from '../../wire/eigrp.js';

export const RETRY_LIMIT = 16;
const RTO_MIN_MS = 200;
const RTO_MAX_MS = 5000;

export interface ReliablePacket {
  opcode: number;
  flags: number;
  seq: number;
  tlvs: EigrpTlv[];
  firstSentAt?: number;
}

export class EigrpNeighbor {
  /** `H` column: the order neighbours were learned in, reused after they go. */
  handle = 0;
  holdS: number;
  holdTimer?: TimerHandle;
  /** Virtual time of the last packet from the neighbour (the hold countdown starts there). */
  lastHeardAt: number;
  readonly upSince: number;
  srttMs = 0;
  /** Last reliable sequence number received (duplicates are acknowledged again, not processed). */
  lastSeqReceived = 0;
  readonly queue: ReliablePacket[] = [];
  retries = 0;
  retransmitTimer?: TimerHandle;
  /** Our INIT update was acknowledged: the neighbour now gets our topology. */
  initAcked = false;
  /** The neighbour's own INIT was processed; another one means it restarted. */
  peerInitSeen = false;
  /** `interface/address`: the neighbour's identity in the topology table. */
  readonly key: string;

  constructor(
    readonly addr: Ipv4,
    readonly iface: string,
    holdS: number,
    now: number,
  ) {
    this.key = neighborKey(iface, addr);
    this.holdS = holdS;
    this.upSince = now;
    this.lastHeardAt = now;
  }

  get rtoMs(): number {
    if (this.srttMs === 0) return RTO_MAX_MS;
    return Math.min(RTO_MAX_MS, Math.max(RTO_MIN_MS, 6 * this.srttMs));
  }

  /** Fold one measured round trip into SRTT (IOS-like smoothing, whole milliseconds, at least 1). */
  measure(rttMs: number): void {
    const sample = Math.max(1, Math.round(rttMs));
    this.srttMs = this.srttMs === 0 ? sample : Math.max(1, Math.round(0.8 * this.srttMs + 0.2 * sample));
  }

  stopTimers(): void {
    this.holdTimer?.cancel();
    this.retransmitTimer?.cancel();
  }
}

export function neighborKey(iface: string, addr: Ipv4): string {
  return `${iface}/${ipv4ToString(addr)}`;
}
