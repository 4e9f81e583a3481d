/**
 * The debug flags `debug dmvpn all all` turns on besides NHRP's, in the groups and order seed 000's
 * `show debug` lists them. The IKEv2 and crypto flags belong to the crypto layer; they are registered
 * here so `debug dmvpn all all` and `show debug` list them as IOS does, and the crypto code prints
 * under these same ids.
 */
import type { DebugFlagDef } from '../../router/logger.js';

export const DMVPN_DEBUG = {
  error: 'dmvpn.error',
  upDown: 'dmvpn.updown',
  detail: 'dmvpn.detail',
  packet: 'dmvpn.packet',
  all: 'dmvpn.all',
} as const;

export const CRYPTO_DEBUG = {
  isakmp: 'crypto.isakmp',
  isakmpError: 'crypto.isakmp.error',
  ipsec: 'crypto.ipsec',
  ipsecError: 'crypto.ipsec.error',
  socket: 'crypto.socket',
  engine: 'crypto.engine',
  tunnelProtection: 'tunnel.protection',
} as const;

const IKEV2_FLAGS: DebugFlagDef[] = ['error', 'terse', 'event', 'packet', 'detail'].map((level) => ({
  id: `ikev2.${level}`,
  group: 'IKEV2',
  line: `IKEV2 ${level} debugging is on`,
}));

const CRYPTO_FLAGS: DebugFlagDef[] = [
  { id: CRYPTO_DEBUG.isakmp, group: 'Cryptographic Subsystem', line: 'Crypto ISAKMP debugging is on' },
  { id: CRYPTO_DEBUG.isakmpError, group: 'Cryptographic Subsystem', line: 'Crypto ISAKMP Error debugging is on' },
  { id: CRYPTO_DEBUG.ipsec, group: 'Cryptographic Subsystem', line: 'Crypto IPSEC debugging is on' },
  { id: CRYPTO_DEBUG.ipsecError, group: 'Cryptographic Subsystem', line: 'Crypto IPSEC Error debugging is on' },
  { id: CRYPTO_DEBUG.socket, group: 'Cryptographic Subsystem', line: 'Crypto secure socket events debugging is on' },
  { id: CRYPTO_DEBUG.engine, group: 'Cryptographic Subsystem', line: 'Crypto Engine debugging is on' },
  { id: CRYPTO_DEBUG.tunnelProtection, group: 'Tunnel Protection Debugs', line: 'Generic Tunnel Protection debugging is on' },
];

const DMVPN_FLAGS: DebugFlagDef[] = [
  { id: DMVPN_DEBUG.error, group: 'DMVPN', line: 'DMVPN error debugging is on' },
  { id: DMVPN_DEBUG.upDown, group: 'DMVPN', line: 'DMVPN UP/DOWN event debugging is on' },
  { id: DMVPN_DEBUG.detail, group: 'DMVPN', line: 'DMVPN detail debugging is on' },
  { id: DMVPN_DEBUG.packet, group: 'DMVPN', line: 'DMVPN packet debugging is on' },
  { id: DMVPN_DEBUG.all, group: 'DMVPN', line: 'DMVPN all level debugging is on' },
];

/** Flags registered after NHRP's, so `show debug` groups come out in seed 000's order. */
export const DMVPN_RELATED_DEBUG_FLAGS: DebugFlagDef[] = [...IKEV2_FLAGS, ...CRYPTO_FLAGS, ...DMVPN_FLAGS];
