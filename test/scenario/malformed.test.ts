/**
 * Broken scenario files: each gives one line `file:line:col: message` saying what was expected, pointing
 * at the offending value, never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, ScenarioError } from '../../src/scenario/load.js';

const HEAD = 'title: T\nkind: lab\ndescription: d\nlab: dmvpn-phase1\nstart: solved\n';
const PING = 'checks:\n  - type: ping\n    console: Hub\n    target: 10.1.1.1\n';

const CASES: Array<{ what: string; text: string; error: string }> = [
  { what: 'bad YAML', text: 'title: x\nkind: ticket\n  description: [oops\n', error: 'f.yaml:2:7: bad YAML: Nested mappings are not allowed in compact mappings' },
  { what: 'a duplicated key', text: 'title: T\ntitle: U\n', error: 'f.yaml:2:1: bad YAML: Map keys must be unique' },
  { what: 'not a mapping', text: '- a\n- b\n', error: 'f.yaml:1:1: a scenario file should be a mapping with title, kind, description, lab and start' },
  { what: 'garbage bytes', text: '\u0000\u0001\uFFFD garbage', error: 'f.yaml:1:1: a scenario file should be a mapping with title, kind, description, lab and start' },
  { what: 'unknown lab', text: HEAD.replace('dmvpn-phase1', 'dmvpn-phase9') + PING, error: 'f.yaml:4:6: unknown lab "dmvpn-phase9" (expected one of: dmvpn-phase1, ipsec-hub-spoke)' },
  {
    what: 'unknown console',
    text: HEAD + PING.replace('Hub', 'Spoke9'),
    error: 'f.yaml:8:14: unknown console "Spoke9" (lab dmvpn-phase1 has Hub, Spoke1, Spoke2, ISP)',
  },
  {
    what: 'bad duration',
    text: HEAD + PING + 'steps:\n  - console: Hub\n    type: show ip route\n  - wait: 10 seconds\n',
    error: 'f.yaml:13:11: steps[1].wait is not valid (expected a duration such as 500ms, 30s, 2m or 1h)',
  },
  {
    what: 'unknown check type',
    text: HEAD + 'checks:\n  - type: bgp-neighbor\n    console: Hub\n',
    error: 'f.yaml:7:11: unknown check type "bgp-neighbor" (expected one of output, nhrp-registered, nhrp-peer, eigrp-neighbor, route, ping, ipsec-sa, interface)',
  },
  { what: 'missing top-level field', text: 'title: T\nkind: lab\nlab: dmvpn-phase1\nstart: solved\n', error: 'f.yaml:1:1: missing field "description" in the file' },
  { what: 'missing check field', text: HEAD + 'checks:\n  - type: route\n    console: Hub\n', error: 'f.yaml:7:5: missing field "prefix" in checks[0]' },
  { what: 'wrong type', text: HEAD + PING + '    points: ten\n', error: 'f.yaml:10:13: checks[0].points should be a whole number' },
  { what: 'unknown field', text: HEAD + PING + 'foo: 1\n', error: 'f.yaml:10:1: unknown field "foo" in the file' },
  { what: 'bad start state', text: HEAD.replace('solved', 'halfway') + PING, error: 'f.yaml:5:8: start "halfway" is not one of blank, underlay, solved' },
  {
    what: 'bad regular expression',
    text: HEAD + PING + 'steps:\n  - console: Hub\n    type: show ip route\n    expect: "(unclosed"\n',
    error: 'f.yaml:13:13: bad regular expression: Invalid regular expression: /(unclosed/m: Unterminated group',
  },
  { what: 'a step with nothing to do', text: HEAD + PING + 'steps:\n  - console: Hub\n', error: 'f.yaml:11:5: steps[0] needs type (lines to type) or wait (a duration)' },
  {
    what: 'a ticket without a fault',
    text: HEAD.replace('kind: lab', 'kind: ticket') + PING,
    error: 'f.yaml:2:7: a ticket needs at least one fault',
  },
  { what: 'a bad address', text: HEAD + PING.replace('10.1.1.1', '10.1.1'), error: 'f.yaml:9:13: checks[0].target is not valid (expected an IPv4 address A.B.C.D)' },
];

describe('malformed scenario files', () => {
  it.each(CASES)('$what → one line with file:line:col', ({ text, error }) => {
    let caught: unknown;
    try {
      parseScenario(text, 'f.yaml');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as ScenarioError).message).toBe(error);
  });

  it('the CLI prints the error as one line with exit status 2, for a file and for a fault IOS rejects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scn-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, HEAD + PING + 'steps:\n  - wait: soon\n');
    const r = spawnSync(process.execPath, ['bin/dmvpn-console.js', 'check', bad], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`dmvpn-console: ${bad}:11:11: steps[0].wait is not valid (expected a duration such as 500ms, 30s, 2m or 1h)\n`);

    const fault = join(dir, 'fault.yaml');
    writeFileSync(fault, HEAD.replace('kind: lab', 'kind: ticket') + 'faults:\n  - console: Hub\n    config: |\n      interface Tunnel0\n       ip nhrp bogus 1\n' + PING);
    const f = spawnSync(process.execPath, ['bin/dmvpn-console.js', 'check', fault], { encoding: 'utf8' });
    expect(f.status).toBe(2);
    expect(f.stderr).toBe(`dmvpn-console: ${fault}:7:5: fault configuration rejected by Hub: "ip nhrp bogus 1": % Invalid input detected at '^' marker.\n`);
  });
});
