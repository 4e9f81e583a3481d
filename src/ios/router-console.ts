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
import { DEFAULT_INTERFACE_TYPES } from './grammar/ifname.js';
import type { InterfaceTypeDef } from './grammar/types.js';

export type RouterConsole = ConsoleSession<Router>;

/** Sessions the program itself uses (loading configuration, grading) start privileged, needing no password. */
/**
 * The interface types this router's hardware offers: Ethernet ports named `Ethernet0/0` (slot/port, a
 * 2600/2900) or `Ethernet0` (a 2500, as seed 001's routers are), plus the virtual types.
 */
function interfaceTypesFor(router: Router): InterfaceTypeDef[] {
  const ethernet = router.portNames.filter((p) => p.startsWith('Ethernet'));
  const plain = ethernet.length > 0 && ethernet.every((p) => /^Ethernet\d+$/.test(p));
  return DEFAULT_INTERFACE_TYPES.map((t) => (t.name === 'Ethernet' && plain ? { ...t, slotted: false, unitHelp: `<0-${ethernet.length - 1}>` } : t));
}

function sessionFor(router: Router, name: string, terminalLength: number, logConfigExit = true, privileged = false): RouterConsole {
  return new ConsoleSession<Router>({
    name,
    interfaceTypes: interfaceTypesFor(router),
    initialMode: privileged ? 'priv-exec' : undefined,
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
  const session = sessionFor(router, `${router.id}-startup`, 0, false, true);
  const errors: string[] = [];
  let lastEcho = '';
  session.onLine((l) => {
    // The caret line under a bad word adds nothing once the command and the message are named.
    if (l.kind === 'echo') lastEcho = l.text.replace(/^\S*?[#>]\s*/, '');
    else if (/^% /.test(l.text)) errors.push(`"${lastEcho}": ${l.text}`);
  });
  router.quietly(() => {
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

/** How long (virtual time) a grader's command may run, e.g. a ping, before its output is taken. */
const COMMAND_LIMIT_MS = 10 * 60 * 1000;

/**
 * Run one privileged EXEC command on a private session, as a grader at another terminal line would,
 * and return its output. The learner's consoles see nothing of it.
 */
export function commandOutput(router: Router, command: string): string[] {
  const session = sessionFor(router, `${router.id}-grader`, 0, false, true);
  const out: string[] = [];
  session.onLine((l) => {
    if (l.kind === 'output' || l.kind === 'error') out.push(l.text);
  });
  session.input(`${command}\r`);
  router.sched.runUntil(() => session.inputLine() !== null, COMMAND_LIMIT_MS);
  return out;
}
