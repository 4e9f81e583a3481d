/**
 * The TextFSM interpreter the show tests rely on must parse real device output the way ntc-templates'
 * own fixtures say it does; otherwise a passing show test would prove nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { IOS_OUTPUTS, TextFsm, type TextFsmRow } from '../../support/textfsm.js';

const COMMANDS = ['show_ip_interface_brief', 'show_interfaces', 'show_ip_route', 'show_ip_arp', 'show_clock', 'show_version', 'show_logging', 'show_users', 'ping', 'traceroute', 'show_ip_interface'];

function lower(rows: TextFsmRow[]): Array<Record<string, unknown>> {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v])));
}

describe('TextFSM interpreter against ntc-templates fixtures', () => {
  for (const cmd of COMMANDS) {
    const dir = join(IOS_OUTPUTS, cmd);
    for (const raw of readdirSync(dir).filter((f) => f.endsWith('.raw'))) {
      it(`${cmd}/${raw}`, () => {
        const expected = parseYaml(readFileSync(join(dir, raw.replace(/\.raw$/, '.yml')), 'utf8')) as { parsed_sample: unknown[] };
        const fsm = TextFsm.fromNtc(`cisco_ios_${cmd}`);
        const rows = fsm.parseText(readFileSync(join(dir, raw), 'utf8'));
        expect(lower(rows)).toEqual(expected.parsed_sample);
      });
    }
  }
});
