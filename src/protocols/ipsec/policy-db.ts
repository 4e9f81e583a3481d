/**
 * The security policy database built from configuration: crypto map entries applied to interfaces
 * (traffic selected by their extended ACL, proxies taken from the matching ACE) and tunnel protection
 * (GRE between the tunnel's endpoints, host to host, protocol 47 — IOS's hidden `Tunnel0-head-0` map).
 */
import type { AccessList, AccessListEntry, CryptoMapEntry, IpsecProfile } from '../../config/crypto.js';
import { aclAddressMatches } from '../../config/crypto.js';
import type { RouterConfig } from '../../config/model.js';
import type { Ipv4 } from '../../wire/addr.js';
import type { IpDatagram } from '../host.js';
import { DEFAULT_IPSEC_LIFETIME_KB, DEFAULT_IPSEC_LIFETIME_S, type Phase2Policy } from '../ike/ipsec-proposal.js';
import type { FlowId } from '../ike/quick-mode.js';

export const IP_PROTO_GRE = 47;

const PROTOCOL_NUMBERS: Record<string, number> = { ip: 0, icmp: 1, tcp: 6, udp: 17, gre: 47, esp: 50, ahp: 51 };

export function aceProtocol(e: AccessListEntry): number {
  return PROTOCOL_NUMBERS[e.protocol] ?? Number(e.protocol);
}

function aceMatches(e: AccessListEntry, src: Ipv4, dst: Ipv4, protocol: number): boolean {
  const p = aceProtocol(e);
  return (p === 0 || p === protocol) && aclAddressMatches(e.source, src) && aclAddressMatches(e.destination, dst);
}

/** `10.1.0.0 0.0.255.255` → the proxy identity IOS negotiates for it. */
export function aceProxies(e: AccessListEntry): { local: FlowId; remote: FlowId } {
  const p = aceProtocol(e);
  return {
    local: { addr: e.source.address, mask: ~e.source.wildcard >>> 0, protocol: p, port: 0 },
    remote: { addr: e.destination.address, mask: ~e.destination.wildcard >>> 0, protocol: p, port: 0 },
  };
}

export interface MapPolicy {
  kind: 'map';
  tag: string;
  seq: number;
  /** Interface the map is applied to. */
  iface: string;
  entry: CryptoMapEntry;
  acl?: AccessList;
  phase2: Phase2Policy;
}

export interface TunnelPolicy {
  kind: 'tunnel';
  tag: string;
  tunnel: string;
  profile: IpsecProfile | undefined;
  profileName: string;
  phase2: Phase2Policy;
}

export function phase2From(cfg: RouterConfig, names: string[], pfs: Phase2Policy['pfs'], lifetimeS?: number, lifetimeKb?: number): Phase2Policy {
  return {
    transformSets: names.map((n) => cfg.crypto.transformSets.get(n)).filter((t) => t !== undefined),
    pfs,
    lifetimeS: lifetimeS ?? DEFAULT_IPSEC_LIFETIME_S,
    lifetimeKb: lifetimeKb ?? DEFAULT_IPSEC_LIFETIME_KB,
  };
}

/** Crypto map entries in force on `iface`, lowest sequence number first. */
export function mapPoliciesOn(cfg: RouterConfig, iface: string): MapPolicy[] {
  const tag = cfg.interfaces.get(iface)?.cryptoMap;
  if (!tag) return [];
  return [...cfg.crypto.cryptoMaps.values()]
    .filter((e) => e.map === tag)
    .sort((a, b) => a.seq - b.seq)
    .map((entry) => ({
      kind: 'map' as const,
      tag,
      seq: entry.seq,
      iface,
      entry,
      acl: entry.matchAddress !== undefined ? cfg.accessLists.get(entry.matchAddress) : undefined,
      phase2: phase2From(cfg, entry.transformSets, entry.pfs),
    }));
}

/**
 * The map entry and permit ACE whose selector covers (`src`, `dst`, `protocol`), if any; a deny ACE
 * ends the search in its entry (the next entry is tried), as IOS walks crypto ACLs.
 */
function matchSelector(policies: MapPolicy[], src: Ipv4, dst: Ipv4, protocol: number): { policy: MapPolicy; ace: AccessListEntry } | undefined {
  for (const p of policies) {
    if (!p.acl) continue;
    for (const ace of p.acl.entries) {
      if (!aceMatches(ace, src, dst, protocol)) continue;
      if (ace.action === 'deny') break;
      return { policy: p, ace };
    }
  }
  return undefined;
}

/** The map entry and ACE an outbound packet matches: it must leave encrypted to that entry's peer. */
export function matchOutbound(policies: MapPolicy[], dg: IpDatagram): { policy: MapPolicy; ace: AccessListEntry } | undefined {
  return matchSelector(policies, dg.src, dg.dst, dg.protocol);
}

/** Does inbound cleartext match the mirror of a permit ACE (so it should have arrived encrypted)? */
export function matchInboundMirror(policies: MapPolicy[], dg: IpDatagram): { policy: MapPolicy; ace: AccessListEntry } | undefined {
  return matchSelector(policies, dg.dst, dg.src, dg.protocol);
}

/** The map entry whose ACE mirrors the proxies a peer proposes (responder side). */
export function mapForProxies(policies: MapPolicy[], peer: Ipv4, local: FlowId, remote: FlowId): MapPolicy | undefined {
  return policies.find(
    (p) =>
      p.acl !== undefined &&
      (p.entry.peers.length === 0 || p.entry.peers.includes(peer)) &&
      p.acl.entries.some((ace) => {
        if (ace.action !== 'permit') return false;
        const x = aceProxies(ace);
        return sameFlow(x.local, local) && sameFlow(x.remote, remote);
      }),
  );
}

export function sameFlow(a: FlowId, b: FlowId): boolean {
  return a.addr === b.addr && a.mask === b.mask && a.protocol === b.protocol && a.port === b.port;
}

/** Tunnel-protection policies: every tunnel with `tunnel protection ipsec profile`. */
export function tunnelPolicies(cfg: RouterConfig): TunnelPolicy[] {
  const out: TunnelPolicy[] = [];
  for (const [name, ic] of cfg.interfaces) {
    const prot = ic.tunnel?.protection;
    if (!prot) continue;
    const profile = cfg.crypto.ipsecProfiles.get(prot.profile);
    out.push({
      kind: 'tunnel',
      tag: `${name}-head-0`,
      tunnel: name,
      profile,
      profileName: prot.profile,
      phase2: phase2From(cfg, profile?.transformSets ?? [], profile?.pfs, profile?.lifetimeSeconds, profile?.lifetimeKilobytes),
    });
  }
  return out;
}

export function hostFlow(addr: Ipv4, protocol: number): FlowId {
  return { addr, mask: 0xffffffff, protocol, port: 0 };
}
