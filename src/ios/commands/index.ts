/**
 * Every command a router's console knows, assembled from the feature modules. A new feature adds its
 * module's array here; nothing else needs to change for `?`, Tab and abbreviation to know it.
 */
import { CommandRegistry } from '../grammar/registry.js';
import type { CommandDef } from '../grammar/types.js';
import type { Router } from '../../router/router.js';
import { showInterfaceCommands } from './show-interfaces.js';
import { showIpCommands } from './show-ip.js';
import { systemCommands } from './show-system.js';
import { pingCommands } from './ping.js';
import { globalConfigCommands, boilerplateCommands } from './config-global.js';
import { interfaceConfigCommands } from './config-interface.js';
import { runningConfigCommands } from './running-config.js';
import { nhrpConfigCommands } from './nhrp-config.js';
import { nhrpShowCommands } from './nhrp-show.js';
import { nhrpDebugCommands } from './nhrp-debug.js';
import { eigrpConfigCommands } from './eigrp-config.js';
import { eigrpShowCommands } from './eigrp-show.js';
import { cryptoConfigCommands } from './crypto-config.js';
import { aclConfigCommands } from './acl-config.js';
import { cryptoShowCommands } from './crypto-show.js';
import { cryptoStateCommands } from './crypto-sa-show.js';

export const ALL_COMMAND_MODULES: ReadonlyArray<readonly CommandDef<Router>[]> = [
  showInterfaceCommands,
  showIpCommands,
  systemCommands,
  pingCommands,
  globalConfigCommands,
  boilerplateCommands,
  interfaceConfigCommands,
  runningConfigCommands,
  nhrpConfigCommands,
  nhrpShowCommands,
  nhrpDebugCommands,
  eigrpConfigCommands,
  eigrpShowCommands,
  cryptoConfigCommands,
  aclConfigCommands,
  cryptoShowCommands,
  cryptoStateCommands,
];

let shared: CommandRegistry<Router> | undefined;

/** One compiled registry shared by every console (definitions are immutable data). */
export function routerRegistry(): CommandRegistry<Router> {
  if (!shared) {
    shared = new CommandRegistry<Router>();
    for (const m of ALL_COMMAND_MODULES) shared.addAll(m);
  }
  return shared;
}
