/**
 * `show crypto isakmp policy` and `show crypto ipsec transform-set`, rendered from the configuration.
 * Wording of algorithms and groups as IOS prints them (reference transcripts in PROTOCOL-FACTS §3).
 */
import type { Router } from '../../router/router.js';
import type { IsakmpPolicy, TransformSet } from '../../config/crypto.js';
import type { CommandDef } from '../grammar/types.js';
import { printLines } from './print-lines.js';

const SHOW = 'Show running system information';
const CRYPTO = 'Encryption module';

const HASH_TEXT: Record<IsakmpPolicy['hash'], string> = { md5: 'Message Digest 5', sha: 'Secure Hash Standard', sha256: 'Secure Hash Standard 2 (256 bit)' };
const AUTH_TEXT: Record<IsakmpPolicy['authentication'], string> = { 'pre-share': 'Pre-Shared Key', 'rsa-sig': 'Rivest-Shamir-Adleman Signature' };
const GROUP_BITS: Record<number, number> = { 1: 768, 2: 1024, 5: 1536, 14: 2048 };

function encryptionText(p: IsakmpPolicy): string {
  if (p.encryption === 'des') return 'DES - Data Encryption Standard (56 bit keys).';
  if (p.encryption === '3des') return 'Three key triple DES';
  return `AES - Advanced Encryption Standard (${p.aesBits ?? 128} bit keys).`;
}

/** One suite: the heading, then the five fields in a column at 32. */
function suiteLines(p: IsakmpPolicy): string[] {
  const field = (name: string, value: string) => `        ${`${name}:`.padEnd(24)}${value}`;
  return [
    `Protection suite of priority ${p.priority}`,
    field('encryption algorithm', encryptionText(p)),
    field('hash algorithm', HASH_TEXT[p.hash]),
    field('authentication method', AUTH_TEXT[p.authentication]),
    field('Diffie-Hellman group', `#${p.group} (${GROUP_BITS[p.group]} bit)`),
    field('lifetime', `${p.lifetime} seconds, no volume limit`),
  ];
}

export function renderIsakmpPolicies(router: Router): string[] {
  const policies = [...router.config.model.crypto.isakmpPolicies.values()].sort((a, b) => a.priority - b.priority);
  return ['Global IKE policy', ...policies.flatMap(suiteLines)];
}

/** `Transform set NAME: { esp-3des esp-sha-hmac  }` / `   will negotiate = { Transport,  },`. */
function transformSetLines(t: TransformSet): string[] {
  return [`Transform set ${t.name}: { ${t.transforms.join(' ')}  }`, `   will negotiate = { ${t.mode === 'transport' ? 'Transport' : 'Tunnel'},  },`, ''];
}

export function renderTransformSets(router: Router, only?: string): string[] {
  return [...router.config.model.crypto.transformSets.values()].filter((t) => only === undefined || t.name === only).flatMap(transformSetLines);
}

export const cryptoShowCommands: CommandDef<Router>[] = [
  {
    syntax: 'show crypto isakmp policy',
    help: { show: SHOW, crypto: CRYPTO, isakmp: 'Show ISAKMP', policy: 'Show ISAKMP protection suite policy' },
    modes: ['priv-exec'],
    run: (ctx) => printLines((t) => ctx.print(t), renderIsakmpPolicies(ctx.device)),
  },
  {
    syntax: 'show crypto ipsec transform-set [WORD$name]',
    help: { show: SHOW, crypto: CRYPTO, ipsec: 'Show IPSEC policy', 'transform-set': 'Crypto transform sets', $name: 'Transform set tag' },
    modes: ['priv-exec'],
    run: (ctx, a) => printLines((t) => ctx.print(t), renderTransformSets(ctx.device, a.get('name'))),
  },
];
