/**
 * The batch runner's script language, parsed line by line:
 * - `@<Console>` switches the console that following lines are typed into (`@Hub`, `@Spoke1`, `@ISP`);
 * - `@wait <n>ms|s|m|h` advances virtual time;
 * - `@# text` is a comment;
 * - any other line is typed into the current console followed by Enter.
 * Errors name the script line; nothing here touches a lab.
 */
export type ScriptStep =
  | { kind: 'console'; name: string; line: number }
  | { kind: 'wait'; ms: number; line: number }
  | { kind: 'type'; text: string; line: number };

export interface ScriptError {
  line: number;
  message: string;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

export function parseScript(source: string): { steps: ScriptStep[]; error?: ScriptError } {
  const steps: ScriptStep[] = [];
  const lines = source.split(/\r?\n/);
  // A trailing newline does not make an extra empty command.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const line = n + 1;
    if (!raw.startsWith('@')) {
      steps.push({ kind: 'type', text: raw, line });
      continue;
    }
    const body = raw.slice(1);
    if (body.startsWith('#')) continue;
    const words = body.trim().split(/\s+/);
    const head = words[0] ?? '';
    if (head === 'wait') {
      const ms = words.length === 2 ? parseDuration(words[1]!) : undefined;
      if (ms === undefined) return { steps, error: { line, message: `bad duration "${words.slice(1).join(' ')}" (expected e.g. 500ms, 30s, 2m, 1h)` } };
      steps.push({ kind: 'wait', ms, line });
      continue;
    }
    if (words.length === 1 && /^[A-Za-z][\w-]*$/.test(head)) {
      steps.push({ kind: 'console', name: head, line });
      continue;
    }
    return { steps, error: { line, message: `unknown directive "@${body.trim()}"` } };
  }
  return { steps };
}
