/**
 * `dmvpn-console run`: types a plain-text script into a lab's consoles and prints the transcript.
 *
 * Every line is typed key by key, as a person would, and only once the console is ready for input
 * again (a running ping finishes first), with virtual time moving on meanwhile. Transcript lines are
 * prefixed with the console's name and `| `, in the order they were produced.
 */
import { parseScript } from '../lab/script.js';
import type { LabRuntime } from '../lab/runtime-api.js';
import type { ConsoleSessionApi } from '../ios/console-api.js';

/** How long (virtual time) a console may stay busy before the runner gives up on it. */
const READY_LIMIT_MS = 6 * 60 * 60 * 1000;

export interface BatchIo {
  out(line: string): void;
  err(line: string): void;
}

export function runBatch(lab: LabRuntime, script: string, scriptName: string, io: BatchIo): number {
  const parsed = parseScript(script);
  if (parsed.error) {
    io.err(`${scriptName}:${parsed.error.line}: ${parsed.error.message}`);
    return 2;
  }
  for (const step of parsed.steps) {
    if (step.kind === 'console' && !lab.console(step.name)) {
      const known = lab.consoles().map((c) => c.name).join(', ');
      io.err(`${scriptName}:${step.line}: unknown console "${step.name}" (this lab has ${known})`);
      return 2;
    }
  }
  // A script is an automation session: no `--More--` unless the script asks for `terminal length N`.
  for (const c of lab.consoles()) c.setTerminalLength(0);
  const unsubscribe = lab.consoles().map((c) => c.onLine((l) => io.out(`${c.name}| ${l.text}`)));
  const sched = lab.scheduler;
  let current: ConsoleSessionApi = lab.consoles()[0]!;
  // Events due now (a zero-delay reconcile after a configuration change) run before the next key, as
  // they would on a router between two lines a person types.
  const waitReady = (c: ConsoleSessionApi): boolean => {
    sched.advanceTo(sched.now());
    return sched.runUntil(() => c.inputLine() !== null, READY_LIMIT_MS);
  };
  try {
    for (const step of parsed.steps) {
      if (step.kind === 'console') {
        current = lab.console(step.name)!;
      } else if (step.kind === 'wait') {
        sched.runFor(step.ms);
      } else {
        if (!waitReady(current)) {
          io.err(`${scriptName}:${step.line}: console ${current.name} still busy after ${READY_LIMIT_MS / 3_600_000} h of virtual time`);
          return 1;
        }
        for (const ch of step.text) current.input(ch);
        current.input('\r');
      }
    }
    // The transcript ends when every console is back at a prompt (a ping left running on a console the
    // script switched away from finishes too).
    for (const c of lab.consoles()) waitReady(c);
    return 0;
  } finally {
    for (const u of unsubscribe) u();
  }
}
