/**
 * A word at the EXEC prompt that is no command is, to IOS, a host to telnet to. A name is looked
 * up first: with `ip domain-lookup` on (the default, and no name server) the query is broadcast and
 * times out after a long pause, which Ctrl-^ cuts short.
 */

import type { AsyncJob } from '../grammar/types.js';
import { isIpv4 } from '../grammar/match.js';
import type { ConsoleSessionOptions } from './options.js';

export const UNKNOWN_HOST = '% Unknown command or computer name, or unable to find computer address';
export const CONNECT_TIMEOUT = '% Connection timed out; remote host not responding';

export function connectToHost<D>(job: AsyncJob, host: string, options: ConsoleSessionOptions<D>): void {
  const delay = options.hostLookupDelayMs ?? 30_000;
  const address = isIpv4(host);
  if (address) {
    if (options.connect) return options.connect(host, job);
    job.print(`Trying ${host} ... `);
  } else if (options.resolveHostLookup?.() ?? true) {
    job.print(`Translating "${host}"...domain server (255.255.255.255)`);
  } else {
    job.print(`Translating "${host}"`);
    job.error(UNKNOWN_HOST);
    return job.done();
  }
  const failure = address ? CONNECT_TIMEOUT : UNKNOWN_HOST;
  const timer = options.clock.schedule(delay, () => {
    job.error(failure);
    job.done();
  });
  job.onBreak(() => {
    timer.cancel();
    job.error(failure);
    job.done();
  });
}
