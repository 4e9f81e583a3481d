/**
 * Phase-1 policy on the wire: the ISAKMP proposal an IOS initiator builds from its `crypto isakmp
 * policy` suites (one transform per suite, in priority order), and the responder's check of an offer
 * against its suites, with the `debug crypto isakmp` lines IOS prints while it checks (attribute codes
 * from RFC 2409 Appendix A; AES from RFC 3602).
 */
import type { IsakmpKey, IsakmpPolicy } from '../../config/crypto.js';
import { type Ipv4, maskToPrefix } from '../../wire/addr.js';
import type { IsakmpAttribute, IsakmpProposal, IsakmpTransform } from '../../wire/isakmp.js';

export const ATTR_ENCRYPTION = 1;
export const ATTR_HASH = 2;
export const ATTR_AUTH = 3;
export const ATTR_GROUP = 4;
export const ATTR_LIFE_TYPE = 11;
export const ATTR_LIFE_DURATION = 12;
export const ATTR_KEY_LENGTH = 14;

export const PROTO_ISAKMP = 1;
export const KEY_IKE = 1;

const ENCRYPTION_CODES: Record<IsakmpPolicy['encryption'], number> = { des: 1, '3des': 5, aes: 7 };
const HASH_CODES: Record<IsakmpPolicy['hash'], number> = { md5: 1, sha: 2, sha256: 4 };
const AUTH_CODES: Record<IsakmpPolicy['authentication'], number> = { 'pre-share': 1, 'rsa-sig': 3 };
const LIFE_SECONDS = 1;

const ENCRYPTION_NAMES: Record<number, string> = { 1: 'DES-CBC', 5: '3DES-CBC', 7: 'AES-CBC' };
const HASH_NAMES: Record<number, string> = { 1: 'MD5', 2: 'SHA', 4: 'SHA256' };
const AUTH_NAMES: Record<number, string> = { 1: 'pre-share', 3: 'RSA sig' };

/** A value as a TV attribute when it fits 16 bits, else TLV (IOS sends 86400 s as 4 bytes). */
/** A number as IOS encodes it: basic (2 bytes) when it fits, else a 4-byte variable attribute. */
export function attribute(type: number, value: number): IsakmpAttribute {
  if (value <= 0xffff) return { type, value };
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return { type, bytes };
}

export function valueOf(a: IsakmpAttribute): number {
  if ('value' in a) return a.value;
  let v = 0;
  for (const b of a.bytes) v = v * 256 + b;
  return v;
}

/** One suite as a transform, attributes in IOS's order: encryption, key length, hash, group, auth, life. */
export function policyTransform(p: IsakmpPolicy, number: number): IsakmpTransform {
  const attributes: IsakmpAttribute[] = [{ type: ATTR_ENCRYPTION, value: ENCRYPTION_CODES[p.encryption] }];
  if (p.encryption === 'aes') attributes.push({ type: ATTR_KEY_LENGTH, value: p.aesBits ?? 128 });
  attributes.push(
    { type: ATTR_HASH, value: HASH_CODES[p.hash] },
    { type: ATTR_GROUP, value: p.group },
    { type: ATTR_AUTH, value: AUTH_CODES[p.authentication] },
    { type: ATTR_LIFE_TYPE, value: LIFE_SECONDS },
    attribute(ATTR_LIFE_DURATION, p.lifetime),
  );
  return { number, id: KEY_IKE, attributes };
}

/** The initiator's single ISAKMP proposal: every suite, highest priority (lowest number) first. */
export function phase1Proposal(policies: Iterable<IsakmpPolicy>): IsakmpProposal {
  const sorted = [...policies].sort((a, b) => a.priority - b.priority);
  return { number: 1, protocol: PROTO_ISAKMP, spi: new Uint8Array(0), transforms: sorted.map((p, i) => policyTransform(p, i + 1)) };
}

/** How IOS prints one offered attribute while checking it. */
function attributeLine(a: IsakmpAttribute): string | undefined {
  const v = valueOf(a);
  switch (a.type) {
    case ATTR_ENCRYPTION:
      return `encryption ${ENCRYPTION_NAMES[v] ?? `unknown ${v}`}`;
    case ATTR_KEY_LENGTH:
      return `keylength of ${v}`;
    case ATTR_HASH:
      return `hash ${HASH_NAMES[v] ?? `unknown ${v}`}`;
    case ATTR_GROUP:
      return `default group ${v}`;
    case ATTR_AUTH:
      return `auth ${AUTH_NAMES[v] ?? `unknown ${v}`}`;
    case ATTR_LIFE_TYPE:
      return v === LIFE_SECONDS ? 'life type in seconds' : 'life type in kilobytes';
    case ATTR_LIFE_DURATION:
      // A TLV value is shown byte by byte ("VPI"), a TV value as a number ("basic").
      return 'bytes' in a ? `life duration (VPI) of  ${[...a.bytes].map((b) => `0x${b.toString(16)}`).join(' ')} ` : `life duration (basic) of ${v}`;
    default:
      return undefined;
  }
}

/** Why a transform does not fit a suite, in the order IOS checks, or undefined when it fits. */
function mismatch(t: IsakmpTransform, p: IsakmpPolicy): string | undefined {
  const get = (type: number) => {
    const a = t.attributes.find((x) => x.type === type);
    return a === undefined ? undefined : valueOf(a);
  };
  if (get(ATTR_ENCRYPTION) !== ENCRYPTION_CODES[p.encryption]) return 'Encryption algorithm offered does not match policy!';
  if (get(ATTR_HASH) !== HASH_CODES[p.hash]) return 'Hash algorithm offered does not match policy!';
  // The encryption, hash, group and key-length wordings are from captures; this one follows their pattern.
  if (get(ATTR_AUTH) !== AUTH_CODES[p.authentication]) return 'Authentication method offered does not match policy!';
  if ((get(ATTR_GROUP) ?? 1) !== p.group) return 'Diffie-Hellman group offered does not match policy!';
  if (p.encryption === 'aes' && (get(ATTR_KEY_LENGTH) ?? 128) !== (p.aesBits ?? 128)) return 'Proposed key length does not match policy';
  return undefined;
}

export interface OfferResult {
  /** The suite and the offered transform that matched, and the lifetime both ends will use. */
  accepted?: { policy: IsakmpPolicy; transform: IsakmpTransform; lifetime: number; offeredLifetime: number };
  /** The debug lines, `prefix` (e.g. `ISAKMP:(0):`) on the per-check lines as IOS prints them. */
  lines: string[];
}

/**
 * The responder's check: local suites in priority order, each against every offered transform, until
 * one fits. The lifetime is the shorter of the two, as IOS uses it (a longer offer is not a mismatch).
 */
export function checkOffer(offer: IsakmpProposal, policies: Iterable<IsakmpPolicy>, prefix: string): OfferResult {
  const lines: string[] = [];
  const sorted = [...policies].sort((a, b) => a.priority - b.priority);
  for (const p of sorted) {
    for (let i = 0; i < offer.transforms.length; i++) {
      const t = offer.transforms[i]!;
      const next = i === offer.transforms.length - 1 ? 0 : 3;
      lines.push(`${prefix}Checking ISAKMP transform ${t.number} against priority ${p.priority} policy`);
      for (const a of t.attributes) {
        const text = attributeLine(a);
        if (text !== undefined) lines.push(`ISAKMP:      ${text}`);
      }
      const why = mismatch(t, p);
      if (why) {
        lines.push(`${prefix}${why}`, `${prefix}atts are not acceptable. Next payload is ${next}`);
        continue;
      }
      lines.push(`${prefix}atts are acceptable. Next payload is ${next}`);
      const offered = t.attributes.find((a) => a.type === ATTR_LIFE_DURATION);
      const offeredLifetime = offered ? valueOf(offered) : p.lifetime;
      return { accepted: { policy: p, transform: t, lifetime: Math.min(p.lifetime, offeredLifetime), offeredLifetime }, lines };
    }
  }
  lines.push(`${prefix}no offers accepted!`);
  return { lines };
}

/**
 * The pre-shared key for `peer`: the most specific `crypto isakmp key` covering it (an address alone
 * is a /32; `address 0.0.0.0 0.0.0.0` matches every peer, as seed 000's hub and spokes use).
 */
export function preSharedKeyFor(keys: readonly IsakmpKey[], peer: Ipv4): IsakmpKey | undefined {
  let best: IsakmpKey | undefined;
  let bestBits = -1;
  for (const k of keys) {
    const mask = k.mask ?? 0xffffffff;
    if (((peer & mask) >>> 0) !== ((k.address & mask) >>> 0)) continue;
    const bits = maskToPrefix(mask) ?? 0;
    if (bits > bestBits) {
      best = k;
      bestBits = bits;
    }
  }
  return best;
}
