/**
 * Crypto configuration commands (ISAKMP policies and keys, transform sets, IPsec profiles, crypto maps,
 * tunnel protection and crypto maps on interfaces) and the running-config lines they render, in the
 * order and spelling of seeds 000 and 001. Nothing here negotiates anything: the IKE/IPsec engine
 * reads this configuration.
 */
import type { Router } from '../../router/router.js';
import {
  type CryptoConfig,
  type CryptoMapEntry,
  type DhGroup,
  type IpsecProfile,
  type IsakmpPolicy,
  type TransformSet,
  ISAKMP_POLICY_DEFAULTS,
  cryptoMapKey,
} from '../../config/crypto.js';
import { ipv4ToString, parseIpv4 } from '../../wire/addr.js';
import type { Args, CommandContext, CommandDef } from '../grammar/types.js';
import { INTERFACE_ORDER, SECTION_ORDER, registerInterfaceRenderer, registerSectionRenderer } from './render-hooks.js';

const CRYPTO = 'Encryption module';
const ISAKMP = 'Configure ISAKMP policy';
const IPSEC = 'Configure IPSEC policy';
const SET = 'Set values for encryption/decryption';
const GROUPS: Record<string, DhGroup> = { '1': 1, '2': 2, '5': 5, '14': 14, group1: 1, group2: 2, group5: 5, group14: 14 };

function updateCrypto(ctx: CommandContext<Router>, fn: (c: CryptoConfig) => void): void {
  ctx.device.config.update({ kind: 'crypto' }, (m) => fn(m.crypto));
}

function updatePolicy(ctx: CommandContext<Router>, fn: (p: IsakmpPolicy) => void): void {
  updateCrypto(ctx, (c) => {
    const p = c.isakmpPolicies.get(Number(ctx.modeData.priority));
    if (p) fn(p);
  });
}

function updateTransformSet(ctx: CommandContext<Router>, fn: (t: TransformSet) => void): void {
  updateCrypto(ctx, (c) => {
    const t = c.transformSets.get(ctx.modeData.transformSet ?? '');
    if (t) fn(t);
  });
}

function updateProfile(ctx: CommandContext<Router>, fn: (p: IpsecProfile) => void): void {
  updateCrypto(ctx, (c) => {
    const p = c.ipsecProfiles.get(ctx.modeData.profile ?? '');
    if (p) fn(p);
  });
}

function updateMapEntry(ctx: CommandContext<Router>, fn: (e: CryptoMapEntry) => void): void {
  updateCrypto(ctx, (c) => {
    const e = c.cryptoMaps.get(cryptoMapKey(ctx.modeData.map ?? '', Number(ctx.modeData.seq)));
    if (e) fn(e);
  });
}

/** The transforms of `crypto ipsec transform-set NAME t1 [t2 [t3]]`, in IOS's spelling (`esp-aes 256`). */
function transformsOf(a: Args): string[] {
  const out: string[] = [];
  const enc = a.get('enc');
  if (enc) out.push(enc === 'esp-aes' && a.get('aesbits') ? `esp-aes ${a.get('aesbits')}` : enc);
  const auth = a.get('auth');
  if (auth) out.push(auth);
  return out;
}

const TRANSFORM_HELP = {
  'esp-des': 'ESP transform using DES cipher (56 bits)',
  'esp-3des': 'ESP transform using 3DES(EDE) cipher (168 bits)',
  'esp-aes': 'ESP transform using AES cipher',
  '128': '128 bit keys.',
  '192': '192 bit keys.',
  '256': '256 bit keys.',
  'esp-md5-hmac': 'ESP transform using HMAC-MD5 auth',
  'esp-sha-hmac': 'ESP transform using HMAC-SHA auth',
  'esp-sha256-hmac': 'ESP transform using HMAC-SHA256 auth',
};

const PFS_HELP = {
  pfs: 'Specify pfs settings',
  group1: 'D-H Group1 (768-bit modulus) exchange.',
  group2: 'D-H Group2 (1024-bit modulus) exchange.',
  group5: 'D-H Group5 (1536-bit modulus) exchange.',
  group14: 'D-H Group14 (2048-bit modulus) exchange.',
};

export const cryptoConfigCommands: CommandDef<Router>[] = [
  // ---- ISAKMP ------------------------------------------------------------------------------------
  {
    syntax: 'crypto isakmp policy <1-10000>',
    help: { crypto: CRYPTO, isakmp: ISAKMP, policy: 'Set policy for an ISAKMP protection suite', '<1-10000>': 'Priority of protection suite' },
    modes: ['global'],
    run: (ctx, a) => {
      const priority = a.num('<1-10000>')!;
      updateCrypto(ctx, (c) => {
        if (!c.isakmpPolicies.has(priority)) c.isakmpPolicies.set(priority, { priority, ...ISAKMP_POLICY_DEFAULTS });
      });
      ctx.enterMode('isakmp-policy', { priority: String(priority) });
    },
    no: (ctx, a) => updateCrypto(ctx, (c) => c.isakmpPolicies.delete(a.num('<1-10000>')!)),
  },
  {
    syntax: 'encryption (des|3des|aes)$alg [(128|192|256)$bits]',
    help: {
      encryption: 'Set encryption algorithm for protection suite',
      des: 'DES - Data Encryption Standard (56 bit keys).',
      '3des': 'Three key triple DES',
      aes: 'AES - Advanced Encryption Standard.',
      '128': '128 bit keys.',
      '192': '192 bit keys.',
      '256': '256 bit keys.',
    },
    modes: ['isakmp-policy'],
    run: (ctx, a) =>
      updatePolicy(ctx, (p) => {
        p.encryption = a.get('alg') as IsakmpPolicy['encryption'];
        p.aesBits = p.encryption === 'aes' ? (Number(a.get('bits') ?? 128) as 128 | 192 | 256) : undefined;
      }),
    no: (ctx) =>
      updatePolicy(ctx, (p) => {
        p.encryption = ISAKMP_POLICY_DEFAULTS.encryption;
        p.aesBits = undefined;
      }),
    noMinWords: 1,
  },
  {
    syntax: 'hash (md5|sha|sha256)$alg',
    help: { hash: 'Set hash algorithm for protection suite', md5: 'Message Digest 5', sha: 'Secure Hash Standard', sha256: 'Secure Hash Standard 2 (256 bit)' },
    modes: ['isakmp-policy'],
    run: (ctx, a) => updatePolicy(ctx, (p) => (p.hash = a.get('alg') as IsakmpPolicy['hash'])),
    no: (ctx) => updatePolicy(ctx, (p) => (p.hash = ISAKMP_POLICY_DEFAULTS.hash)),
    noMinWords: 1,
  },
  {
    syntax: 'authentication (pre-share|rsa-sig)$method',
    help: { authentication: 'Set authentication method for protection suite', 'pre-share': 'Pre-Shared Key', 'rsa-sig': 'Rivest-Shamir-Adleman Signature' },
    modes: ['isakmp-policy'],
    run: (ctx, a) => updatePolicy(ctx, (p) => (p.authentication = a.get('method') as IsakmpPolicy['authentication'])),
    no: (ctx) => updatePolicy(ctx, (p) => (p.authentication = ISAKMP_POLICY_DEFAULTS.authentication)),
    noMinWords: 1,
  },
  {
    syntax: 'group (1|2|5|14)$dh',
    help: {
      group: 'Set the Diffie-Hellman group',
      '1': 'Diffie-Hellman group 1 (768 bit)',
      '2': 'Diffie-Hellman group 2 (1024 bit)',
      '5': 'Diffie-Hellman group 5 (1536 bit)',
      '14': 'Diffie-Hellman group 14 (2048 bit)',
    },
    modes: ['isakmp-policy'],
    run: (ctx, a) => updatePolicy(ctx, (p) => (p.group = GROUPS[a.get('dh')!]!)),
    no: (ctx) => updatePolicy(ctx, (p) => (p.group = ISAKMP_POLICY_DEFAULTS.group)),
    noMinWords: 1,
  },
  {
    syntax: 'lifetime <60-86400>',
    help: { lifetime: 'Set lifetime for ISAKMP security association', '<60-86400>': 'lifetime in seconds' },
    modes: ['isakmp-policy'],
    run: (ctx, a) => updatePolicy(ctx, (p) => (p.lifetime = a.num('<60-86400>')!)),
    no: (ctx) => updatePolicy(ctx, (p) => (p.lifetime = ISAKMP_POLICY_DEFAULTS.lifetime)),
    noMinWords: 1,
  },
  {
    syntax: 'crypto isakmp key WORD$psk address A.B.C.D$addr [A.B.C.D$mask]',
    help: {
      crypto: CRYPTO,
      isakmp: ISAKMP,
      key: 'Set pre-shared key for remote peer',
      $psk: 'pre-shared key',
      address: 'define shared key with IP address',
      $addr: 'Peer IP address',
      $mask: 'Peer IP subnet mask',
    },
    modes: ['global'],
    run: (ctx, a) => {
      const address = parseIpv4(a.get('addr')!)!;
      const mask = a.get('mask') !== undefined ? parseIpv4(a.get('mask')!)! : undefined;
      updateCrypto(ctx, (c) => {
        c.isakmpKeys = c.isakmpKeys.filter((k) => !(k.address === address && k.mask === mask));
        c.isakmpKeys.push({ key: a.get('psk')!, address, mask });
      });
    },
    no: (ctx, a) => {
      const address = parseIpv4(a.get('addr')!)!;
      updateCrypto(ctx, (c) => (c.isakmpKeys = c.isakmpKeys.filter((k) => k.address !== address)));
    },
  },
  {
    syntax: 'crypto isakmp keepalive <10-3600>$secs [<2-60>$retry] [(periodic|on-demand)$mode]',
    help: {
      crypto: CRYPTO,
      isakmp: ISAKMP,
      keepalive: 'Set a keepalive interval for use with IOS peers',
      $secs: 'Number of seconds between keep alives',
      $retry: 'Number of seconds between retries if keepalive fails',
      periodic: 'Send keepalive periodically',
      'on-demand': 'Send keepalive on demand (default)',
    },
    modes: ['global'],
    // IOS retries DPD every 2 s unless told otherwise, and asks only when traffic goes unanswered.
    run: (ctx, a) =>
      updateCrypto(ctx, (c) => (c.keepalive = { seconds: Number(a.get('secs')), retry: Number(a.get('retry') ?? 2), periodic: a.get('mode') === 'periodic' })),
    no: (ctx) => updateCrypto(ctx, (c) => delete c.keepalive),
    noMinWords: 3,
  },
  // ---- IPsec -------------------------------------------------------------------------------------
  {
    syntax: 'crypto ipsec transform-set WORD$name (esp-des|esp-3des|esp-aes [(128|192|256)$aesbits])$enc [(esp-md5-hmac|esp-sha-hmac|esp-sha256-hmac)$auth]',
    help: { crypto: CRYPTO, ipsec: IPSEC, 'transform-set': 'Define transform and settings', $name: 'Transform set tag', ...TRANSFORM_HELP },
    modes: ['global'],
    run: (ctx, a) => {
      const name = a.get('name')!;
      updateCrypto(ctx, (c) => {
        const existing = c.transformSets.get(name);
        c.transformSets.set(name, { name, transforms: transformsOf(a), mode: existing?.mode ?? 'tunnel' });
      });
      ctx.enterMode('transform-set', { transformSet: name });
    },
    no: (ctx, a) => updateCrypto(ctx, (c) => c.transformSets.delete(a.get('name')!)),
    noMinWords: 4,
  },
  {
    syntax: 'mode (transport|tunnel)$encap',
    help: { mode: 'encapsulation mode (transport/tunnel)', transport: 'transport (payload encapsulation)', tunnel: 'tunnel (datagram encapsulation)' },
    modes: ['transform-set'],
    run: (ctx, a) => updateTransformSet(ctx, (t) => (t.mode = a.get('encap') as TransformSet['mode'])),
    no: (ctx) => updateTransformSet(ctx, (t) => (t.mode = 'tunnel')),
    noMinWords: 1,
  },
  {
    syntax: 'crypto ipsec profile WORD$profname',
    help: { crypto: CRYPTO, ipsec: IPSEC, profile: 'Configure an ipsec policy profile', $profname: 'Profile name' },
    modes: ['global'],
    run: (ctx, a) => {
      const name = a.get('profname')!;
      updateCrypto(ctx, (c) => {
        if (!c.ipsecProfiles.has(name)) c.ipsecProfiles.set(name, { name, transformSets: [] });
      });
      ctx.enterMode('ipsec-profile', { profile: name });
    },
    no: (ctx, a) => updateCrypto(ctx, (c) => c.ipsecProfiles.delete(a.get('profname')!)),
  },
  {
    syntax: 'crypto map WORD$mapname <1-65535>$seq ipsec-isakmp',
    help: {
      crypto: CRYPTO,
      map: 'Enter a crypto map',
      $mapname: 'Crypto map tag',
      $seq: 'Sequence to insert into crypto map entry',
      'ipsec-isakmp': 'IPSEC w/ISAKMP',
    },
    modes: ['global'],
    run: (ctx, a) => {
      const map = a.get('mapname')!;
      const seq = Number(a.get('seq'));
      updateCrypto(ctx, (c) => {
        const k = cryptoMapKey(map, seq);
        if (!c.cryptoMaps.has(k)) c.cryptoMaps.set(k, { map, seq, peers: [], transformSets: [] });
      });
      ctx.enterMode('crypto-map', { map, seq: String(seq) });
    },
    no: (ctx, a) => updateCrypto(ctx, (c) => c.cryptoMaps.delete(cryptoMapKey(a.get('mapname')!, Number(a.get('seq'))))),
    noMinWords: 4,
  },
  {
    syntax: 'set transform-set WORD$name',
    help: { set: SET, 'transform-set': 'Specify list of transform sets in priority order', $name: 'Transform set name' },
    modes: ['ipsec-profile', 'crypto-map'],
    run: (ctx, a) => {
      // One set, as seeds 000 and 001 use; the new value replaces the old list, as on IOS.
      const sets = [a.get('name')!];
      if (ctx.mode === 'ipsec-profile') updateProfile(ctx, (p) => (p.transformSets = sets));
      else updateMapEntry(ctx, (e) => (e.transformSets = sets));
    },
    no: (ctx) => {
      if (ctx.mode === 'ipsec-profile') updateProfile(ctx, (p) => (p.transformSets = []));
      else updateMapEntry(ctx, (e) => (e.transformSets = []));
    },
    noMinWords: 2,
  },
  {
    syntax: 'set pfs [(group1|group2|group5|group14)$group]',
    help: { set: SET, ...PFS_HELP },
    modes: ['ipsec-profile', 'crypto-map'],
    run: (ctx, a) => {
      // `set pfs` alone means group 1, which IOS then shows as `set pfs group1`.
      const group = GROUPS[a.get('group') ?? 'group1']!;
      if (ctx.mode === 'ipsec-profile') updateProfile(ctx, (p) => (p.pfs = group));
      else updateMapEntry(ctx, (e) => (e.pfs = group));
    },
    no: (ctx) => {
      if (ctx.mode === 'ipsec-profile') updateProfile(ctx, (p) => delete p.pfs);
      else updateMapEntry(ctx, (e) => delete e.pfs);
    },
  },
  {
    syntax: 'set security-association lifetime (seconds|kilobytes)$unit <120-86400>$value',
    help: {
      set: SET,
      'security-association': 'Security association duration',
      lifetime: 'security association lifetime',
      seconds: 'Time-based key duration in seconds',
      kilobytes: 'Volume-based key duration',
      $value: 'lifetime',
    },
    modes: ['ipsec-profile'],
    run: (ctx, a) =>
      updateProfile(ctx, (p) => {
        if (a.get('unit') === 'seconds') p.lifetimeSeconds = Number(a.get('value'));
        else p.lifetimeKilobytes = Number(a.get('value'));
      }),
    no: (ctx, a) =>
      updateProfile(ctx, (p) => {
        if (a.get('unit') === 'seconds') delete p.lifetimeSeconds;
        else delete p.lifetimeKilobytes;
      }),
    noMinWords: 4,
  },
  {
    syntax: 'set peer A.B.C.D',
    help: { set: SET, peer: 'Allowed Encryption/Decryption peer', 'A.B.C.D': 'IP address of peer' },
    modes: ['crypto-map'],
    run: (ctx, a) =>
      updateMapEntry(ctx, (e) => {
        const peer = parseIpv4(a.get('A.B.C.D')!)!;
        if (!e.peers.includes(peer)) e.peers.push(peer);
      }),
    no: (ctx, a) => updateMapEntry(ctx, (e) => (e.peers = e.peers.filter((p) => p !== parseIpv4(a.get('A.B.C.D')!)))),
  },
  {
    syntax: 'match address WORD',
    help: { match: 'Match values.', address: 'Match address of packets to encrypt.', WORD: 'IP access-list number or name' },
    modes: ['crypto-map'],
    run: (ctx, a) => updateMapEntry(ctx, (e) => (e.matchAddress = a.get('WORD'))),
    no: (ctx) => updateMapEntry(ctx, (e) => delete e.matchAddress),
    noMinWords: 2,
  },
  // ---- interfaces --------------------------------------------------------------------------------
  {
    syntax: 'tunnel protection ipsec profile WORD$profname [shared]',
    help: {
      tunnel: 'protocol-over-protocol tunneling',
      protection: 'Enable tunnel protection',
      ipsec: 'Use ipsec protection',
      profile: 'Determine the ipsec policy profile to use.',
      $profname: 'Name of the IPsec profile',
      shared: 'Share the ipsec SA database with other tunnels',
    },
    modes: ['interface'],
    run: (ctx, a) =>
      ctx.device.config.updateInterface(ctx.modeData.interface ?? '', (i) => {
        if (i.tunnel) i.tunnel.protection = { profile: a.get('profname')!, shared: a.has('shared') };
      }),
    no: (ctx) =>
      ctx.device.config.updateInterface(ctx.modeData.interface ?? '', (i) => {
        if (i.tunnel) delete i.tunnel.protection;
      }),
    noMinWords: 2,
  },
  {
    syntax: 'crypto map WORD$mapname',
    help: { crypto: 'Encryption/Decryption commands', map: 'Assign a Crypto Map', $mapname: 'Crypto Map tag' },
    modes: ['interface'],
    run: (ctx, a) => ctx.device.config.updateInterface(ctx.modeData.interface ?? '', (i) => (i.cryptoMap = a.get('mapname'))),
    no: (ctx) => ctx.device.config.updateInterface(ctx.modeData.interface ?? '', (i) => delete i.cryptoMap),
    noMinWords: 2,
  },
];

// ---- show running-config -----------------------------------------------------------------------------

function encryptionText(p: IsakmpPolicy): string {
  return p.encryption === 'aes' ? (p.aesBits && p.aesBits !== 128 ? `aes ${p.aesBits}` : 'aes') : p.encryption;
}

/** Policy lines IOS prints: only what differs from the defaults, in this order (seed 000's policy 1). */
function policyLines(p: IsakmpPolicy): string[] {
  const d = ISAKMP_POLICY_DEFAULTS;
  const lines = [`crypto isakmp policy ${p.priority}`];
  if (p.encryption !== d.encryption || p.aesBits !== undefined) lines.push(` encr ${encryptionText(p)}`);
  if (p.hash !== d.hash) lines.push(` hash ${p.hash}`);
  if (p.authentication !== d.authentication) lines.push(` authentication ${p.authentication}`);
  if (p.group !== d.group) lines.push(` group ${p.group}`);
  if (p.lifetime !== d.lifetime) lines.push(` lifetime ${p.lifetime}`);
  return lines;
}

function pfsText(g: DhGroup): string {
  return ` set pfs group${g}`;
}

registerSectionRenderer({
  order: SECTION_ORDER.crypto,
  render: (router) => {
    const c = router.config.model.crypto;
    const sections: string[][] = [];
    for (const p of [...c.isakmpPolicies.values()].sort((a, b) => a.priority - b.priority)) sections.push(policyLines(p));
    const keys = c.isakmpKeys.map((k) => `crypto isakmp key ${k.key} address ${ipv4ToString(k.address)}${k.mask !== undefined ? ` ${ipv4ToString(k.mask)}` : ''}`);
    if (c.keepalive) keys.push(`crypto isakmp keepalive ${c.keepalive.seconds}${c.keepalive.retry !== 2 ? ` ${c.keepalive.retry}` : ''}${c.keepalive.periodic ? ' periodic' : ''}`);
    if (keys.length > 0) sections.push(keys);
    const sets = [...c.transformSets.values()].map((t) => [
      `crypto ipsec transform-set ${t.name} ${t.transforms.join(' ')} `,
      ...(t.mode === 'transport' ? [' mode transport'] : []),
    ]);
    if (sets.length > 0) sections.push(sets.flat());
    for (const p of c.ipsecProfiles.values()) {
      sections.push([
        `crypto ipsec profile ${p.name}`,
        ...(p.lifetimeSeconds !== undefined ? [` set security-association lifetime seconds ${p.lifetimeSeconds}`] : []),
        ...(p.lifetimeKilobytes !== undefined ? [` set security-association lifetime kilobytes ${p.lifetimeKilobytes}`] : []),
        ...(p.transformSets.length > 0 ? [` set transform-set ${p.transformSets.join(' ')} `] : []),
        ...(p.pfs !== undefined ? [pfsText(p.pfs)] : []),
      ]);
    }
    for (const e of [...c.cryptoMaps.values()].sort((a, b) => a.map.localeCompare(b.map) || a.seq - b.seq)) {
      sections.push([
        `crypto map ${e.map} ${e.seq} ipsec-isakmp `,
        ...e.peers.map((p) => ` set peer ${ipv4ToString(p)}`),
        ...(e.transformSets.length > 0 ? [` set transform-set ${e.transformSets.join(' ')} `] : []),
        ...(e.pfs !== undefined ? [pfsText(e.pfs)] : []),
        ...(e.matchAddress !== undefined ? [` match address ${e.matchAddress}`] : []),
      ]);
    }
    return sections;
  },
});

registerInterfaceRenderer({
  order: INTERFACE_ORDER.tunnelProtection,
  render: (c) => (c.tunnel?.protection ? [` tunnel protection ipsec profile ${c.tunnel.protection.profile}${c.tunnel.protection.shared ? ' shared' : ''}`] : []),
});

registerInterfaceRenderer({
  order: INTERFACE_ORDER.cryptoMap,
  render: (c) => (c.cryptoMap !== undefined ? [` crypto map ${c.cryptoMap}`] : []),
});
