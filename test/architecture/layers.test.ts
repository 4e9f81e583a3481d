/**
 * DESIGN principle 8: layers call downward only. Every runtime import in src/ must go to the same or a
 * lower layer (type-only imports describe shapes and are allowed across layers, e.g. protocols/host.ts
 * naming the router's logger type). Only the TUI may read the wall clock or schedule real timers.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

const RANK: Record<string, number> = {
  sim: 0,
  util: 0,
  wire: 1,
  config: 2,
  protocols: 3,
  router: 4,
  ios: 5,
  lab: 6,
  scenario: 7,
  cli: 8,
  tui: 8,
  main: 9,
};

function layerOf(file: string): string {
  const rel = relative(src, file).split(/[\\/]/);
  if (rel.length === 1) return rel[0] === 'cli.ts' ? 'main' : 'main';
  return rel[0]!;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const files = walk(src);

describe('architecture', () => {
  it('has every src/ folder in a known layer', () => {
    expect(files.map(layerOf).filter((l) => RANK[l] === undefined)).toEqual([]);
  });

  it('imports only downward (runtime imports)', () => {
    const violations: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const re = /^\s*(import|export)\s+(?!type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;
      for (const m of text.matchAll(re)) {
        const spec = m[2] ?? m[3] ?? m[4]!;
        const target = resolve(dirname(f), spec);
        const from = layerOf(f);
        const to = layerOf(target);
        if (RANK[to]! > RANK[from]!) violations.push(`${relative(root, f)} → ${relative(root, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('reads the wall clock and real timers only in src/tui/', () => {
    const offenders = files
      .filter((f) => layerOf(f) !== 'tui')
      .filter((f) => /Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(|setTimeout\(|setInterval\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
