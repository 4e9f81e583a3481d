/** The split-pane consoles need a terminal on both stdin (raw keys) and stdout (drawing). */
export function canRunTui(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}
