/**
 * Crypto and access-list configuration: ISAKMP policies and pre-shared keys, IPsec transform sets,
 * IPsec profiles (tunnel protection), crypto maps, and numbered or named extended ACLs. Defaults are
 * IOS's: an ISAKMP policy starts as DES, SHA, RSA signatures, group 1, 86400 s (what
 * `show crypto isakmp policy` prints for fields never set); a transform set starts in tunnel mode.
 */
import type { Ipv4 } from '../wire/addr.js';

export type IsakmpEncryption = 'des' | '3des' | 'aes';
export type IsakmpHash = 'md5' | 'sha' | 'sha256';
export type IsakmpAuth = 'pre-share' | 'rsa-sig';
export type DhGroup = 1 | 2 | 5 | 14;

export interface IsakmpPolicy {
  readonly priority: number;
  encryption: IsakmpEncryption;
  /** AES key length (128 when `encryption aes` is given alone). */
  aesBits?: 128 | 192 | 256;
  hash: IsakmpHash;
  authentication: IsakmpAuth;
  group: DhGroup;
  /** Seconds. */
  lifetime: number;
}

export interface IsakmpKey {
  key: string;
  address: Ipv4;
  /** `crypto isakmp key K address 0.0.0.0 0.0.0.0`: a mask makes the key match a range of peers. */
  mask?: Ipv4;
}

export interface TransformSet {
  readonly name: string;
  /** As typed and as IOS lists them: `esp-3des`, `esp-aes 256`, `esp-sha-hmac`. */
  transforms: string[];
  mode: 'tunnel' | 'transport';
}

export interface IpsecProfile {
  readonly name: string;
  transformSets: string[];
  pfs?: DhGroup;
  lifetimeSeconds?: number;
  lifetimeKilobytes?: number;
}

export interface CryptoMapEntry {
  readonly map: string;
  readonly seq: number;
  peers: Ipv4[];
  transformSets: string[];
  /** ACL name or number. */
  matchAddress?: string;
  pfs?: DhGroup;
}

export interface CryptoConfig {
  isakmpPolicies: Map<number, IsakmpPolicy>;
  isakmpKeys: IsakmpKey[];
  /** `crypto isakmp keepalive SECONDS [RETRY] [periodic|on-demand]` (DPD; on-demand unless periodic). */
  keepalive?: { seconds: number; retry: number; periodic: boolean };
  transformSets: Map<string, TransformSet>;
  ipsecProfiles: Map<string, IpsecProfile>;
  /** Entries of every crypto map, keyed `name seq`. */
  cryptoMaps: Map<string, CryptoMapEntry>;
}

/** An address operand of an ACE: `any`, `host A`, or `A W` (address and wildcard). */
export interface AclAddress {
  address: Ipv4;
  wildcard: Ipv4;
}

export interface AccessListEntry {
  seq: number;
  action: 'permit' | 'deny';
  /** `ip`, `tcp`, `udp`, `icmp`, `gre`, `esp`, `ahp`, or a protocol number as text. */
  protocol: string;
  source: AclAddress;
  destination: AclAddress;
  /** Packets that matched this entry (`show access-lists` "(N matches)"). */
  matches: number;
}

export interface AccessList {
  /** `110` or a name. */
  readonly name: string;
  readonly numbered: boolean;
  entries: AccessListEntry[];
}

export const ISAKMP_POLICY_DEFAULTS: Omit<IsakmpPolicy, 'priority'> = {
  encryption: 'des',
  hash: 'sha',
  authentication: 'rsa-sig',
  group: 1,
  lifetime: 86400,
};

export function defaultCryptoConfig(): CryptoConfig {
  return { isakmpPolicies: new Map(), isakmpKeys: [], transformSets: new Map(), ipsecProfiles: new Map(), cryptoMaps: new Map() };
}

export function cryptoMapKey(map: string, seq: number): string {
  return `${map} ${seq}`;
}

/** ACEs are numbered 10, 20, … unless a sequence number is given. */
export const ACL_SEQ_STEP = 10;

/** Whether an address matches an ACE operand. */
export function aclAddressMatches(a: AclAddress, ip: Ipv4): boolean {
  const care = ~a.wildcard >>> 0;
  return ((ip & care) >>> 0) === ((a.address & care) >>> 0);
}
