/**
 * Test helpers that drive a lab the way a person does: type into a console and read what it printed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadLab } from '../../src/lab/catalog.js';
import type { Lab } from '../../src/lab/lab.js';
import type { LabOptions } from '../../src/lab/runtime-api.js';
import { runBatch } from '../../src/cli/batch.js';

const here = dirname(fileURLToPath(import.meta.url));

export function fixture(name: string): string {
  return readFileSync(join(here, '..', 'fixtures', name), 'utf8');
}

/** Run a batch script on a fresh lab; returns the transcript lines and the lab for further checks. */
export function runScript(script: string, opts: Partial<LabOptions> = {}): { lines: string[]; lab: Lab; code: number; errors: string[] } {
  const lab = loadLab({ lab: 'dmvpn-phase1', start: 'underlay', seed: 1, ...opts });
  const lines: string[] = [];
  const errors: string[] = [];
  const code = runBatch(lab, script, 'test-script', { out: (l) => lines.push(l), err: (l) => errors.push(l) });
  return { lines, lab, code, errors };
}

/** Typing a configuration file into a console: enable, configure terminal, the lines, end. */
export function configure(consoleName: string, config: string): string {
  return [`@${consoleName}`, 'enable', 'configure terminal', ...config.trimEnd().split('\n'), 'end'].join('\n');
}

/** The output lines of one console (prefix removed). */
export function outputOf(lines: string[], consoleName: string): string[] {
  const prefix = `${consoleName}| `;
  return lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
}

/**
 * The output of the last run of `command` on a console: the lines after its echo up to the next echo
 * of that console's prompt.
 */
export function lastCommandOutput(lines: string[], consoleName: string, command: string): string[] {
  const own = outputOf(lines, consoleName);
  let start = -1;
  for (let i = own.length - 1; i >= 0; i--) {
    if (/^[\w-]+(\([\w-]+\))?[#>]/.test(own[i]!) && own[i]!.replace(/^[\w-]+(\([\w-]+\))?[#>]/, '') === command) {
      start = i;
      break;
    }
  }
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start + 1; i < own.length; i++) {
    if (/^[\w-]+(\([\w-]+\))?[#>]/.test(own[i]!) && !own[i]!.includes(': ')) break;
    out.push(own[i]!);
  }
  return out;
}
