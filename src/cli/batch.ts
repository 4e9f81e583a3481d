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
import { LabDriver, READY_LIMIT_MS } from '../lab/driver.js';

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
  const driver = new LabDriver(lab);
  let current: ConsoleSessionApi = lab.consoles()[0]!;
  try {
    for (const step of parsed.steps) {
      if (step.kind === 'console') {
        current = lab.console(step.name)!;
      } else if (step.kind === 'wait') {
        driver.advance(step.ms);
      } else if (!driver.type(current, step.text)) {
        io.err(`${scriptName}:${step.line}: console ${current.name} still busy after ${READY_LIMIT_MS / 3_600_000} h of virtual time`);
        return 1;
      }
    }
    driver.finish();
    return 0;
  } finally {
    for (const u of unsubscribe) u();
  }
}
