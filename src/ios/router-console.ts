/**
 * Console sessions on a router: the session is wired to the router's clock, hostname, logger (debug
 * and syslog lines arrive as asynchronous lines) and configuration (domain lookup, enable secret).
 * Also used to type a start configuration into a router, which is how labs set routers up.
 */
import { ConsoleSession } from './session/index.js';
import { routerRegistry } from './commands/index.js';
import type { Router } from '../router/router.js';
import { markConfigFromNvram } from './commands/show-interfaces.js';
import { trackConfigChanges } from './commands/running-config.js';

export type RouterConsole = ConsoleSession<Router>;

function sessionFor(router: Router, name: string, terminalLength: number, logConfigExit = true): RouterConsole {
  return new ConsoleSession<Router>({
    name,
    device: router,
    registry: routerRegistry(),
    hostname: () => router.hostname,
    clock: router.sched,
    terminalLength,
    // `%SYS-5-CONFIG_I: Configured from console by console` goes through the logger so it is timestamped.
    onConfigExit: logConfigExit
      ? (message) => router.log.syslog(message.replace(/^%/, '').replace(/: .*$/, ''), message.replace(/^[^:]*: /, ''))
      : undefined,
    resolveHostLookup: () => router.config.model.ipDomainLookup,
    enableSecret: () => router.config.model.enableSecret,
  });
}

/** The console a user (or script) types into; its router's debug and syslog lines are shown on it. */
export function createConsole(router: Router, name: string, terminalLength = 24): RouterConsole {
  const session = sessionFor(router, name, terminalLength);
  router.log.onLine((text, kind) => session.asyncLine(text, kind));
  return session;
}

/**
 * Type configuration lines into `router` in global configuration mode, silently (as if loaded from
 * NVRAM at boot). Returns the IOS error lines the router printed, if any.
 */
export function applyConfiguration(router: Router, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const session = sessionFor(router, `${router.id}-startup`, 0, false);
  const errors: string[] = [];
  let lastEcho = '';
  session.onLine((l) => {
    if (l.kind === 'echo') lastEcho = l.text;
    else if (l.kind === 'error' || /^% /.test(l.text)) errors.push(`${lastEcho}  →  ${l.text}`);
  });
  router.quietly(() => {
    session.input('enable\r');
    session.input('configure terminal\r');
    for (const line of lines) session.input(`${line}\r`);
    session.input('end\r');
  });
  return errors;
}

/**
 * After the start configuration is loaded: addresses read at boot show `NVRAM` in `show ip interface
 * brief`, and later changes are tracked for `! Last configuration change at …`.
 */
export function prepareRouter(router: Router): void {
  markConfigFromNvram(router);
  trackConfigChanges(router);
}
