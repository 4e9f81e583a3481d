/**
 * One ISAKMP (phase-1) security association and its main-mode exchange (RFC 2409 §5 with pre-shared
 * keys), for either role, with the `debug crypto isakmp` lines IOS 15.x prints while it handles each
 * message (state names and order from seed 000 and PROTOCOL-FACTS §3.2).
 *
 * Initiator: MM1 SA → MM2 SA → MM3 KE,Ni,NAT-D → MM4 KE,Nr,NAT-D → MM5* ID,HASH_I,INITIAL-CONTACT →
 * MM6* ID,HASH_R. Everything is computed for real: Diffie-Hellman, SKEYID from the pre-shared key,
 * 3DES/AES-CBC over MM5/MM6, HASH_I/HASH_R checked. A wrong key therefore shows where it does on IOS:
 * the responder cannot make sense of MM5, logs `%CRYPTO-4-IKMP_BAD_MESSAGE` and stays silent, and the
 * initiator retransmits MM5 every 10 s until it gives up.
 */
import type { IsakmpKey, IsakmpPolicy } from '../../config/crypto.js';
import { type Ipv4, ipv4ToString } from '../../wire/addr.js';
import {
  decodePayloadChain,
  encodeAttributes,
  encodeIsakmp,
  encodePayloadChain,
  EXCH_MAIN,
  FLAG_ENCRYPTED,
  type IsakmpMessage,
  type IsakmpPayload,
  type IsakmpTransform,
  PL_HASH,
  PL_ID,
  PL_KE,
  PL_NAT_D,
  PL_NONCE,
  PL_NOTIFY,
  PL_SA,
  PL_VID,
} from '../../wire/isakmp.js';
import { ATTR_LIFE_DURATION, ATTR_LIFE_TYPE, attribute, checkOffer, phase1Proposal, preSharedKeyFor } from './policy.js';
import {
  cbcDecrypt,
  cbcEncrypt,
  CIPHERS,
  type CipherAlg,
  derivePhase1Keys,
  dhKeyPair,
  type DhKeyPair,
  hash,
  type HashAlg,
  type Phase1Keys,
  prf,
} from './primitives.js';
import {
  DOI_IPSEC,
  ID_IPV4_ADDR,
  LIFE_SECONDS,
  MM1_VENDOR_IDS,
  MM2_VENDOR_IDS,
  MM3_VENDOR_IDS,
  MM4_VENDOR_IDS,
  NOTIFY_INITIAL_CONTACT,
  NOTIFY_RESPONDER_LIFETIME,
  PROTO_ISAKMP,
  recogniseVendorId,
  SIT_IDENTITY_ONLY,
  unityMajorMismatch,
  type VendorId,
  VID_CISCO_IOS,
  VID_DPD,
} from './constants.js';
import { type EngineOp, type IsakmpDialect, stateLabel, transitionLines } from './dialect.js';

export const IKE_PORT = 500;
/** Seconds between phase-1 retransmissions, and how many IOS makes before giving up (PROTOCOL-FACTS §3.3). */
export const RETRANSMIT_INTERVAL_MS = 10_000;
export const MAX_RETRANSMITS = 5;

/** Time, randomness, timers and the two debug streams: what the IKE daemon and each SA both use. */
export interface IkeBasics {
  readonly dialect: IsakmpDialect;
  now(): number;
  /** A `debug crypto isakmp` line. */
  debug(text: string): void;
  /** A `debug crypto engine` line. */
  engineDebug(text: string): void;
  syslog(tag: string, text: string): void;
  randomBytes(n: number): Uint8Array;
  schedule(ms: number, fn: () => void): { cancel(): void };
}

/** What an ISAKMP SA needs from the IKE service that owns it. */
export interface IkeEnv extends IkeBasics {
  /** A fake kernel pointer (`sa = 8A26FB0`), from the seeded RNG. */
  pointer(): string;
  policies(): IsakmpPolicy[];
  keys(): readonly IsakmpKey[];
  nextConnId(): number;
  send(peer: Ipv4, bytes: Uint8Array): void;
  /** Phase 1 finished (both roles). */
  onEstablished(sa: IsakmpSa): void;
  /** The SA is gone (retransmissions exhausted, refused, cleared, expired). */
  onDeleted(sa: IsakmpSa, reason: string): void;
  /** The peer said INITIAL-CONTACT: drop every other SA with it. */
  onInitialContact(sa: IsakmpSa): void;
  /** Send one notify in an informational exchange under `sa` (phase 1 must have keys). */
  sendNotify(sa: IsakmpSa, notifyType: number, protocol: number, spi: Uint8Array, data: Uint8Array): void;
}

/** The `show crypto isakmp sa` state column. */
export type MmLabel = 'MM_NO_STATE' | 'MM_SA_SETUP' | 'MM_KEY_EXCH' | 'MM_KEY_AUTH' | 'QM_IDLE';

const CIPHER_OF: Record<string, CipherAlg> = { des: 'des', '3des': '3des' };

function cipherFor(p: IsakmpPolicy): CipherAlg {
  if (p.encryption === 'aes') return `aes${p.aesBits ?? 128}` as CipherAlg;
  return CIPHER_OF[p.encryption]!;
}

function idPayload(addr: Ipv4): IsakmpPayload {
  const data = new Uint8Array([(addr >>> 24) & 255, (addr >>> 16) & 255, (addr >>> 8) & 255, addr & 255]);
  return { type: PL_ID, idType: ID_IPV4_ADDR, protocol: 17, port: IKE_PORT, data };
}

function payloadBody(p: IsakmpPayload): Uint8Array {
  return encodePayloadChain([p]).subarray(4);
}

function u32(a: Ipv4): Uint8Array {
  return new Uint8Array([(a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255]);
}

/** NAT-D (RFC 3947 §3.2): HASH(CKY-I | CKY-R | IP | port). */
function natD(h: HashAlg, ckyI: Uint8Array, ckyR: Uint8Array, addr: Ipv4, port: number): Uint8Array {
  return hash(h, ckyI, ckyR, u32(addr), new Uint8Array([port >> 8, port & 255]));
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export class IsakmpSa {
  connId = 0;
  ikeState = 'IKE_READY';
  label: MmLabel = 'MM_NO_STATE';
  readonly ckyI: Uint8Array;
  ckyR: Uint8Array = new Uint8Array(8);
  policy?: IsakmpPolicy;
  lifetimeS = 0;
  /** The lifetime the initiator offered (a responder with a shorter one says so: RESPONDER-LIFETIME). */
  private offeredLifetimeS = 0;
  /** The peer sent the DPD vendor ID (RFC 3706 §4.1): it answers R-U-THERE. */
  peerDoesDpd = false;
  psk?: IsakmpKey;
  keys?: Phase1Keys;
  /** The CBC IV the next phase-1 encrypted message continues from (the last ciphertext block). */
  lastBlock?: Uint8Array;
  establishedAt?: number;
  deleted = false;
  readonly pointer: string;
  readonly peerPointer: string;

  private dh?: DhKeyPair;
  private gxi?: Uint8Array;
  private gxr?: Uint8Array;
  private ni?: Uint8Array;
  private nr?: Uint8Array;
  private saiBody?: Uint8Array;
  private lastSent?: Uint8Array;
  private lastReceived?: Uint8Array;
  private retransmits = 0;
  /** The offered transform the responder accepted, echoed in MM2 as offered (RFC 2409 §5: lifetime included). */
  private acceptedTransform?: IsakmpTransform;
  private timer?: { cancel(): void };
  private lifetimeTimer?: { cancel(): void };

  constructor(
    private readonly env: IkeEnv,
    readonly role: 'I' | 'R',
    readonly local: Ipv4,
    readonly peer: Ipv4,
    /** For a responder: the cookie the initiator chose (from its MM1). */
    initiatorCookie?: Uint8Array,
  ) {
    this.ckyI = initiatorCookie ?? env.randomBytes(8);
    if (role === 'R') this.ckyR = env.randomBytes(8);
    this.pointer = env.pointer();
    this.peerPointer = env.pointer();
  }

  get peerText(): string {
    return ipv4ToString(this.peer);
  }

  get hashAlg(): HashAlg {
    return this.policy!.hash;
  }

  get cipher(): CipherAlg {
    return cipherFor(this.policy!);
  }

  /** Phase 1 is complete and the SA not deleted: quick mode may run under it. */
  get established(): boolean {
    return this.label === 'QM_IDLE' && !this.deleted;
  }

  private get P(): string {
    return this.env.dialect.p(this.connId);
  }

  /** Tell `debug crypto engine` what the engine is doing for this SA. */
  engine(op: EngineOp): void {
    for (const line of this.env.dialect.engine(op, this.connId)) this.env.engineDebug(line);
  }

  /** This SA's `ISAKMP:(conn-id):` prefix for lines other modules print about it. */
  get prefix(): string {
    return this.P;
  }

  private debug(text: string): void {
    this.env.debug(text);
  }

  private transition(input: string, to: string): void {
    for (const line of transitionLines(this.P, input, this.ikeState, to)) this.debug(line);
    this.ikeState = to;
  }

  // ---- sending ----------------------------------------------------------------------------------

  private sendMessage(payloads: IsakmpPayload[], encrypt: boolean): void {
    const m: IsakmpMessage = { initiatorCookie: this.ckyI, responderCookie: this.ckyR, exchangeType: EXCH_MAIN, flags: 0, messageId: 0, payloads };
    const bytes = encrypt ? this.encryptMain(m) : encodeIsakmp(m);
    this.transmit(bytes);
  }

  private transmit(bytes: Uint8Array): void {
    this.lastSent = bytes;
    this.debug(`${this.P} sending packet to ${this.peerText} my_port ${IKE_PORT} peer_port ${IKE_PORT} (${this.role}) ${stateLabel(this.label)}`);
    this.debug(`${this.P}Sending an IKE IPv4 Packet.`);
    this.env.send(this.peer, bytes);
    this.armRetransmit();
  }

  private armRetransmit(): void {
    this.timer?.cancel();
    // The responder's last main-mode message and anything after phase 1 are not retransmitted on a timer.
    if (this.label === 'QM_IDLE') return;
    this.timer = this.env.schedule(RETRANSMIT_INTERVAL_MS, () => this.retransmit());
  }

  private retransmit(): void {
    if (this.deleted || !this.lastSent) return;
    const label = this.label;
    this.debug(`${this.P} retransmitting phase 1 ${label}...`);
    if (this.retransmits >= MAX_RETRANSMITS) {
      this.debug(`${this.P}peer does not do paranoid keepalives.\n`);
      this.delete('Death by retransmission P1');
      return;
    }
    this.retransmits++;
    this.debug(`${this.env.dialect.s(this.connId)} incrementing error counter on sa, attempt ${this.retransmits} of ${MAX_RETRANSMITS}: retransmit phase 1`);
    this.debug(`${this.P} retransmitting phase 1 ${label}`);
    this.transmit(this.lastSent);
  }

  private encryptMain(m: IsakmpMessage): Uint8Array {
    const plain = encodePayloadChain(m.payloads);
    const block = CIPHERS[this.cipher].blockLen;
    const padded = new Uint8Array(Math.ceil(plain.length / block) * block);
    padded.set(plain);
    const iv = this.lastBlock ?? this.keys!.iv;
    this.engine('encrypt');
    const ct = cbcEncrypt(this.cipher, this.keys!.encKey, iv, padded);
    this.lastBlock = ct.slice(ct.length - block);
    return encodeIsakmp({ ...m, payloads: [], flags: FLAG_ENCRYPTED, firstPayload: m.payloads[0]!.type, encrypted: ct });
  }

  /** Decrypt a main-mode body; undefined when it does not decode (a wrong key looks like this). */
  private decryptMain(m: IsakmpMessage): IsakmpPayload[] | undefined {
    if (!this.keys || !m.encrypted) return undefined;
    const block = CIPHERS[this.cipher].blockLen;
    const iv = this.lastBlock ?? this.keys.iv;
    this.engine('decrypt');
    const plain = cbcDecrypt(this.cipher, this.keys.encKey, iv, m.encrypted);
    if (!plain) return undefined;
    const chain = decodePayloadChain(m.firstPayload ?? 0, plain);
    if (!chain.ok) return undefined;
    this.lastBlock = m.encrypted.slice(m.encrypted.length - block);
    return chain.value;
  }

  // ---- initiator --------------------------------------------------------------------------------

  /** Start main mode toward the peer (IOS has just been asked for an SA by IPsec). Returns false when it cannot. */
  start(): boolean {
    const P0 = this.P;
    this.debug(`${P0}SA request profile is (NULL)`);
    this.debug(`ISAKMP: Created a peer struct for ${this.peerText}, peer port ${IKE_PORT}`);
    this.debug(`ISAKMP: New peer created peer = 0x${this.peerPointer} peer_handle = 0x80000004`);
    this.debug(`ISAKMP: Locking peer struct 0x${this.peerPointer}, refcount 1 for isakmp_initiator`);
    this.debug(`ISAKMP: local port ${IKE_PORT}, remote port ${IKE_PORT}`);
    this.debug('ISAKMP: set new node 0 to QM_IDLE      ');
    this.debug(`${P0}insert sa successfully sa = ${this.pointer}`);
    this.debug(`${P0}Can not start Aggressive mode, trying Main mode.`);
    this.psk = preSharedKeyFor(this.env.keys(), this.peer);
    const policies = this.env.policies().filter((p) => p.authentication === 'pre-share');
    if (!this.psk || policies.length === 0) {
      this.debug(`${P0}No pre-shared key with ${this.peerText}!`);
      this.debug(`${P0}No Cert or pre-shared address key.`);
      this.debug(`${P0}construct_initial_message: Can not start Main mode`);
      this.debug(`ISAKMP: Unlocking peer struct 0x${this.peerPointer} for isadb_unlock_peer_delete_sa(), count 0`);
      this.debug(`ISAKMP: Deleting peer node by peer_reap for ${this.peerText}: ${this.peerPointer}`);
      this.debug(`${P0}purging SA., sa=${this.pointer}, delme=${this.pointer}`);
      this.debug('ISAKMP: Error while processing SA request: Failed to initialize SA');
      this.debug('ISAKMP: Error while processing KMI message 0, error 2.');
      this.deleted = true;
      this.env.onDeleted(this, 'No pre-shared key');
      return false;
    }
    this.debug(`${P0}found peer pre-shared key matching ${this.peerText}`);
    for (const v of MM1_VENDOR_IDS) this.debug(`${P0} constructed ${v.name} ID`);
    this.transition('IKE_MESG_FROM_IPSEC, IKE_SA_REQ_MM', 'IKE_I_MM1');
    this.debug(`${P0} beginning Main Mode exchange`);
    const sa: IsakmpPayload = { type: PL_SA, doi: DOI_IPSEC, situation: SIT_IDENTITY_ONLY, proposals: [phase1Proposal(policies)] };
    this.saiBody = payloadBody(sa);
    this.sendMessage([sa, ...MM1_VENDOR_IDS.map((v) => ({ type: PL_VID, data: v.bytes }))], false);
    return true;
  }

  // ---- receiving ---------------------------------------------------------------------------------

  /** A main-mode message for this SA arrived (raw bytes for duplicate detection). */
  receive(m: IsakmpMessage, raw: Uint8Array): void {
    if (this.deleted) return;
    const from = this.role === 'R' && this.ikeState === 'IKE_READY' ? '(N) NEW SA' : `(${this.role}) ${stateLabel(this.label)}`;
    this.debug(`${this.env.dialect.s(this.connId)} received packet from ${this.peerText} dport ${IKE_PORT} sport ${IKE_PORT} Global ${from}`);
    if (this.lastReceived && sameBytes(raw, this.lastReceived)) {
      // The peer retransmitted: our answer was lost or late. Send it again rather than reprocess.
      this.debug(`${this.P} phase 1 packet is a duplicate of a previous packet.`);
      if (this.lastSent) {
        this.debug(`${this.P} retransmitting due to retransmit phase 1`);
        this.transmit(this.lastSent);
      }
      return;
    }
    if (this.role === 'I') this.receiveAsInitiator(m, raw);
    else this.receiveAsResponder(m, raw);
  }

  private receiveAsInitiator(m: IsakmpMessage, raw: Uint8Array): void {
    switch (this.ikeState) {
      case 'IKE_I_MM1':
        this.lastReceived = raw;
        this.ckyR = m.responderCookie.slice();
        this.transition('IKE_MESG_FROM_PEER, IKE_MM_EXCH', 'IKE_I_MM2');
        if (!this.processSa(m.payloads, true)) return;
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_MAIN_MODE', 'IKE_I_MM2');
        this.label = 'MM_SA_SETUP';
        this.sendKeyExchange();
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE', 'IKE_I_MM3');
        return;
      case 'IKE_I_MM3': {
        if (!this.takeKeyExchange(m, raw, 'IKE_I_MM4')) return;
        this.debug(`${this.P}Send initial contact`);
        const id = this.identify();
        const hashI = this.authHash(true, id);
        this.sendMessage([id, { type: PL_HASH, data: hashI }, { type: PL_NOTIFY, doi: DOI_IPSEC, protocol: PROTO_ISAKMP, notifyType: NOTIFY_INITIAL_CONTACT, spi: new Uint8Array([...this.ckyI, ...this.ckyR]), data: new Uint8Array(0) }], true);
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE', 'IKE_I_MM5');
        return;
      }
      case 'IKE_I_MM5': {
        const payloads = this.decryptMain(m);
        if (!payloads || !this.verifyPeer(payloads, false)) return this.badMessage();
        this.lastReceived = raw;
        this.debug(`ISAKMP: Trying to insert a peer ${ipv4ToString(this.local)}/${this.peerText}/${IKE_PORT}/,  and inserted successfully ${this.peerPointer}.`);
        this.transition('IKE_MESG_FROM_PEER, IKE_MM_EXCH', 'IKE_I_MM6');
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_MAIN_MODE', 'IKE_I_MM6');
        this.complete();
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE', 'IKE_P1_COMPLETE');
        this.env.onEstablished(this);
        return;
      }
      default:
        return;
    }
  }

  private receiveAsResponder(m: IsakmpMessage, raw: Uint8Array): void {
    switch (this.ikeState) {
      case 'IKE_READY': {
        this.lastReceived = raw;
        this.debug(`ISAKMP: Created a peer struct for ${this.peerText}, peer port ${IKE_PORT}`);
        this.debug(`ISAKMP: New peer created peer = 0x${this.peerPointer} peer_handle = 0x80000003`);
        this.debug(`ISAKMP: Locking peer struct 0x${this.peerPointer}, refcount 1 for crypto_isakmp_process_block`);
        this.debug(`ISAKMP: local port ${IKE_PORT}, remote port ${IKE_PORT}`);
        this.debug(`${this.P}insert sa successfully sa = ${this.pointer}`);
        this.transition('IKE_MESG_FROM_PEER, IKE_MM_EXCH', 'IKE_R_MM1');
        const sa = m.payloads.find((p) => p.type === PL_SA);
        if (sa) this.saiBody = payloadBody(sa);
        if (!this.processSa(m.payloads, false)) return;
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_MAIN_MODE', 'IKE_R_MM1');
        for (const v of MM2_VENDOR_IDS) this.debug(`${this.P} constructed ${v.name} ID`);
        this.label = 'MM_SA_SETUP';
        const chosen = phase1Proposal([this.policy!]);
        chosen.transforms = [this.acceptedTransform!];
        this.sendMessage([{ type: PL_SA, doi: DOI_IPSEC, situation: SIT_IDENTITY_ONLY, proposals: [chosen] }, ...MM2_VENDOR_IDS.map((v) => ({ type: PL_VID, data: v.bytes }))], false);
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE', 'IKE_R_MM2');
        return;
      }
      case 'IKE_R_MM2':
        if (!this.takeKeyExchange(m, raw, 'IKE_R_MM3')) return;
        this.sendKeyExchange();
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE', 'IKE_R_MM4');
        return;
      case 'IKE_R_MM4': {
        const payloads = this.decryptMain(m);
        if (!payloads) return this.badMessage();
        this.transition('IKE_MESG_FROM_PEER, IKE_MM_EXCH', 'IKE_R_MM5');
        if (!this.verifyPeer(payloads, true)) return this.badMessage();
        this.lastReceived = raw;
        const initialContact = payloads.some((p) => p.type === PL_NOTIFY && 'notifyType' in p && p.notifyType === NOTIFY_INITIAL_CONTACT);
        if (initialContact) {
          this.debug(`${this.P} Process initial contact,\nbring down existing phase 1 and 2 SA's with local ${ipv4ToString(this.local)} remote ${this.peerText} remote port ${IKE_PORT}`);
          this.env.onInitialContact(this);
        }
        this.debug(`ISAKMP: Trying to insert a peer ${ipv4ToString(this.local)}/${this.peerText}/${IKE_PORT}/,  and inserted successfully ${this.peerPointer}.`);
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_MAIN_MODE', 'IKE_R_MM5');
        this.debug('IPSEC(key_engine): got a queue event with 1 KMI message(s)');
        const id = this.identify();
        // MM6 still goes out as MM_KEY_EXCH (seed 000); the SA is QM_IDLE once it has left.
        this.sendMessage([id, { type: PL_HASH, data: this.authHash(false, id) }], true);
        if (this.offeredLifetimeS > this.lifetimeS) this.sendResponderLifetime();
        this.complete();
        this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE', 'IKE_P1_COMPLETE');
        this.transition('IKE_MESG_INTERNAL, IKE_PHASE1_COMPLETE', 'IKE_P1_COMPLETE');
        this.env.onEstablished(this);
        return;
      }
      default:
        return;
    }
  }

  /** MM3 (responder) / MM4 (initiator): the peer's KE, nonce, vendor IDs and NAT-D; keys follow. */
  private takeKeyExchange(m: IsakmpMessage, raw: Uint8Array, state: string): boolean {
    this.lastReceived = raw;
    this.transition('IKE_MESG_FROM_PEER, IKE_MM_EXCH', state);
    if (!this.processKeyExchange(m.payloads)) return false;
    this.processVendorIds(m.payloads);
    this.processNatD(m.payloads);
    this.transition('IKE_MESG_INTERNAL, IKE_PROCESS_MAIN_MODE', state);
    this.label = 'MM_KEY_EXCH';
    return true;
  }

  /** The peer's encrypted message made no sense: a wrong pre-shared key looks exactly like this. */
  private badMessage(): void {
    this.env.syslog('CRYPTO-4-IKMP_BAD_MESSAGE', `IKE message from ${this.peerText} failed its sanity check or is malformed`);
  }

  /** MM1 (responder) or MM2 (initiator): the SA payload and the policy check. */
  private processSa(payloads: IsakmpPayload[], initiator: boolean): boolean {
    const P = this.P;
    const sa = payloads.find((p) => p.type === PL_SA);
    this.debug(`${P} processing SA payload. message ID = 0`);
    this.processVendorIds(payloads);
    const proposal = sa && 'proposals' in sa ? sa.proposals[0] : undefined;
    if (!initiator) this.psk = preSharedKeyFor(this.env.keys(), this.peer);
    if (!this.psk) {
      this.debug(`${P}No pre-shared key with ${this.peerText}!`);
    } else {
      this.debug(`${P}found peer pre-shared key matching ${this.peerText}`);
      this.debug(`${P} local preshared key found`);
    }
    this.debug('ISAKMP : Scanning profiles for xauth ...');
    const candidates = this.env.policies().filter((p) => this.psk !== undefined || p.authentication !== 'pre-share');
    const result = proposal ? checkOffer(proposal, candidates, P) : { lines: [`${P}no offers accepted!`] };
    for (const l of result.lines) this.debug(l);
    if (!result.accepted) {
      this.debug(`${P} phase 1 SA policy not acceptable! (local ${ipv4ToString(this.local)} remote ${this.peerText})`);
      this.env.syslog('CRYPTO-6-IKMP_MODE_FAILURE', `Processing of Main mode failed with peer at ${this.peerText}`);
      this.delete('Phase1 SA policy proposal not accepted');
      return false;
    }
    this.policy = result.accepted.policy;
    this.acceptedTransform = result.accepted.transform;
    this.lifetimeS = result.accepted.lifetime;
    this.offeredLifetimeS = result.accepted.offeredLifetime;
    const actual = this.lifetimeS === this.policy.lifetime ? 0 : this.lifetimeS;
    this.debug(`${P}Acceptable atts:actual life: ${actual}`);
    this.debug(`${P}Acceptable atts:life: 0`);
    this.debug(`${P}Fill atts in sa vpi_length:4`);
    this.debug(`${P}Fill atts in sa life_in_seconds:${this.policy.lifetime}`);
    this.debug(`${P}Returning Actual lifetime: ${this.lifetimeS}`);
    this.debug(`${P}:Started lifetime timer: ${this.lifetimeS}.\n`);
    // IOS walks the vendor IDs a second time once the SA is filled in.
    this.processVendorIds(payloads);
    return true;
  }

  private processVendorIds(payloads: IsakmpPayload[]): void {
    for (const p of payloads) {
      if (p.type !== PL_VID || !('data' in p)) continue;
      this.debug(`${this.P} processing vendor id payload`);
      const v: VendorId | undefined = recogniseVendorId(p.data);
      if (!v) continue;
      if (v === VID_DPD) this.peerDoesDpd = true;
      const major = unityMajorMismatch(v);
      if (major !== undefined) this.debug(`${this.P} vendor ID seems Unity/DPD but major ${major} mismatch`);
      if (v === VID_CISCO_IOS) this.debug(`${this.P} speaking to another IOS box!`);
      else if (v.seen === 'NAT-T RFC 3947' || v.seen === 'NAT-T v7') this.debug(`${this.env.dialect.s(this.connId)} vendor ID is ${v.seen}`);
      else this.debug(`${this.P} vendor ID is ${v.seen}`);
    }
  }

  /** MM3 (initiator) / MM4 (responder): our DH value, nonce, vendor IDs and NAT-D. */
  private sendKeyExchange(): void {
    const dh = this.ensureKeyPair();
    const nonce = this.env.randomBytes(20);
    if (this.role === 'I') {
      this.gxi = dh.publicKey;
      this.ni = nonce;
    } else {
      this.gxr = dh.publicKey;
      this.nr = nonce;
      this.deriveKeys();
    }
    const vids = this.role === 'I' ? MM3_VENDOR_IDS : MM4_VENDOR_IDS;
    const h = this.hashAlg;
    this.sendMessage(
      [
        { type: PL_KE, data: dh.publicKey },
        { type: PL_NONCE, data: nonce },
        ...vids.map((v) => ({ type: PL_VID, data: v.bytes })),
        // First NAT-D: the peer's address as we send to it; second: our own.
        { type: PL_NAT_D, data: natD(h, this.ckyI, this.ckyR, this.peer, IKE_PORT) },
        { type: PL_NAT_D, data: natD(h, this.ckyI, this.ckyR, this.local, IKE_PORT) },
      ],
      false,
    );
  }

  private processKeyExchange(payloads: IsakmpPayload[]): boolean {
    const ke = payloads.find((p) => p.type === PL_KE);
    const nonce = payloads.find((p) => p.type === PL_NONCE);
    this.debug(`${this.P} processing KE payload. message ID = 0`);
    this.debug(`${this.P} processing NONCE payload. message ID = 0`);
    if (!ke || !nonce || !('data' in ke) || !('data' in nonce)) {
      this.badMessage();
      return false;
    }
    this.ensureKeyPair();
    if (this.role === 'I') {
      this.gxr = ke.data;
      this.nr = nonce.data;
    } else {
      this.gxi = ke.data;
      this.ni = nonce.data;
    }
    this.debug(`${this.P}found peer pre-shared key matching ${this.peerText}`);
    if (this.role === 'I') this.deriveKeys();
    else this.connId = this.env.nextConnId();
    return true;
  }

  private ensureKeyPair(): DhKeyPair {
    if (!this.dh) {
      this.dh = dhKeyPair(this.policy!.group, this.env.randomBytes(32));
      this.engine('dhKeyPair');
    }
    return this.dh;
  }

  private deriveKeys(): void {
    const peerPublic = this.role === 'I' ? this.gxr! : this.gxi!;
    this.engine('dhSecret');
    const gxy = this.dh!.computeSecret(peerPublic);
    this.keys = derivePhase1Keys(this.hashAlg, this.cipher, this.psk!.key, this.ni!, this.nr!, gxy, this.ckyI, this.ckyR, this.gxi!, this.gxr!);
    if (this.role === 'I') this.connId = this.env.nextConnId();
    this.engine('ikeSa');
  }

  /** Check the two NAT-D payloads against what we see; without NAT, IOS prints these two lines. */
  private processNatD(payloads: IsakmpPayload[]): void {
    const nat = payloads.filter((p) => p.type === PL_NAT_D && 'data' in p) as Array<{ type: number; data: Uint8Array }>;
    if (nat.length < 2) return;
    const h = this.hashAlg;
    const meSeen = sameBytes(nat[0]!.data, natD(h, this.ckyI, this.ckyR, this.local, IKE_PORT));
    const peerSeen = sameBytes(nat[1]!.data, natD(h, this.ckyI, this.ckyR, this.peer, IKE_PORT));
    this.debug('ISAKMP:received payload type 20');
    this.debug(`${this.env.dialect.s(this.connId)} His hash no match - this node outside NAT`);
    this.debug('ISAKMP:received payload type 20');
    this.debug(meSeen && peerSeen ? `${this.env.dialect.s(this.connId)} No NAT Found for self or peer` : `${this.env.dialect.s(this.connId)} NAT found, both nodes inside NAT`);
  }

  /** Our ID payload (ID_IPV4_ADDR, UDP 500), printed as IOS prints it before MM5/MM6. */
  private identify(): IsakmpPayload {
    this.debug(`${this.P}SA is doing pre-shared key authentication using id type ID_IPV4_ADDR`);
    this.printId(this.local, 500);
    this.debug(`${this.P}Total payload length: 12`);
    return idPayload(this.local);
  }

  private printId(addr: Ipv4, port: number): void {
    this.debug(
      `${this.env.dialect.s(this.connId)} ID payload \n        next-payload : 8\n        type         : 1 \n        address      : ${ipv4ToString(addr)} \n        protocol     : 17 \n        port         : ${port} \n        length       : 12`,
    );
  }

  /** HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b); HASH_R swaps the DH values and cookies. */
  private authHash(initiator: boolean, id: IsakmpPayload): Uint8Array {
    const idb = payloadBody(id);
    this.engine('hash');
    return initiator
      ? prf(this.hashAlg, this.keys!.skeyid, this.gxi!, this.gxr!, this.ckyI, this.ckyR, this.saiBody!, idb)
      : prf(this.hashAlg, this.keys!.skeyid, this.gxr!, this.gxi!, this.ckyR, this.ckyI, this.saiBody!, idb);
  }

  /** MM5 (responder) / MM6 (initiator): the peer's ID and the hash that proves it knows the key. */
  private verifyPeer(payloads: IsakmpPayload[], peerIsInitiator: boolean): boolean {
    const id = payloads.find((p) => p.type === PL_ID);
    const h = payloads.find((p) => p.type === PL_HASH);
    if (!id || !h || !('data' in h) || !('idType' in id)) return false;
    this.debug(`${this.P} processing ID payload. message ID = 0`);
    const addr = id.data.length === 4 ? ((id.data[0]! << 24) | (id.data[1]! << 16) | (id.data[2]! << 8) | id.data[3]!) >>> 0 : 0;
    this.printId(addr, id.port);
    this.debug(`${this.env.dialect.p(0)}: peer matches *none* of the profiles`);
    const expected = this.authHash(peerIsInitiator, id);
    this.debug(`${this.P} processing HASH payload. message ID = 0`);
    if (!sameBytes(expected, h.data)) {
      this.debug(`${this.P}SA authentication status:\n        not authenticated`);
      return false;
    }
    if (peerIsInitiator) {
      const ic = payloads.find((p) => p.type === PL_NOTIFY && 'notifyType' in p && p.notifyType === NOTIFY_INITIAL_CONTACT);
      if (ic) this.debug(`${this.P} processing NOTIFY INITIAL_CONTACT protocol 1\n        spi 0, message ID = 0, sa = ${this.pointer}`);
    }
    this.debug(`${this.P}SA authentication status:\n        authenticated`);
    this.debug(`${this.P}SA has been authenticated with ${this.peerText}`);
    if (peerIsInitiator) this.debug(`${this.P}SA authentication status:\n        authenticated`);
    return true;
  }

  private complete(): void {
    this.timer?.cancel();
    // Phase 1 is keyed: the engine lets the DH private value go.
    this.engine('dhClear');
    this.label = 'QM_IDLE';
    this.establishedAt = this.env.now();
    this.startLifetimeTimer();
  }

  private startLifetimeTimer(): void {
    this.lifetimeTimer?.cancel();
    const elapsedMs = this.env.now() - (this.establishedAt ?? this.env.now());
    this.lifetimeTimer = this.env.schedule(Math.max(0, this.lifetimeS * 1000 - elapsedMs), () => this.delete('Lifetime expired'));
  }

  /**
   * RFC 2407 §4.6.3.1: our policy's lifetime is shorter than the one offered, so the initiator is told
   * (an informational notify right after MM6, its data the life type and duration attributes).
   */
  private sendResponderLifetime(): void {
    this.debug(`${this.P}Returning Actual lifetime: ${this.lifetimeS}`);
    const data = encodeAttributes([
      { type: ATTR_LIFE_TYPE, value: LIFE_SECONDS },
      attribute(ATTR_LIFE_DURATION, this.lifetimeS),
    ]);
    this.env.sendNotify(this, NOTIFY_RESPONDER_LIFETIME, PROTO_ISAKMP, new Uint8Array([...this.ckyI, ...this.ckyR]), data);
    this.debug(`ISAKMP: Sending phase 1 responder lifetime ${this.lifetimeS}\n`);
  }

  /** The responder's RESPONDER-LIFETIME: its shorter lifetime replaces ours, counted from phase-1 completion. */
  takeResponderLifetime(seconds: number): void {
    this.debug(`${this.P} processing responder lifetime`);
    this.debug(`${this.P} start processing isakmp responder lifetime`);
    if (seconds <= 0 || seconds >= this.lifetimeS) return;
    this.debug(`${this.P} restart ike sa timer to ${seconds} secs`);
    this.lifetimeS = seconds;
    if (this.established) this.startLifetimeTimer();
  }

  /** An event that leaves the SA in its state (`Input = …`, `Old State = X  New State = X`). */
  event(input: string): void {
    this.transition(input, this.ikeState);
  }

  /** Seconds of lifetime left (for `show crypto isakmp sa detail` and `show crypto session detail`). */
  remainingS(): number {
    if (this.establishedAt === undefined) return this.lifetimeS;
    return Math.max(0, this.lifetimeS - Math.floor((this.env.now() - this.establishedAt) / 1000));
  }

  /** The keying material quick mode uses. */
  phase2Material(): { skeyidD: Uint8Array; skeyidA: Uint8Array; skeyidE: Uint8Array; lastBlock: Uint8Array } {
    return { skeyidD: this.keys!.skeyidD, skeyidA: this.keys!.skeyidA, skeyidE: this.keys!.skeyidE, lastBlock: this.lastBlock ?? this.keys!.iv };
  }

  /** Tear the SA down with IOS's `deleting SA reason` line and the phase-1 delete transition. */
  delete(reason: string): void {
    if (this.deleted) return;
    this.deleted = true;
    this.timer?.cancel();
    this.lifetimeTimer?.cancel();
    this.debug(`${this.P}deleting SA reason "${reason}" state (${this.role}) ${stateLabel(this.label)} (peer ${this.peerText})`);
    this.debug(`ISAKMP: Unlocking peer struct 0x${this.peerPointer} for isadb_mark_sa_deleted(), count 0`);
    this.debug(`ISAKMP: Deleting peer node by peer_reap for ${this.peerText}: ${this.peerPointer}`);
    this.transition('IKE_MESG_INTERNAL, IKE_PHASE1_DEL', 'IKE_DEST_SA');
    this.env.onDeleted(this, reason);
  }
}
