/** How a console session is set up, and the hooks the router layer may change later. */

import type { AsyncJob, InterfaceTypeDef, ModeDef, ModeId } from '../grammar/types.js';
import type { CommandRegistry } from '../grammar/registry.js';

/** Virtual time; the simulator's Scheduler satisfies it. */
export interface ConsoleClock {
  now(): number;
  schedule(delayMs: number, fn: () => void): { cancel(): void };
}

export interface ConsoleSessionOptions<D> {
  name: string;
  device: D;
  registry: CommandRegistry<D>;
  /** Default: STANDARD_MODES (user/priv EXEC, global, interface, router, line). */
  modes?: readonly ModeDef[];
  hostname: () => string;
  clock: ConsoleClock;
  /** Called with `%SYS-5-CONFIG_I: Configured from console by console` when configuration mode is left. */
  onConfigExit?: (message: string) => void;
  /** Interface types IFNAME accepts; default DEFAULT_INTERFACE_TYPES. */
  interfaceTypes?: readonly InterfaceTypeDef[];
  initialMode?: ModeId;
  /** Rows for `--More--` (IOS `terminal length`, default 24; 0 = no paging). */
  terminalLength?: number;
  /** Whether `ip domain-lookup` is on (default on): decides how an unknown EXEC word is resolved. */
  resolveHostLookup?: () => boolean;
  /** How long the DNS broadcast for an unknown EXEC word takes before giving up (default 30 s). */
  hostLookupDelayMs?: number;
  /** The `enable secret`, if any; `enable` then asks for it. */
  enableSecret?: () => string | undefined;
  /** Connect to an address typed at the EXEC prompt; default: the attempt times out. */
  connect?: (host: string, job: AsyncJob) => void;
}

export const CONFIG_EXIT_MESSAGE = '%SYS-5-CONFIG_I: Configured from console by console';
