/**
 * Starts the protocol services every router runs and registers them on the router by name, so the
 * console's commands can reach their state (`show ip nhrp`, `show ip eigrp neighbors` …).
 */
import type { Router } from './router.js';
import { NhrpService } from '../protocols/nhrp/index.js';
import { DMVPN_RELATED_DEBUG_FLAGS } from '../protocols/dmvpn/debug-flags.js';
import { EigrpService } from '../protocols/eigrp/index.js';
import { IpsecService } from '../protocols/ipsec/service.js';

export function startServices(router: Router): void {
  router.services.set('nhrp', new NhrpService(router));
  // After NHRP's, so `show debug` lists the groups in seed 000's order.
  router.log.registerDebugFlags(DMVPN_RELATED_DEBUG_FLAGS);
  router.services.set('eigrp', new EigrpService(router));
  router.services.set('ipsec', new IpsecService(router));
}
