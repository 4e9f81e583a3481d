/**
 * A small TextFSM interpreter, enough for the templates in test/fixtures/textfsm that parse the IOS
 * commands we render.
 *
 * Tests run our own output through TextFSM templates of the kind automation tools use on real routers, so a
 * column that drifts or a heading that changes wording makes a template fail to match (or hit its
 * `Error` rule) and the test fails. Supported: Value options Required/Filldown/List/Key, states with
 * `^regex -> Action` rules, line actions Next/Continue, record actions Record/NoRecord/Clear/Clearall,
 * state transitions, `Error ["msg"]`, the implicit EOF record (suppressed by an explicit `EOF` state).
 * Python regex syntax used by these templates is the JS subset, except `(?P<name>…)`, which is
 * rewritten to `(?<name>…)`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export type TextFsmRow = Record<string, string | string[]>;

interface ValueDef {
  name: string;
  options: Set<string>;
  regex: string;
}

interface Rule {
  regex: RegExp;
  source: string;
  lineOp: 'Next' | 'Continue';
  recordOp: 'NoRecord' | 'Record' | 'Clear' | 'Clearall';
  newState?: string;
  error?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The project's own TextFSM templates, written from IOS output formats, one per command. */
export const TEMPLATES = join(here, '..', 'fixtures', 'textfsm');

export class TextFsm {
  private readonly values: ValueDef[] = [];
  private readonly states = new Map<string, Rule[]>();

  constructor(template: string) {
    this.parse(template);
  }

  static fromFile(name: string): TextFsm {
    return new TextFsm(readFileSync(join(TEMPLATES, `${name}.textfsm`), 'utf8'));
  }

  private parse(text: string): void {
    const lines = text.split(/\r?\n/);
    let i = 0;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (/^\s*#/.test(line)) continue;
      if (line.trim() === '') {
        if (this.values.length > 0) break;
        continue;
      }
      const m = /^Value\s+(?:([\w,]+)\s+)?(\w+)\s+(\(.*\))\s*$/.exec(line);
      if (!m) throw new Error(`textfsm: bad Value line: ${line}`);
      const opts = m[1] ? m[1].split(',') : [];
      for (const o of opts) {
        if (!['Required', 'Filldown', 'List', 'Key', 'Fillup'].includes(o)) throw new Error(`textfsm: unknown option ${o}`);
        if (o === 'Fillup') throw new Error('textfsm: Fillup is not supported by this interpreter');
      }
      this.values.push({ name: m[2]!, options: new Set(opts), regex: m[3]! });
    }
    let current: Rule[] | undefined;
    for (; i < lines.length; i++) {
      const line = lines[i]!.replace(/\s+$/, '');
      if (line === '' || /^\s*#/.test(line)) continue;
      if (/^\w+$/.test(line)) {
        current = [];
        this.states.set(line, current);
        continue;
      }
      if (!current) throw new Error(`textfsm: rule outside a state: ${line}`);
      current.push(this.parseRule(line.trim()));
    }
    if (!this.states.has('Start')) throw new Error('textfsm: no Start state');
  }

  private parseRule(line: string): Rule {
    // The action is after the last ` -> ` (TextFSM's own greedy split).
    const m = /^(.*)\s->\s*(.*)$/.exec(line);
    const source = m ? m[1]!.trimEnd() : line;
    const action = m ? m[2]!.trim() : '';
    const rule: Rule = { regex: this.compile(source), source, lineOp: 'Next', recordOp: 'NoRecord' };
    if (action === '') return rule;
    const err = /^Error(?:\s+"?(.*?)"?)?$/.exec(action);
    if (err) {
      rule.error = err[1] ?? 'Error';
      return rule;
    }
    const parts = action.split(/\s+/);
    const ops = parts[0]!.split('.');
    let consumed = false;
    for (const op of ops) {
      if (op === 'Next' || op === 'Continue') {
        rule.lineOp = op;
        consumed = true;
      } else if (op === 'Record' || op === 'NoRecord' || op === 'Clear' || op === 'Clearall') {
        rule.recordOp = op;
        consumed = true;
      }
    }
    if (!consumed) rule.newState = parts[0];
    else if (parts[1]) rule.newState = parts[1];
    return rule;
  }

  private compile(source: string): RegExp {
    let re = source.replace(/\$\{(\w+)\}/g, (_, name: string) => {
      const v = this.values.find((x) => x.name === name);
      if (!v) throw new Error(`textfsm: unknown value ${name}`);
      return `(?<${name}>${v.regex.slice(1, -1)})`;
    });
    re = re.replace(/\$\$/g, '$').replace(/\(\?P</g, '(?<');
    return new RegExp(re);
  }

  /** Parse `text` into rows; throws when a template's Error rule fires. */
  parseText(text: string): TextFsmRow[] {
    const rows: TextFsmRow[] = [];
    const cur = new Map<string, string | string[] | undefined>();
    const clear = (all: boolean) => {
      for (const v of this.values) {
        if (!all && v.options.has('Filldown')) continue;
        cur.set(v.name, v.options.has('List') ? [] : undefined);
      }
    };
    clear(true);
    const record = () => {
      const empty = (v: ValueDef) => {
        const x = cur.get(v.name);
        return x === undefined || x === '' || (Array.isArray(x) && x.length === 0);
      };
      if (this.values.every(empty)) return;
      if (this.values.some((v) => v.options.has('Required') && empty(v))) {
        clear(false);
        return;
      }
      const row: TextFsmRow = {};
      for (const v of this.values) {
        const x = cur.get(v.name);
        row[v.name] = Array.isArray(x) ? [...x] : (x ?? '');
      }
      rows.push(row);
      clear(false);
    };
    let state = 'Start';
    const lines = text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) {
      const rules = this.states.get(state);
      if (!rules) throw new Error(`textfsm: no state ${state}`);
      for (const rule of rules) {
        const m = rule.regex.exec(line);
        if (!m) continue;
        if (rule.error !== undefined) throw new Error(`textfsm: ${rule.error} ${JSON.stringify(line)} (rule ${rule.source})`);
        for (const v of this.values) {
          const g = m.groups?.[v.name];
          if (!m.groups || !(v.name in m.groups)) continue;
          if (v.options.has('List')) {
            if (g !== undefined) (cur.get(v.name) as string[]).push(g);
          } else {
            cur.set(v.name, g);
          }
        }
        if (rule.recordOp === 'Record') record();
        else if (rule.recordOp === 'Clear') clear(false);
        else if (rule.recordOp === 'Clearall') clear(true);
        if (rule.newState) {
          if (rule.newState === 'End') return rows;
          state = rule.newState;
        }
        if (rule.lineOp === 'Next') break;
      }
    }
    // An explicit EOF state (even empty) replaces the implicit record at end of input.
    if (!this.states.has('EOF')) record();
    return rows;
  }
}

/** Parse `text` with the template `cisco_ios_<command>` from test/fixtures/textfsm. */
export function parseWithTemplate(command: string, text: string): TextFsmRow[] {
  return TextFsm.fromFile(`cisco_ios_${command}`).parseText(text);
}
