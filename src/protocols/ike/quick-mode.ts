/**
 * Quick mode (RFC 2409 §5.5): one phase-2 exchange under an established ISAKMP SA, for either role,
 * with the `debug crypto isakmp` lines and IOS state names of seed 000 (initiator IKE_QM_READY →
 * IKE_QM_I_QM1 → IKE_QM_PHASE2_COMPLETE; responder IKE_QM_READY → IKE_QM_SPI_STARVE → IKE_QM_R_QM2 →
 * IKE_QM_PHASE2_COMPLETE).
 *
 * QM1 HASH(1),SA,Ni[,KE],IDci,IDcr → QM2 HASH(2),SA,Nr[,KE],IDci,IDcr → QM3 HASH(3). Keys for each SA
 * come from SKEYID_d, the SPI and both nonces (and the PFS secret when PFS is on).
 */
import { type Ipv4, ipv4ToString, maskToPrefix } from '../../wire/addr.js';
import { EXCH_QUICK, type IsakmpMessage, type IsakmpPayload, PL_ID, PL_KE, PL_NONCE, PL_SA } from '../../wire/isakmp.js';
import { CIPHERS, deriveKeymat, dhKeyPair, type DhKeyPair, espAuthKeyLen } from './primitives.js';
import { checkIpsecOffer, type EspSuite, ipsecProposals, offeredLabel, type Phase2Policy } from './ipsec-proposal.js';
import { DOI_IPSEC, ID_IPV4_ADDR, ID_IPV4_ADDR_SUBNET, PROTO_IPSEC_ESP, SIT_IDENTITY_ONLY } from './constants.js';
import { type IsakmpDialect, stateLabel, transitionLines } from './dialect.js';
import { ExchangeIv, exchangeHash, hash3, openMessage, sealMessage } from './phase2-crypto.js';
import { IKE_PORT, type IsakmpSa, MAX_RETRANSMITS, RETRANSMIT_INTERVAL_MS } from './isakmp-sa.js';

/** A proxy identity: `addr/mask/prot/port` as `show crypto ipsec sa` prints it. */
export interface FlowId {
  addr: Ipv4;
  mask: Ipv4;
  protocol: number;
  port: number;
}

export function flowText(f: FlowId): string {
  return `${ipv4ToString(f.addr)}/${ipv4ToString(f.mask)}/${f.protocol}/${f.port}`;
}

export interface SaKeys {
  spi: number;
  encKey: Uint8Array;
  authKey: Uint8Array;
}

/** The pair of IPsec SAs one quick mode produces. */
export interface NegotiatedSas {
  peer: Ipv4;
  local: Ipv4;
  localProxy: FlowId;
  remoteProxy: FlowId;
  suite: EspSuite;
  lifetimeS: number;
  lifetimeKb: number;
  pfs?: number;
  inbound: SaKeys;
  outbound: SaKeys;
  mapTag: string;
}

export interface Phase2Request {
  local: FlowId;
  remote: FlowId;
  policy: Phase2Policy;
  mapTag: string;
}

export interface QmEnv {
  readonly dialect: IsakmpDialect;
  debug(text: string): void;
  randomBytes(n: number): Uint8Array;
  /** An inbound SPI from the IPsec SA database (never 0 or 1–255). */
  allocateSpi(): number;
  send(peer: Ipv4, bytes: Uint8Array): void;
  schedule(ms: number, fn: () => void): { cancel(): void };
  /** Responder: the local policy (crypto map entry or tunnel protection) covering these proxies. */
  findPolicy(sa: IsakmpSa, local: FlowId, remote: FlowId): { policy: Phase2Policy; mapTag: string } | undefined;
  /** IPsec is told about an accepted proposal (its validate lines). */
  validated(sa: IsakmpSa, local: FlowId, remote: FlowId, suite: EspSuite): void;
  /** Install both SAs; a responder's outbound SA waits for QM3 (`enableOutbound`). */
  install(sas: NegotiatedSas, role: 'I' | 'R'): void;
  enableOutbound(sas: NegotiatedSas): void;
  /** The exchange failed; `notify` is the notify type to send the peer, if any. */
  failed(qm: QuickMode, notify?: number): void;
  completed(qm: QuickMode): void;
}

const NOTIFY_NO_PROPOSAL_CHOSEN = 14;

function idFor(f: FlowId): IsakmpPayload {
  const host = f.mask === 0xffffffff;
  const b = (a: Ipv4) => [(a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255];
  return { type: PL_ID, idType: host ? ID_IPV4_ADDR : ID_IPV4_ADDR_SUBNET, protocol: f.protocol, port: f.port, data: new Uint8Array(host ? b(f.addr) : [...b(f.addr), ...b(f.mask)]) };
}

function flowOf(p: IsakmpPayload | undefined): FlowId | undefined {
  if (!p || !('idType' in p)) return undefined;
  const d = p.data;
  const word = (o: number) => ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
  if (p.idType === ID_IPV4_ADDR && d.length === 4) return { addr: word(0), mask: 0xffffffff, protocol: p.protocol, port: p.port };
  if (p.idType === ID_IPV4_ADDR_SUBNET && d.length === 8) return { addr: word(0), mask: word(4), protocol: p.protocol, port: p.port };
  return undefined;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export class QuickMode {
  state = 'IKE_QM_READY';
  done = false;
  negotiated?: NegotiatedSas;
  private readonly iv: ExchangeIv;
  private ni?: Uint8Array;
  private nr?: Uint8Array;
  private dh?: DhKeyPair;
  private peerKe?: Uint8Array;
  private inboundSpi = 0;
  /** The PFS group when the exchange carried KE payloads. */
  private pfsGroup?: number;
  private lastSent?: Uint8Array;
  private retransmits = 0;
  private timer?: { cancel(): void };

  constructor(
    private readonly env: QmEnv,
    readonly sa: IsakmpSa,
    readonly role: 'I' | 'R',
    readonly messageId: number,
    readonly request?: Phase2Request,
  ) {
    this.iv = new ExchangeIv(sa, messageId);
  }

  private get P(): string {
    return this.env.dialect.p(this.sa.connId);
  }

  private transition(input: string, to: string): void {
    for (const line of transitionLines(this.P, input, this.state, to, this.messageId)) this.env.debug(line);
    this.state = to;
  }

  private send(bytes: Uint8Array): void {
    this.lastSent = bytes;
    this.env.debug(`${this.P} sending packet to ${this.sa.peerText} my_port ${IKE_PORT} peer_port ${IKE_PORT} (${this.sa.role}) ${stateLabel('QM_IDLE')}`);
    this.env.debug(`${this.P}Sending an IKE IPv4 Packet.`);
    this.env.send(this.sa.peer, bytes);
  }

  private armRetransmit(): void {
    this.timer?.cancel();
    this.timer = this.env.schedule(RETRANSMIT_INTERVAL_MS, () => {
      if (this.done || !this.lastSent) return;
      this.env.debug(`${this.P} retransmitting phase 2 QM_IDLE       ${this.messageId >>> 0} ...`);
      if (this.retransmits >= MAX_RETRANSMITS) {
        this.env.debug(`${this.P}deleting node ${this.messageId | 0} error TRUE reason "Death by retransmission P2"`);
        this.finish(false);
        return;
      }
      this.retransmits++;
      this.env.debug(`${this.env.dialect.s(this.sa.connId)} incrementing error counter on node, attempt ${this.retransmits} of ${MAX_RETRANSMITS}: retransmit phase 2`);
      this.send(this.lastSent);
      this.armRetransmit();
    });
  }

  private finish(ok: boolean, notify?: number): void {
    this.done = true;
    this.timer?.cancel();
    if (ok) this.env.completed(this);
    else this.env.failed(this, notify);
  }

  // ---- initiator ----------------------------------------------------------------------------------

  start(): void {
    const req = this.request!;
    const P = this.P;
    this.env.debug(`${P}beginning Quick Mode exchange, M-ID of ${this.env.dialect.mid(this.messageId)}`);
    this.inboundSpi = this.env.allocateSpi();
    this.env.debug(`${P}QM Initiator gets spi`);
    this.ni = this.env.randomBytes(20);
    const rest: IsakmpPayload[] = [{ type: PL_SA, doi: DOI_IPSEC, situation: SIT_IDENTITY_ONLY, proposals: ipsecProposals(req.policy, this.inboundSpi) }, { type: PL_NONCE, data: this.ni }];
    if (req.policy.pfs !== undefined) {
      this.dh = dhKeyPair(req.policy.pfs, this.env.randomBytes(32));
      this.pfsGroup = req.policy.pfs;
      rest.push({ type: PL_KE, data: this.dh.publicKey });
    }
    rest.push(idFor(req.local), idFor(req.remote));
    this.send(sealMessage(this.sa, this.iv, EXCH_QUICK, this.messageId, exchangeHash(this.sa, this.messageId, rest), rest));
    this.armRetransmit();
    this.transition('IKE_MESG_INTERNAL, IKE_INIT_QM', 'IKE_QM_I_QM1');
  }

  /** A quick-mode message of this exchange arrived. */
  receive(m: IsakmpMessage): void {
    if (this.done && !(this.role === 'R' && this.state === 'IKE_QM_R_QM2')) return;
    const opened = openMessage(this.sa, this.iv, m);
    if (!opened) return;
    if (this.role === 'I' && this.state === 'IKE_QM_I_QM1') this.onQm2(opened.hash, opened.rest);
    else if (this.role === 'R' && this.state === 'IKE_QM_READY') this.onQm1(opened.hash, opened.rest);
    else if (this.role === 'R' && this.state === 'IKE_QM_R_QM2') this.onQm3(opened.hash);
  }

  private payload(rest: IsakmpPayload[], type: number): IsakmpPayload | undefined {
    return rest.find((p) => p.type === type);
  }

  private onQm2(h: Uint8Array, rest: IsakmpPayload[]): void {
    const P = this.P;
    const mid = this.env.dialect.mid(this.messageId);
    const found = this.payload(rest, PL_NONCE);
    const nonce = found && 'data' in found ? found.data : undefined;
    // The engine computes the expected HASH before IOS reports processing it (12.4 responder capture).
    const expected = nonce ? exchangeHash(this.sa, this.messageId, rest, this.ni!) : undefined;
    this.env.debug(`${P} processing HASH payload. message ID = ${mid}`);
    if (!nonce || !expected || !same(h, expected)) {
      this.env.debug(`${P}hash not correct, message ID = ${mid}`);
      return;
    }
    this.env.debug(`${P} processing SA payload. message ID = ${mid}`);
    const sa = this.payload(rest, PL_SA);
    const check = checkIpsecOffer(sa && 'proposals' in sa ? sa.proposals : [], this.request!.policy, P);
    for (const l of check.lines) this.env.debug(l);
    if (!check.accepted) {
      this.env.debug(`${P} IPSec policy invalidated proposal with error 256`);
      this.finish(false);
      return;
    }
    this.env.validated(this.sa, this.request!.local, this.request!.remote, check.accepted.suite);
    this.nr = nonce;
    this.env.debug(`${P} processing NONCE payload. message ID = ${mid}`);
    const ke = this.payload(rest, PL_KE);
    if (ke && 'data' in ke) {
      this.env.debug(`${P} processing KE payload. message ID = ${mid}`);
      this.peerKe = ke.data;
    }
    this.env.debug(`${P} processing ID payload. message ID = ${mid}`);
    this.env.debug(`${P} processing ID payload. message ID = ${mid}`);
    const sas = this.keysFor(check.accepted.suite, check.accepted.spi, check.accepted.lifetimeS, check.accepted.lifetimeKb, this.request!.local, this.request!.remote, this.request!.mapTag);
    this.printCreating(sas);
    this.send(sealMessage(this.sa, this.iv, EXCH_QUICK, this.messageId, hash3(this.sa, this.messageId, this.ni!, this.nr), []));
    this.timer?.cancel();
    this.env.debug(`${P}deleting node ${this.messageId | 0} error FALSE reason "No Error"`);
    this.transition('IKE_MESG_FROM_PEER, IKE_QM_EXCH', 'IKE_QM_PHASE2_COMPLETE');
    this.negotiated = sas;
    this.env.install(sas, 'I');
    this.finish(true);
  }

  // ---- responder ---------------------------------------------------------------------------------

  private onQm1(h: Uint8Array, rest: IsakmpPayload[]): void {
    const P = this.P;
    const mid = this.env.dialect.mid(this.messageId);
    const local = this.sa.local;
    const expected = exchangeHash(this.sa, this.messageId, rest);
    this.env.debug(`${P} processing HASH payload. message ID = ${mid}`);
    if (!same(h, expected)) {
      this.env.debug(`${P}hash not correct, message ID = ${mid}`);
      return;
    }
    this.env.debug(`${P} processing SA payload. message ID = ${mid}`);
    const ids = rest.filter((p) => p.type === PL_ID);
    // IDci is the initiator's proxy (our remote), IDcr ours; without IDs the proxies are the two peers.
    const remote = flowOf(ids[0]) ?? { addr: this.sa.peer, mask: 0xffffffff, protocol: 0, port: 0 };
    const mine = flowOf(ids[1]) ?? { addr: local, mask: 0xffffffff, protocol: 0, port: 0 };
    const found = this.env.findPolicy(this.sa, mine, remote);
    const sa = this.payload(rest, PL_SA);
    const proposals = sa && 'proposals' in sa ? sa.proposals : [];
    if (!found) {
      const check = checkIpsecOffer(proposals, { transformSets: [], lifetimeS: 0, lifetimeKb: 0 }, P);
      for (const l of check.lines.filter((x) => !x.includes('not acceptable'))) this.env.debug(l);
      this.env.debug(`${P} IPSec policy invalidated proposal with error 32`);
      return this.refuse();
    }
    const check = checkIpsecOffer(proposals, found.policy, P);
    for (const l of check.lines) this.env.debug(l);
    if (!check.accepted) {
      if (check.refusal === 'transform') this.env.debug(`IPSEC(ipsec_process_proposal): transform proposal not supported for identity: \n    ${offeredLabel(check.lastOffer?.suite)}`);
      this.env.debug(`${P} IPSec policy invalidated proposal with error 256`);
      return this.refuse();
    }
    this.env.validated(this.sa, mine, remote, check.accepted.suite);
    const nonce = this.payload(rest, PL_NONCE);
    this.env.debug(`${P} processing NONCE payload. message ID = ${mid}`);
    if (!nonce || !('data' in nonce)) return this.refuse();
    this.ni = nonce.data;
    const ke = this.payload(rest, PL_KE);
    if (ke && 'data' in ke) {
      this.env.debug(`${P} processing KE payload. message ID = ${mid}`);
      this.peerKe = ke.data;
      this.dh = dhKeyPair(found.policy.pfs!, this.env.randomBytes(32));
      this.pfsGroup = found.policy.pfs;
    }
    this.env.debug(`${P} processing ID payload. message ID = ${mid}`);
    this.env.debug(`${P} processing ID payload. message ID = ${mid}`);
    this.inboundSpi = this.env.allocateSpi();
    this.env.debug(`${P}QM Responder gets spi`);
    this.transition('IKE_MESG_FROM_PEER, IKE_QM_EXCH', 'IKE_QM_SPI_STARVE');
    this.nr = this.env.randomBytes(20);
    const a = check.accepted;
    const sas = this.keysFor(a.suite, a.spi, a.lifetimeS, a.lifetimeKb, mine, remote, found.mapTag);
    this.printCreating(sas);
    const chosen = { ...proposals.find((p) => p.number === a.proposal)! };
    const spiBytes = new Uint8Array(4);
    new DataView(spiBytes.buffer).setUint32(0, this.inboundSpi >>> 0);
    const reply: IsakmpPayload[] = [{ type: PL_SA, doi: DOI_IPSEC, situation: SIT_IDENTITY_ONLY, proposals: [{ ...chosen, spi: spiBytes }] }, { type: PL_NONCE, data: this.nr }];
    if (this.dh) reply.push({ type: PL_KE, data: this.dh.publicKey });
    reply.push(idFor(remote), idFor(mine));
    this.send(sealMessage(this.sa, this.iv, EXCH_QUICK, this.messageId, exchangeHash(this.sa, this.messageId, reply, this.ni), reply));
    this.armRetransmit();
    this.transition('IKE_MESG_INTERNAL, IKE_GOT_SPI', 'IKE_QM_R_QM2');
    this.negotiated = sas;
    this.env.install(sas, 'R');
  }

  private onQm3(h: Uint8Array): void {
    if (!same(h, hash3(this.sa, this.messageId, this.ni!, this.nr!))) return;
    this.timer?.cancel();
    this.env.debug(`${this.P}deleting node ${this.messageId | 0} error FALSE reason "QM done (await)"`);
    this.transition('IKE_MESG_FROM_PEER, IKE_QM_EXCH', 'IKE_QM_PHASE2_COMPLETE');
    this.env.enableOutbound(this.negotiated!);
    this.finish(true);
  }

  private refuse(): void {
    this.env.debug(`${this.P} phase 2 SA policy not acceptable! (local ${ipv4ToString(this.sa.local)} remote ${this.sa.peerText})`);
    this.finish(false, NOTIFY_NO_PROPOSAL_CHOSEN);
  }

  // ---- keys --------------------------------------------------------------------------------------

  private keysFor(suite: EspSuite, outboundSpi: number, lifetimeS: number, lifetimeKb: number, localProxy: FlowId, remoteProxy: FlowId, mapTag: string): NegotiatedSas {
    const m = this.sa.phase2Material();
    const encLen = CIPHERS[suite.cipher].keyLen;
    const authLen = espAuthKeyLen(suite.auth);
    const pfsSecret = this.dh && this.peerKe ? this.dh.computeSecret(this.peerKe) : undefined;
    const keymat = (spi: number) => {
      const k = deriveKeymat(this.sa.hashAlg, m.skeyidD, PROTO_IPSEC_ESP, spi, this.ni!, this.nr!, encLen + authLen, pfsSecret);
      return { spi, encKey: k.slice(0, encLen), authKey: k.slice(encLen) };
    };
    return {
      peer: this.sa.peer,
      local: this.sa.local,
      localProxy,
      remoteProxy,
      suite,
      lifetimeS,
      lifetimeKb,
      pfs: this.pfsGroup,
      inbound: keymat(this.inboundSpi),
      outbound: keymat(outboundSpi),
      mapTag,
    };
  }

  /** The `Creating IPSec SAs` block. */
  private printCreating(s: NegotiatedSas): void {
    const me = ipv4ToString(s.local);
    const peer = ipv4ToString(s.peer);
    const lp = proxyText(s.localProxy);
    const rp = proxyText(s.remoteProxy);
    this.env.debug(
      [
        `${this.P} Creating IPSec SAs`,
        `        inbound SA from ${peer} to ${me} (f/i)  0/ 0`,
        `        (proxy ${rp} to ${lp})`,
        `        has spi 0x${hex(s.inbound.spi)} and conn_id 0`,
        `        lifetime of ${s.lifetimeS} seconds`,
        `        lifetime of ${s.lifetimeKb} kilobytes`,
        `        outbound SA from ${me} to ${peer} (f/i) 0/0`,
        `        (proxy ${lp} to ${rp})`,
        `        has spi  0x${hex(s.outbound.spi)} and conn_id 0`,
        `        lifetime of ${s.lifetimeS} seconds`,
        `        lifetime of ${s.lifetimeKb} kilobytes`,
      ].join('\n'),
    );
  }
}

function proxyText(f: FlowId): string {
  const p = maskToPrefix(f.mask);
  return p === 32 ? ipv4ToString(f.addr) : `${ipv4ToString(f.addr)}/${ipv4ToString(f.mask)}`;
}

export function hex(spi: number): string {
  return (spi >>> 0).toString(16).toUpperCase();
}
