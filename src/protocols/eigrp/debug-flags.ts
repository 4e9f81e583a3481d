/**
 * EIGRP debug flags with the lines `debug eigrp packets` / `debug ip eigrp` confirm and `show debug`
 * lists.
 */
import type { DebugFlagDef } from '../../router/logger.js';

export const EIGRP_DEBUG = {
  packets: 'eigrp.packets',
  routes: 'eigrp.ip',
} as const;

export const EIGRP_DEBUG_FLAGS: DebugFlagDef[] = [
  { id: EIGRP_DEBUG.packets, group: 'EIGRP', line: 'EIGRP Packets debugging is on' },
  { id: EIGRP_DEBUG.routes, group: 'EIGRP', line: 'IP-EIGRP Route Events debugging is on' },
];
