/**
 * Phase-2 (IPsec) proposals: what an IOS initiator offers for its transform sets (one ESP proposal per
 * set, carrying its inbound SPI), and the responder's check with the lines `debug crypto isakmp` and
 * `debug crypto ipsec` print (RFC 2407 §4.5 attributes; order of attributes as seed 000's hub prints them).
 */
import type { DhGroup, TransformSet } from '../../config/crypto.js';
import type { IsakmpAttribute, IsakmpProposal, IsakmpTransform } from '../../wire/isakmp.js';
import type { CipherAlg, HashAlg } from './primitives.js';
import {
  AUTH_HMAC_MD5,
  AUTH_HMAC_SHA,
  AUTH_HMAC_SHA256,
  ENCAP_TRANSPORT,
  ENCAP_TUNNEL,
  ESP_3DES,
  ESP_AES,
  ESP_DES,
  LIFE_KILOBYTES,
  LIFE_SECONDS,
  PROTO_IPSEC_ESP,
  SA_AUTH_ALG,
  SA_ENCAPSULATION,
  SA_GROUP,
  SA_KEY_LENGTH,
  SA_LIFE_DURATION,
  SA_LIFE_TYPE,
} from './constants.js';

/** IOS's IPsec SA lifetimes when nothing is set (PROTOCOL-FACTS §3.3). */
export const DEFAULT_IPSEC_LIFETIME_S = 3600;
export const DEFAULT_IPSEC_LIFETIME_KB = 4608000;

/** An ESP suite as negotiated: the algorithms and the mode. */
export interface EspSuite {
  cipher: CipherAlg;
  auth: HashAlg;
  mode: 'tunnel' | 'transport';
  /** `esp-3des esp-sha-hmac` — as the transform set lists it. */
  label: string;
}

/** What a crypto map entry or IPsec profile asks phase 2 for. */
export interface Phase2Policy {
  transformSets: TransformSet[];
  pfs?: DhGroup;
  lifetimeS: number;
  lifetimeKb: number;
}

export function suiteOf(ts: TransformSet): EspSuite | undefined {
  let cipher: CipherAlg | undefined;
  let auth: HashAlg | undefined;
  for (const t of ts.transforms) {
    const [name, bits] = t.split(' ');
    if (name === 'esp-des') cipher = 'des';
    else if (name === 'esp-3des') cipher = '3des';
    else if (name === 'esp-aes') cipher = `aes${bits ?? '128'}` as CipherAlg;
    else if (name === 'esp-md5-hmac') auth = 'md5';
    else if (name === 'esp-sha-hmac') auth = 'sha';
    else if (name === 'esp-sha256-hmac') auth = 'sha256';
  }
  if (!cipher || !auth) return undefined;
  return { cipher, auth, mode: ts.mode, label: ts.transforms.join(' ') };
}

const TRANSFORM_ID: Record<string, number> = { des: ESP_DES, '3des': ESP_3DES };
const TRANSFORM_NAME: Record<number, string> = { [ESP_DES]: 'ESP_DES', [ESP_3DES]: 'ESP_3DES', [ESP_AES]: 'ESP_AES' };
const AUTH_ID: Record<HashAlg, number> = { md5: AUTH_HMAC_MD5, sha: AUTH_HMAC_SHA, sha256: AUTH_HMAC_SHA256 };
const AUTH_NAME: Record<number, string> = { [AUTH_HMAC_MD5]: 'HMAC-MD5', [AUTH_HMAC_SHA]: 'HMAC-SHA', [AUTH_HMAC_SHA256]: 'HMAC-SHA256' };

function aesBits(c: CipherAlg): number | undefined {
  return c.startsWith('aes') ? Number(c.slice(3)) : undefined;
}

function duration(value: number): IsakmpAttribute {
  if (value <= 0xffff) return { type: SA_LIFE_DURATION, value };
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return { type: SA_LIFE_DURATION, bytes };
}

function valueOf(a: IsakmpAttribute): number {
  if ('value' in a) return a.value;
  return a.bytes.reduce((v, b) => v * 256 + b, 0);
}

function espTransform(s: EspSuite, p: Phase2Policy): IsakmpTransform {
  const attributes: IsakmpAttribute[] = [
    { type: SA_ENCAPSULATION, value: s.mode === 'transport' ? ENCAP_TRANSPORT : ENCAP_TUNNEL },
    { type: SA_LIFE_TYPE, value: LIFE_SECONDS },
    duration(p.lifetimeS),
    { type: SA_LIFE_TYPE, value: LIFE_KILOBYTES },
    duration(p.lifetimeKb),
    { type: SA_AUTH_ALG, value: AUTH_ID[s.auth] },
  ];
  if (p.pfs !== undefined) attributes.push({ type: SA_GROUP, value: p.pfs });
  const bits = aesBits(s.cipher);
  if (bits !== undefined) attributes.push({ type: SA_KEY_LENGTH, value: bits });
  return { number: 1, id: bits !== undefined ? ESP_AES : TRANSFORM_ID[s.cipher]!, attributes };
}

/** The initiator's proposals: one per transform set, each carrying our inbound SPI. */
export function ipsecProposals(p: Phase2Policy, spi: number): IsakmpProposal[] {
  const spiBytes = new Uint8Array(4);
  new DataView(spiBytes.buffer).setUint32(0, spi >>> 0);
  const suites = p.transformSets.map(suiteOf).filter((s): s is EspSuite => s !== undefined);
  return suites.map((s, i) => ({ number: i + 1, protocol: PROTO_IPSEC_ESP, spi: spiBytes, transforms: [espTransform(s, p)] }));
}

function attributeLine(a: IsakmpAttribute): string {
  const v = valueOf(a);
  switch (a.type) {
    case SA_ENCAPSULATION:
      return `encaps is ${v} (${v === ENCAP_TRANSPORT ? 'Transport' : 'Tunnel'})`;
    case SA_LIFE_TYPE:
      return v === LIFE_SECONDS ? 'SA life type in seconds' : 'SA life type in kilobytes';
    case SA_LIFE_DURATION:
      return 'bytes' in a ? `SA life duration (VPI) of  ${[...a.bytes].map((b) => `0x${b.toString(16)}`).join(' ')} ` : `SA life duration (basic) of ${v}`;
    case SA_AUTH_ALG:
      return `authenticator is ${AUTH_NAME[v] ?? `unknown ${v}`}`;
    case SA_GROUP:
      return `group is ${v}`;
    case SA_KEY_LENGTH:
      return `key length is ${v}`;
    default:
      return `attribute ${a.type} of ${v}`;
  }
}

/** What an offered transform asks for, decoded. */
export interface OfferedSuite {
  suite?: EspSuite;
  pfs?: number;
  lifetimeS: number;
  lifetimeKb: number;
  spi: number;
  proposal: number;
}

function decodeOffer(p: IsakmpProposal, t: IsakmpTransform): OfferedSuite {
  const get = (type: number) => t.attributes.filter((a) => a.type === type);
  let lifetimeS = DEFAULT_IPSEC_LIFETIME_S;
  let lifetimeKb = DEFAULT_IPSEC_LIFETIME_KB;
  let lifeType = LIFE_SECONDS;
  for (const a of t.attributes) {
    if (a.type === SA_LIFE_TYPE) lifeType = valueOf(a);
    if (a.type === SA_LIFE_DURATION) {
      if (lifeType === LIFE_SECONDS) lifetimeS = valueOf(a);
      else lifetimeKb = valueOf(a);
    }
  }
  const encaps = get(SA_ENCAPSULATION)[0];
  const auth = get(SA_AUTH_ALG)[0];
  const bits = get(SA_KEY_LENGTH)[0];
  const group = get(SA_GROUP)[0];
  const spi = p.spi.length === 4 ? new DataView(p.spi.buffer, p.spi.byteOffset, 4).getUint32(0) : 0;
  const authAlg = (Object.keys(AUTH_ID) as HashAlg[]).find((h) => auth !== undefined && AUTH_ID[h] === valueOf(auth));
  let cipher: CipherAlg | undefined;
  if (t.id === ESP_DES) cipher = 'des';
  else if (t.id === ESP_3DES) cipher = '3des';
  else if (t.id === ESP_AES) cipher = `aes${bits ? valueOf(bits) : 128}` as CipherAlg;
  const suite = cipher && authAlg ? { cipher, auth: authAlg, mode: encaps && valueOf(encaps) === ENCAP_TRANSPORT ? ('transport' as const) : ('tunnel' as const), label: '' } : undefined;
  return { suite, pfs: group ? valueOf(group) : undefined, lifetimeS, lifetimeKb, spi, proposal: p.number };
}

function sameAlgorithms(a: EspSuite, b: EspSuite): boolean {
  return a.cipher === b.cipher && a.auth === b.auth;
}

/** The transform set IOS would print for an offer (`{esp-des esp-sha-hmac }`). */
export function offeredLabel(s: EspSuite | undefined): string {
  if (!s) return '{}';
  const c = s.cipher === 'des' ? 'esp-des' : s.cipher === '3des' ? 'esp-3des' : `esp-aes ${aesBits(s.cipher)}`;
  const h = s.auth === 'md5' ? 'esp-md5-hmac' : s.auth === 'sha' ? 'esp-sha-hmac' : 'esp-sha256-hmac';
  return `{${c} ${h} }`;
}

export interface Phase2Check {
  accepted?: OfferedSuite & { suite: EspSuite };
  /** `debug crypto isakmp` lines for the attribute walk. */
  lines: string[];
  /** Why IPsec refused every proposal: a transform the policy lacks, or a PFS difference. */
  refusal?: 'transform' | 'pfs';
  lastOffer?: OfferedSuite;
}

/**
 * The responder's walk: each offered proposal's transform printed attribute by attribute, then
 * matched against the local transform sets (algorithms equal; a local `mode transport` also accepts a
 * tunnel-mode offer, as IOS falls back) and the PFS group.
 */
export function checkIpsecOffer(proposals: IsakmpProposal[], local: Phase2Policy, prefix: string): Phase2Check {
  const lines: string[] = [];
  let refusal: Phase2Check['refusal'];
  let lastOffer: OfferedSuite | undefined;
  for (const p of proposals) {
    lines.push(`${prefix}Checking IPSec proposal ${p.number}`);
    for (const t of p.transforms) {
      lines.push(`ISAKMP: transform ${t.number}, ${TRANSFORM_NAME[t.id] ?? `unknown ${t.id}`} `, 'ISAKMP:   attributes in transform:');
      for (const a of t.attributes) lines.push(`ISAKMP:      ${attributeLine(a)}`);
      const offer = decodeOffer(p, t);
      lastOffer = offer;
      if (!offer.suite) {
        lines.push(`${prefix}atts are not acceptable.`);
        refusal = 'transform';
        continue;
      }
      lines.push(`${prefix}atts are acceptable.`);
      const match = local.transformSets
        .map((ts) => suiteOf(ts))
        .find((s) => s !== undefined && sameAlgorithms(s, offer.suite!) && (s.mode === offer.suite!.mode || s.mode === 'transport'));
      if (!match) {
        refusal = 'transform';
        continue;
      }
      if ((offer.pfs ?? 0) !== (local.pfs ?? 0)) {
        refusal = 'pfs';
        continue;
      }
      const lifetimeS = Math.min(offer.lifetimeS, local.lifetimeS);
      const lifetimeKb = Math.min(offer.lifetimeKb, local.lifetimeKb);
      return { accepted: { ...offer, lifetimeS, lifetimeKb, suite: { ...offer.suite, label: match.label } }, lines };
    }
  }
  return { lines, refusal: refusal ?? 'transform', lastOffer };
}
