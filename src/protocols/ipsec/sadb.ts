/**
 * The IPsec SA database: one "ident" (flow) per crypto map entry × proxy pair × peer, as `show crypto
 * ipsec sa` groups them, with IOS's counters, and the inbound/outbound SAs negotiated for it. Inbound
 * SAs are found by SPI; a flow's current outbound SA is the newest enabled one (rekeys add a pair and
 * move traffic over; the old pair lives until it expires).
 */
import type { Ipv4 } from '../../wire/addr.js';
import type { EspSuite } from '../ike/ipsec-proposal.js';
import type { FlowId, SaKeys } from '../ike/quick-mode.js';

/** Anti-replay window (RFC 4303 §3.4.3); IOS's default is 64 packets. */
export const REPLAY_WINDOW = 64;

export interface FlowCounters {
  encaps: number;
  decaps: number;
  noSaSend: number;
  invalidSaRcv: number;
  encapsFailed: number;
  decapsFailed: number;
  invalidProt: number;
  verifyFailed: number;
  invalidIdentity: number;
  invalidLen: number;
  replayFailed: number;
  /** Inbound packets dropped (`show crypto session detail` "drop"). */
  inDrop: number;
}

export interface IpsecSa {
  spi: number;
  direction: 'in' | 'out';
  keys: SaKeys;
  suite: EspSuite;
  createdAt: number;
  lifetimeS: number;
  /** Kilobytes left before the volume lifetime runs out (IOS starts it a little under the negotiated value). */
  kbLeft: number;
  /** Engine connection id (`show crypto engine connections active`, `conn id:`). */
  connId: number;
  /** Outbound: next sequence number. Inbound: highest seen and the replay bitmap. */
  seq: number;
  replayTop: number;
  replayBits: bigint;
  packets: number;
  bytes: number;
  enabled: boolean;
  expired: boolean;
}

export interface IpsecFlow {
  key: string;
  /** Interface `show crypto ipsec sa` lists it under: the tunnel, or the crypto map's interface. */
  iface: string;
  mapTag: string;
  local: Ipv4;
  peer: Ipv4;
  localProxy: FlowId;
  remoteProxy: FlowId;
  /** The physical interface the SA's packets leave (`ip mtu idb`). */
  physical: string;
  pfs?: number;
  counters: FlowCounters;
  inbound: IpsecSa[];
  outbound: IpsecSa[];
  /** Virtual time the flow first got SAs (`show crypto session` uptime). */
  upSince?: number;
}

export function flowKey(mapTag: string, peer: Ipv4, local: FlowId, remote: FlowId): string {
  return `${mapTag}|${peer}|${local.addr}/${local.mask}/${local.protocol}/${local.port}|${remote.addr}/${remote.mask}/${remote.protocol}/${remote.port}`;
}

export function emptyCounters(): FlowCounters {
  return { encaps: 0, decaps: 0, noSaSend: 0, invalidSaRcv: 0, encapsFailed: 0, decapsFailed: 0, invalidProt: 0, verifyFailed: 0, invalidIdentity: 0, invalidLen: 0, replayFailed: 0, inDrop: 0 };
}

export class Sadb {
  readonly flows = new Map<string, IpsecFlow>();
  private readonly bySpi = new Map<number, { flow: IpsecFlow; sa: IpsecSa }>();

  flow(key: string): IpsecFlow | undefined {
    return this.flows.get(key);
  }

  ensureFlow(f: Omit<IpsecFlow, 'counters' | 'inbound' | 'outbound'>): IpsecFlow {
    let flow = this.flows.get(f.key);
    if (!flow) {
      flow = { ...f, counters: emptyCounters(), inbound: [], outbound: [] };
      this.flows.set(f.key, flow);
    }
    return flow;
  }

  addInbound(flow: IpsecFlow, sa: IpsecSa): void {
    flow.inbound.push(sa);
    this.bySpi.set(sa.spi, { flow, sa });
    flow.upSince ??= sa.createdAt;
  }

  addOutbound(flow: IpsecFlow, sa: IpsecSa): void {
    flow.outbound.push(sa);
  }

  inboundBySpi(spi: number): { flow: IpsecFlow; sa: IpsecSa } | undefined {
    return this.bySpi.get(spi);
  }

  spiInUse(spi: number): boolean {
    return this.bySpi.has(spi);
  }

  /** The SA new traffic uses: the newest enabled outbound SA that has not expired. */
  currentOutbound(flow: IpsecFlow): IpsecSa | undefined {
    for (let i = flow.outbound.length - 1; i >= 0; i--) {
      const sa = flow.outbound[i]!;
      if (sa.enabled && !sa.expired) return sa;
    }
    return undefined;
  }

  /** Remove one SA (expiry or delete); the flow stays, with its counters, as IOS keeps the ident. */
  remove(flow: IpsecFlow, sa: IpsecSa): void {
    sa.expired = true;
    if (sa.direction === 'in') {
      flow.inbound = flow.inbound.filter((x) => x !== sa);
      this.bySpi.delete(sa.spi);
    } else flow.outbound = flow.outbound.filter((x) => x !== sa);
    if (flow.inbound.length === 0 && flow.outbound.length === 0) flow.upSince = undefined;
  }

  /** Every SA of flows with `peer` (`clear crypto sa peer`, INITIAL-CONTACT). */
  removePeer(peer: Ipv4): IpsecSa[] {
    const gone: IpsecSa[] = [];
    for (const flow of this.flows.values()) {
      if (flow.peer !== peer) continue;
      for (const sa of [...flow.inbound, ...flow.outbound]) {
        this.remove(flow, sa);
        gone.push(sa);
      }
    }
    return gone;
  }

  /** Drop flows entirely (their policy is gone). */
  deleteFlow(flow: IpsecFlow): void {
    for (const sa of [...flow.inbound, ...flow.outbound]) this.remove(flow, sa);
    this.flows.delete(flow.key);
  }

  /**
   * Anti-replay check and window update for an inbound sequence number (RFC 4303 Appendix A):
   * true when the packet is new.
   */
  acceptSequence(sa: IpsecSa, seq: number): boolean {
    if (seq === 0) return false;
    if (seq > sa.replayTop) {
      const shift = BigInt(seq - sa.replayTop);
      sa.replayBits = shift >= BigInt(REPLAY_WINDOW) ? 1n : ((sa.replayBits << shift) | 1n) & ((1n << BigInt(REPLAY_WINDOW)) - 1n);
      sa.replayTop = seq;
      return true;
    }
    const offset = sa.replayTop - seq;
    if (offset >= REPLAY_WINDOW) return false;
    const bit = 1n << BigInt(offset);
    if (sa.replayBits & bit) return false;
    sa.replayBits |= bit;
    return true;
  }
}
