/**
 * How show commands hand their rendered lines to the console, in the two forms IOS output takes.
 */

/** Print `lines` as one block (an empty block prints nothing). */
export function printLines(print: (t: string) => void, lines: string[]): void {
  if (lines.length > 0) print(lines.join('\n'));
}

/** Print `lines` and the blank line IOS ends some tables with (`show dmvpn`, `show ip eigrp neighbors`). */
export function printLinesAndBlank(print: (t: string) => void, lines: string[]): void {
  if (lines.length > 0) print(`${lines.join('\n')}\n`);
}
