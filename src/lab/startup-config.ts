/**
 * Loading a saved `show running-config` the way a router boots from its startup-config.
 */

/**
 * A saved configuration is loaded as a router boots from its startup-config: an interface listed
 * without `shutdown` comes up (`show running-config` writes `shutdown` for every interface that is down),
 * whereas typing the same lines into a running router would leave factory-shut ports shut.
 */
export function asStartupConfig(lines: string[]): string[] {
  const out: string[] = [];
  let inInterface = false;
  let shut = false;
  const closeInterface = () => {
    if (inInterface && !shut) out.push(' no shutdown');
    inInterface = false;
  };
  for (const line of lines) {
    if (!line.startsWith(' ')) {
      closeInterface();
      if (/^interface\s/.test(line)) {
        inInterface = true;
        shut = false;
      }
    } else if (inInterface && /^\s+shutdown\s*$/.test(line)) {
      shut = true;
    }
    out.push(line);
  }
  closeInterface();
  return out;
}
