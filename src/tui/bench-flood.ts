/**
 * Benchmark hook (DMVPN_CONSOLE_BENCH_FLOOD=lines-per-second): pushes synthetic debug lines through
 * a router's real logger at a fixed wall-clock rate, so `bench/tui.mjs` can measure the TUI under a
 * `debug dmvpn all all`-sized flood through the same path real debug output takes
 * (logger → console session → pane buffer → frame). Never active unless the variable is set.
 */
import type { RouterLogger } from '../router/logger.js';

const FLAG = 'bench.flood';

export function startBenchFlood(log: RouterLogger, linesPerSecond: number): () => void {
  log.registerDebugFlags([{ id: FLAG, group: 'Benchmark', line: 'Benchmark flood debugging is on' }]);
  log.setDebug(FLAG, true);
  let sent = 0;
  const start = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - start) / 1000) * linesPerSecond);
    for (; sent < due; sent++) {
      log.debug(FLAG, `NHRP[${sent}]: Receive Registration Request via Tunnel0 vrf 0, packet size: 108`);
    }
  }, 10);
  return () => clearInterval(timer);
}
