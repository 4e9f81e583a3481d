/**
 * NHRP debug flags, in the order and with the wording `show debug` lists them under `NHRP:` in seed 000.
 * Which flag gates which line: `protocol` the service events (if_up, NHS state, sending decisions),
 * `packet` the Send/Receive headline with the packet dump, `cache` cache changes, `rate` the
 * registration pacing (NHRP-RATE), `extension` extension processing, `error` discarded packets.
 */
import type { DebugFlagDef } from '../../router/logger.js';

export const NHRP_DEBUG = {
  protocol: 'nhrp.protocol',
  packet: 'nhrp.packet',
  extension: 'nhrp.extension',
  cache: 'nhrp.cache',
  routing: 'nhrp.routing',
  rate: 'nhrp.rate',
  error: 'nhrp.error',
} as const;

export const NHRP_DEBUG_FLAGS: DebugFlagDef[] = [
  { id: NHRP_DEBUG.protocol, group: 'NHRP', line: 'NHRP protocol debugging is on' },
  { id: NHRP_DEBUG.packet, group: 'NHRP', line: 'NHRP activity debugging is on' },
  { id: NHRP_DEBUG.extension, group: 'NHRP', line: 'NHRP extension processing debugging is on' },
  { id: NHRP_DEBUG.cache, group: 'NHRP', line: 'NHRP cache operations debugging is on' },
  { id: NHRP_DEBUG.routing, group: 'NHRP', line: 'NHRP routing debugging is on' },
  { id: NHRP_DEBUG.rate, group: 'NHRP', line: 'NHRP rate limiting debugging is on' },
  { id: NHRP_DEBUG.error, group: 'NHRP', line: 'NHRP errors debugging is on' },
];

/** Debug conditions (`debug dmvpn condition peer nbma|tunnel A.B.C.D`) are stored under this kind. */
export const PEER_CONDITION = 'peer';
