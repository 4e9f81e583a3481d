/**
 * What every `debug …` / `undebug …` command does once it knows its flags: switch them and print the
 * line IOS confirms each with (`… debugging is on` / `… is off`), from the flag's registration.
 */
import type { Router } from '../../router/router.js';
import type { CommandContext } from '../grammar/types.js';

export function switchDebugFlags(ctx: CommandContext<Router>, ids: string[], on: boolean): void {
  const out: string[] = [];
  for (const id of ids) {
    ctx.device.log.setDebug(id, on);
    const line = ctx.device.log.debugFlags().find((f) => f.id === id)?.line;
    if (line) out.push(on ? line : line.replace(/ is on$/, ' is off'));
  }
  if (out.length > 0) ctx.print(out.join('\n'));
}
