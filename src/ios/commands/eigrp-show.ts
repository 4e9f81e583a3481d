/**
 * `show ip eigrp neighbors`, `show ip eigrp topology`, and `debug eigrp packets` / `debug ip eigrp`.
 * Column layouts from real output: 15.x `EIGRP-IPv4 Neighbors for AS(1)` with a 23-wide interface
 * column, 12.x `IP-EIGRP neighbors for process 1` with a 15-wide one; the per-release difference is
 * kept in `neighborStyle`.
 */
import type { Router } from '../../router/router.js';
import type { EigrpProcess, EigrpService } from '../../protocols/eigrp/index.js';
import { EIGRP_DEBUG, metricOf, reportedDistance } from '../../protocols/eigrp/index.js';
import { iosDuration } from '../../router/timestamp.js';
import { ipv4ToString } from '../../wire/addr.js';
import type { CommandContext, CommandDef } from '../grammar/types.js';
import { printLinesAndBlank } from './print-lines.js';

const SHOW = 'Show running system information';
const IP = 'IP information';
const EIGRP = 'IP-EIGRP show commands';

function eigrpOf(router: Router): EigrpService | undefined {
  return router.services.get('eigrp') as EigrpService | undefined;
}

/** `Tu0`, `Et0/0`, `Lo0`: the short interface names EIGRP's tables use. */
function shortIf(name: string): string {
  return name.replace(/^Tunnel/, 'Tu').replace(/^Ethernet/, 'Et').replace(/^Loopback/, 'Lo');
}

function neighborStyle(router: Router) {
  const modern = router.platform.train >= 15;
  return {
    header: (as: number) => (modern ? `EIGRP-IPv4 Neighbors for AS(${as})` : `IP-EIGRP neighbors for process ${as}`),
    ifWidth: modern ? 23 : 15,
    topology: (as: number, id: string) => (modern ? `EIGRP-IPv4 Topology Table for AS(${as})/ID(${id})` : `IP-EIGRP Topology Table for AS(${as})/ID(${id})`),
  };
}

function processes(router: Router): EigrpProcess[] {
  const svc = eigrpOf(router);
  return svc ? [...svc.processes.values()].sort((a, b) => a.as - b.as) : [];
}

export function renderEigrpNeighbors(router: Router): string[] {
  const style = neighborStyle(router);
  const now = router.sched.now();
  const lines: string[] = [];
  for (const p of processes(router)) {
    lines.push(style.header(p.as));
    const ifPad = ' '.repeat(style.ifWidth - 'Interface'.length);
    lines.push(`H   Address                 Interface${ifPad}Hold Uptime   SRTT   RTO  Q  Seq`);
    lines.push(`${' '.repeat(28 + style.ifWidth)}(sec)         (ms)       Cnt Num`);
    const neighbors = [...p.neighbors.values()].sort((a, b) => b.handle - a.handle);
    for (const n of neighbors) {
      const hold = Math.max(0, Math.floor((n.holdS * 1000 - (now - n.lastHeardAt)) / 1000));
      lines.push(
        String(n.handle).padEnd(4) +
          ipv4ToString(n.addr).padEnd(24) +
          shortIf(n.iface).padEnd(style.ifWidth) +
          String(hold).padStart(4) +
          ' ' +
          iosDuration(now - n.upSince).padEnd(8) +
          String(n.srttMs).padStart(5) +
          String(n.rtoMs).padStart(6) +
          String(n.queue.length).padStart(3) +
          '  ' +
          String(n.lastSeqReceived),
      );
    }
  }
  return lines;
}

export function renderEigrpTopology(router: Router): string[] {
  const style = neighborStyle(router);
  const lines: string[] = [];
  for (const p of processes(router)) {
    lines.push(style.topology(p.as, ipv4ToString(p.routerId())), '');
    lines.push('Codes: P - Passive, A - Active, U - Update, Q - Query, R - Reply,', '       r - reply Status, s - sia Status ', '');
    const entries = p.topology.all().sort((a, b) => a.prefix - b.prefix || a.length - b.length);
    for (const e of entries) {
      const best = p.topology.best(e);
      if (!best) continue;
      const successors = e.candidates.filter((c) => metricOf(c) === metricOf(best));
      lines.push(`P ${ipv4ToString(e.prefix)}/${e.length}, ${successors.length} successors, FD is ${e.fd}`);
      for (const c of successors) {
        if (c.neighbor === undefined) lines.push(`        via Connected, ${c.iface}`);
        else lines.push(`        via ${ipv4ToString(c.nextHop!)} (${metricOf(c)}/${reportedDistance(c)}), ${c.iface}`);
      }
    }
  }
  return lines;
}

function debugSwitch(ctx: CommandContext<Router>, id: string, on: boolean, extra: string[] = []): void {
  ctx.device.log.setDebug(id, on);
  const line = ctx.device.log.debugFlags().find((f) => f.id === id)?.line ?? '';
  ctx.print([on ? line : line.replace(/ is on$/, ' is off'), ...(on ? extra : [])].join('\n'));
}

const PACKET_TYPES = ['    (UPDATE, REQUEST, QUERY, REPLY, HELLO, IPXSAP, PROBE, ACK, STUB, SIAQUERY, SIAREPLY)'];

export const eigrpShowCommands: CommandDef<Router>[] = [
  {
    syntax: 'show ip eigrp neighbors',
    help: { show: SHOW, ip: IP, eigrp: EIGRP, neighbors: 'IP-EIGRP neighbors' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx) => printLinesAndBlank((t) => ctx.print(t), renderEigrpNeighbors(ctx.device)),
  },
  {
    syntax: 'show ip eigrp topology',
    help: { show: SHOW, ip: IP, eigrp: EIGRP, topology: 'IP-EIGRP Topology Table' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx) => printLinesAndBlank((t) => ctx.print(t), renderEigrpTopology(ctx.device)),
  },
  {
    syntax: 'debug eigrp packets',
    help: { debug: "Debugging functions (see also 'undebug')", eigrp: 'EIGRP Protocol information', packets: 'EIGRP packets' },
    modes: ['priv-exec'],
    run: (ctx) => debugSwitch(ctx, EIGRP_DEBUG.packets, true, PACKET_TYPES),
    no: (ctx) => debugSwitch(ctx, EIGRP_DEBUG.packets, false),
  },
  {
    syntax: 'debug ip eigrp',
    help: { debug: "Debugging functions (see also 'undebug')", ip: 'IP information', eigrp: 'IP-EIGRP information' },
    modes: ['priv-exec'],
    run: (ctx) => debugSwitch(ctx, EIGRP_DEBUG.routes, true),
    no: (ctx) => debugSwitch(ctx, EIGRP_DEBUG.routes, false),
  },
];
