/**
 * Issue 4, done-when 4: the README shows the TUI (a text capture of its panes) and the key table, and
 * the table is the one the app's help overlay uses, so the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEY_HELP, PLAYER_KEY_HELP, PRACTICE_KEY_HELP } from '../src/tui/keys.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every key of the help overlay with its action', () => {
    for (const [key, action] of [...KEY_HELP, ...PLAYER_KEY_HELP, ...PRACTICE_KEY_HELP]) expect(readme).toContain(`| ${key} | ${action} |`);
  });

  it('has a text capture of the three panes and the status bar', () => {
    const block = /```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    for (const title of ['Hub', 'Spoke1', 'Spoke2']) expect(block).toMatch(new RegExp(`│(▶ )?${title} `));
    expect(block).toContain('dmvpn-phase1 (solved)');
    expect(block).toMatch(/\*\d\d:\d\d:\d\d\.\d{3} UTC Mon Mar 1 1993/);
  });

  it('gives the install-and-run and the test commands', () => {
    expect(readme).toContain('npm install && npx dmvpn-console');
    expect(readme).toContain('npm test');
  });
});
