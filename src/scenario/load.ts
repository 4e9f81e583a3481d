/**
 * Reading a scenario file: YAML with positions kept, validated against the JSON Schema, then checked
 * against the lab it names (consoles, durations, regular expressions). Any problem is one
 * `file:line:col: message` error saying what was expected; nothing here throws anything else.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { LineCounter, parseDocument, isMap, isNode, isPair, isScalar, type Document, type Node } from 'yaml';
import { Ajv, type ErrorObject } from 'ajv';
import { parseDuration } from '../lab/script.js';
import { BUILTIN_LABS, findLab } from '../lab/catalog.js';
import type { StartState } from '../lab/runtime-api.js';
import { SCENARIO_SCHEMA, CHECK_TYPES } from './schema.js';
import type { Check, Fault, Scenario, ScenarioKind, SourcePos, Step } from './model.js';

const DEFAULT_SETTLE_MS = 60_000;
const DEFAULT_PING_REPEAT = 5;
const DEFAULT_PING_SUCCESS = 80;

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly pos: SourcePos,
    readonly detail: string,
  ) {
    super(`${file}:${pos.line}:${pos.col}: ${detail}`);
  }
}

const ajv = new Ajv({ allErrors: false, strict: false, verbose: true });
const validate = ajv.compile(SCENARIO_SCHEMA);

type Path = Array<string | number>;

/** Positions of YAML nodes by path, for messages about values that parsed but are wrong. */
class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  at(offset: number): SourcePos {
    const p = this.lines.linePos(offset);
    return { line: p.line, col: p.col };
  }

  /** The node at `path`, or the closest ancestor that exists. */
  node(path: Path): SourcePos {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.at(node.range[0]);
    }
    return { line: 1, col: 1 };
  }

  /** The key `name` of the mapping at `path` (for unknown fields). */
  key(path: Path, name: string): SourcePos {
    const map = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(map)) {
      for (const item of map.items) {
        if (isPair(item) && isScalar(item.key) && item.key.value === name && item.key.range) return this.at(item.key.range[0]);
      }
    }
    return this.node(path);
  }
}

function pathOf(instancePath: string): Path {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describePath(path: Path): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** One schema error as a sentence saying what was expected. */
function schemaError(e: ErrorObject, where: Locator, file: string): ScenarioError {
  const path = pathOf(e.instancePath);
  const field = describePath(path) || 'the file';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return new ScenarioError(file, where.node(path), `missing field "${String(p.missingProperty)}" in ${field}`);
    case 'additionalProperties':
      return new ScenarioError(file, where.key(path, String(p.additionalProperty)), `unknown field "${String(p.additionalProperty)}" in ${field}`);
    case 'type':
      return new ScenarioError(file, where.node(path), `${field} should be ${article(String(p.type))}`);
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).join(', ');
      if (path[0] === 'checks' && path[2] === 'type') return new ScenarioError(file, where.node(path), `unknown check type "${String(e.data)}" (expected one of ${allowed})`);
      return new ScenarioError(file, where.node(path), `${field} "${String(e.data)}" is not one of ${allowed}`);
    }
    case 'const':
      return new ScenarioError(file, where.node(path), `${field} should be ${String(p.allowedValue)}`);
    case 'pattern':
      return new ScenarioError(file, where.node(path), `${field} is not valid (${patternHint(path)})`);
    case 'minimum':
    case 'maximum':
      return new ScenarioError(file, where.node(path), `${field} must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(p.limit)}`);
    case 'minLength':
      return new ScenarioError(file, where.node(path), `${field} must not be empty`);
    case 'oneOf':
      return new ScenarioError(file, where.node(path), `${field} should be a line or a list of lines`);
    default:
      return new ScenarioError(file, where.node(path), `${field}: ${e.message ?? 'invalid'}`);
  }
}

function article(type: string): string {
  return type === 'integer' ? 'a whole number' : type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : `a ${type}`;
}

function patternHint(path: Path): string {
  const last = path[path.length - 1];
  if (last === 'wait' || last === 'settle' || last === 'timeLimit') return 'expected a duration such as 500ms, 30s, 2m or 1h';
  if (last === 'prefix') return 'expected A.B.C.D/len';
  return 'expected an IPv4 address A.B.C.D';
}

/** A `|` block's trailing blank lines are YAML's, not the author's; in a list, `''` is a bare Enter. */
function asLines(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  const all = String(v).split(/\r?\n/);
  while (all.length > 0 && all[all.length - 1]!.trim() === '') all.pop();
  return all;
}

/** Parse and check one scenario from text. `file` is only used in messages. */
export function parseScenario(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const where = new Locator(doc, lines);
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = err.linePos?.[0] ?? where.at(err.pos[0]);
    throw new ScenarioError(file, { line: pos.line, col: pos.col }, `bad YAML: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')}`);
  }
  const raw: unknown = doc.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ScenarioError(file, where.node([]), 'a scenario file should be a mapping with title, kind, description, lab and start');
  }
  if (!validate(raw)) {
    // The most specific error: check-type errors come before the generic "if" wrapper ajv adds.
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    throw schemaError(errors[0] ?? validate.errors![0]!, where, file);
  }
  return build(raw as unknown as Record<string, unknown>, file, where);
}

export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ScenarioError(path, { line: 1, col: 1 }, 'cannot read the file');
  }
  return parseScenario(text, path);
}

function build(y: Record<string, unknown>, file: string, where: Locator): Scenario {
  const labName = y.lab as string;
  const entry = findLab(labName);
  if (!entry) throw new ScenarioError(file, where.node(['lab']), `unknown lab "${labName}" (expected one of: ${knownLabs()})`);
  const spokes = y.spokes as number | undefined;
  const consoles = entry.build(spokes).routers.map((r) => r.name);
  const consoleAt = (path: Path, name: unknown): string => {
    const found = consoles.find((c) => c.toLowerCase() === String(name).toLowerCase());
    if (!found) throw new ScenarioError(file, where.node(path), `unknown console "${String(name)}" (lab ${labName} has ${consoles.join(', ')})`);
    return found;
  };
  const durationAt = (path: Path, v: unknown): number => {
    const ms = parseDuration(String(v));
    if (ms === undefined) throw new ScenarioError(file, where.node(path), `bad duration "${String(v)}" (expected e.g. 500ms, 30s, 2m, 1h)`);
    return ms;
  };
  const regexAt = (path: Path, v: unknown): RegExp => {
    try {
      return new RegExp(String(v), 'm');
    } catch (e) {
      throw new ScenarioError(file, where.node(path), `bad regular expression: ${(e as Error).message}`);
    }
  };
  const stepsAt = (key: 'steps' | 'solution'): Step[] => {
    const list = (y[key] as Array<Record<string, unknown>> | undefined) ?? [];
    let current = consoles[0]!;
    return list.map((s, i): Step => {
      const path: Path = [key, i];
      const pos = where.node(path);
      const say = s.say as string | undefined;
      if (s.type !== undefined && s.wait !== undefined) throw new ScenarioError(file, pos, `${key}[${i}] has both type and wait (expected one per step)`);
      if (s.console !== undefined) current = consoleAt([...path, 'console'], s.console);
      if (s.wait !== undefined) return { kind: 'wait', ms: durationAt([...path, 'wait'], s.wait), say, pos };
      if (s.type === undefined) throw new ScenarioError(file, pos, `${key}[${i}] needs type (lines to type) or wait (a duration)`);
      const expect = s.expect !== undefined ? regexAt([...path, 'expect'], s.expect) : undefined;
      return { kind: 'type', console: current, lines: asLines(s.type), say, expect, pos };
    });
  };
  const faults = ((y.faults as Array<Record<string, unknown>> | undefined) ?? []).map(
    (f, i): Fault => ({ console: consoleAt(['faults', i, 'console'], f.console), lines: asLines(f.config), pos: where.node(['faults', i]) }),
  );
  const checks = ((y.checks as Array<Record<string, unknown>> | undefined) ?? []).map((c, i) => buildCheck(c, ['checks', i], consoleAt, regexAt, where));
  const scenario: Scenario = {
    file,
    id: basename(file, extname(file)),
    title: y.title as string,
    kind: y.kind as ScenarioKind,
    description: (y.description as string).trim(),
    lab: labName,
    start: y.start as StartState,
    seed: (y.seed as number | undefined) ?? 1,
    spokes,
    settleMs: y.settle !== undefined ? durationAt(['settle'], y.settle) : DEFAULT_SETTLE_MS,
    timeLimitMs: y.timeLimit !== undefined ? durationAt(['timeLimit'], y.timeLimit) : undefined,
    faults,
    steps: stepsAt('steps'),
    checks,
    hints: (y.hints as string[] | undefined) ?? [],
    solution: stepsAt('solution'),
  };
  if (scenario.kind === 'ticket' && scenario.faults.length === 0) throw new ScenarioError(file, where.node(['kind']), 'a ticket needs at least one fault');
  if (scenario.kind !== 'playback' && scenario.checks.length === 0) throw new ScenarioError(file, where.node(['kind']), `a ${scenario.kind} needs at least one check`);
  return scenario;
}

function buildCheck(
  c: Record<string, unknown>,
  path: Path,
  consoleAt: (path: Path, name: unknown) => string,
  regexAt: (path: Path, v: unknown) => RegExp,
  where: Locator,
): Check {
  const type = c.type as Check['type'];
  const base = {
    name: (c.name as string | undefined) ?? defaultName(c),
    points: (c.points as number | undefined) ?? 1,
    message: (c.message as string | undefined) ?? '',
    console: consoleAt([...path, 'console'], c.console),
    pos: where.node(path),
  };
  switch (type) {
    case 'output': {
      const f = c.field as { row: string; column: number; equals: string } | undefined;
      return {
        ...base,
        type,
        command: c.command as string,
        match: c.match !== undefined ? regexAt([...path, 'match'], c.match) : undefined,
        notMatch: c.notMatch !== undefined ? regexAt([...path, 'notMatch'], c.notMatch) : undefined,
        field: f && { row: regexAt([...path, 'field', 'row'], f.row), column: f.column, equals: f.equals },
      };
    }
    case 'nhrp-registered':
      return { ...base, type, nhs: c.nhs as string | undefined };
    case 'nhrp-peer':
      return { ...base, type, address: c.address as string };
    case 'eigrp-neighbor':
      return { ...base, type, neighbor: c.neighbor as string };
    case 'route':
      return { ...base, type, prefix: c.prefix as string, code: c.code as string | undefined, via: c.via as string | undefined, absent: c.absent as boolean | undefined };
    case 'ping':
      return {
        ...base,
        type,
        target: c.target as string,
        source: c.source as string | undefined,
        repeat: (c.repeat as number | undefined) ?? DEFAULT_PING_REPEAT,
        minSuccess: (c.minSuccess as number | undefined) ?? DEFAULT_PING_SUCCESS,
      };
    case 'interface':
      return { ...base, type, interface: c.interface as string, state: (c.state as 'up' | 'down' | undefined) ?? 'up' };
    case 'ipsec-sa':
      return { ...base, type, peer: c.peer as string | undefined, minPackets: (c.minPackets as number | undefined) ?? 1 };
    default:
      // The schema lets only known types through; this keeps the compiler and a future type honest.
      throw new Error(`check type ${String(type)} not one of ${CHECK_TYPES.join(', ')}`);
  }
}

function defaultName(c: Record<string, unknown>): string {
  const on = String(c.console);
  switch (c.type) {
    case 'output':
      return `${on}: ${String(c.command)}`;
    case 'nhrp-registered':
      return `${on} registered with ${c.nhs !== undefined ? `NHS ${String(c.nhs)}` : 'its NHS'}`;
    case 'nhrp-peer':
      return `${on} has ${String(c.address)} in its NHRP cache`;
    case 'eigrp-neighbor':
      return `${on} has EIGRP neighbour ${String(c.neighbor)}`;
    case 'route':
      return `${on} ${c.absent ? 'has no' : 'has a'} route to ${String(c.prefix)}${c.via !== undefined ? ` via ${String(c.via)}` : ''}`;
    case 'ping':
      return `${on} pings ${String(c.target)}${c.source !== undefined ? ` from ${String(c.source)}` : ''}`;
    case 'ipsec-sa':
      return `${on} has IPsec SAs${c.peer !== undefined ? ` with ${String(c.peer)}` : ''} carrying traffic`;
    default:
      return `${on} ${String(c.interface)} is ${String(c.state ?? 'up')}`;
  }
}

function knownLabs(): string {
  return BUILTIN_LABS.map((l) => l.name).join(', ');
}
