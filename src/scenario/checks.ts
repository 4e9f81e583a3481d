/**
 * Grading: each check reads the simulated routers' state (NHRP, EIGRP, the routing table, interfaces),
 * runs a ping, or runs a command on a grader's session and matches its output. A check never changes
 * configuration; a ping moves virtual time on, as it would on the router.
 */
import type { Lab } from '../lab/lab.js';
import type { Router } from '../router/router.js';
import type { NhrpService } from '../protocols/nhrp/index.js';
import type { EigrpService } from '../protocols/eigrp/index.js';
import type { IpsecService } from '../protocols/ipsec/service.js';
import { commandOutput } from '../ios/router-console.js';
import { ipv4ToString, maskToPrefix, parseIpv4 } from '../wire/addr.js';
import type { Check } from './model.js';

export interface CheckResult {
  name: string;
  passed: boolean;
  points: number;
  /** Points earned: all or nothing. */
  earned: number;
  /** The check's message when it failed (else empty). */
  message: string;
  /** What was actually found, for the report. */
  found: string;
}

const PING_TIMEOUT_MS = 2000;
const PING_SIZE = 100;

export function runCheck(lab: Lab, check: Check): CheckResult {
  const router = lab.router(check.console)!;
  const { passed, found } = evaluate(router, check);
  return { name: check.name, passed, points: check.points, earned: passed ? check.points : 0, message: passed ? '' : check.message, found };
}

function evaluate(router: Router, check: Check): { passed: boolean; found: string } {
  switch (check.type) {
    case 'output':
      return outputCheck(router, check);
    case 'nhrp-registered': {
      const nhs = nhrpOf(router)
        ?.interfaces()
        .flatMap((i) => nhrpOf(router)!.nhs(i.name))
        .filter((s) => check.nhs === undefined || ipv4ToString(s.addr) === check.nhs);
      if (!nhs || nhs.length === 0) return { passed: false, found: check.nhs ? `no NHS ${check.nhs} configured` : 'no NHS configured' };
      const up = nhs.find((s) => s.flags === 'RE');
      return { passed: up !== undefined, found: nhs.map((s) => `${ipv4ToString(s.addr)} ${s.flags || '(not started)'}`).join(', ') };
    }
    case 'nhrp-peer': {
      const entries = nhrpOf(router)?.entries() ?? [];
      const hit = entries.find((e) => ipv4ToString(e.proto) === check.address);
      return { passed: hit !== undefined, found: hit ? `${check.address} → ${ipv4ToString(hit.nbma)} (${hit.type})` : `${entries.length} NHRP cache entries, none for ${check.address}` };
    }
    case 'eigrp-neighbor': {
      const svc = router.services.get('eigrp') as EigrpService | undefined;
      const all = [...(svc?.processes.values() ?? [])].flatMap((p) => [...p.neighbors.values()]);
      const hit = all.some((n) => ipv4ToString(n.addr) === check.neighbor);
      return { passed: hit, found: all.length === 0 ? 'no EIGRP neighbours' : `neighbours ${all.map((n) => ipv4ToString(n.addr)).join(', ')}` };
    }
    case 'route':
      return routeCheck(router, check);
    case 'ipsec-sa':
      return ipsecCheck(router, check);
    case 'ping':
      return pingCheck(router, check);
    case 'interface': {
      const i = router.iface(check.interface);
      if (!i) return { passed: false, found: `no interface ${check.interface}` };
      const up = i.lineUp;
      return { passed: (check.state === 'up') === up, found: `line protocol ${up ? 'up' : 'down'}` };
    }
  }
}

function nhrpOf(router: Router): NhrpService | undefined {
  return router.services.get('nhrp') as NhrpService | undefined;
}

function outputCheck(router: Router, check: Extract<Check, { type: 'output' }>): { passed: boolean; found: string } {
  const lines = commandOutput(router, check.command);
  const text = lines.join('\n');
  if (check.match && !check.match.test(text)) return { passed: false, found: `output does not match /${check.match.source}/` };
  if (check.notMatch && check.notMatch.test(text)) return { passed: false, found: `output matches /${check.notMatch.source}/` };
  if (check.field) {
    const row = lines.find((l) => check.field!.row.test(l));
    if (!row) return { passed: false, found: `no line matches /${check.field.row.source}/` };
    const value = row.trim().split(/\s+/)[check.field.column - 1];
    if (value !== check.field.equals) return { passed: false, found: `field ${check.field.column} is "${value ?? ''}"` };
  }
  return { passed: true, found: `${lines.length} lines` };
}

function routeCheck(router: Router, check: Extract<Check, { type: 'route' }>): { passed: boolean; found: string } {
  const [addr, len] = check.prefix.split('/');
  const prefix = parseIpv4(addr!);
  const route = router.rib.routes().find((r) => r.prefix === prefix && maskToPrefix(r.mask) === Number(len));
  if (check.absent) return { passed: route === undefined, found: route ? `${route.code} route present` : 'no route' };
  if (!route) return { passed: false, found: 'no route' };
  const via = route.paths.map((p) => (p.nextHop !== undefined ? ipv4ToString(p.nextHop) : p.iface ?? '')).join(', ');
  const found = `${route.code} via ${via}`;
  if (check.code !== undefined && route.code !== check.code) return { passed: false, found };
  if (check.via !== undefined && !route.paths.some((p) => p.nextHop !== undefined && ipv4ToString(p.nextHop) === check.via)) return { passed: false, found };
  return { passed: true, found };
}

function pingCheck(router: Router, check: Extract<Check, { type: 'ping' }>): { passed: boolean; found: string } {
  const dst = parseIpv4(check.target)!;
  let src: number | undefined;
  if (check.source !== undefined) {
    src = router.sourceAddress(check.source);
    if (src === undefined) return { passed: false, found: `no source ${check.source}` };
  }
  let result: { sent: number; received: number } | undefined;
  router.ping(
    { dst, src, count: check.repeat, size: PING_SIZE, timeoutMs: PING_TIMEOUT_MS, df: false, tos: 0, pattern: 0xabcd },
    () => {},
    (s) => (result = s),
  );
  router.sched.runUntil(() => result !== undefined, check.repeat * PING_TIMEOUT_MS * 2 + 10_000);
  if (!result) return { passed: false, found: 'ping did not finish' };
  const rate = result.sent === 0 ? 0 : Math.floor((100 * result.received) / result.sent);
  return { passed: rate >= check.minSuccess, found: `success rate ${rate} percent (${result.received}/${result.sent})` };
}

/** An IPsec flow with a live outbound SA and traffic counted both ways (`show crypto ipsec sa`). */
function ipsecCheck(router: Router, check: Extract<Check, { type: 'ipsec-sa' }>): { passed: boolean; found: string } {
  const svc = router.services.get('ipsec') as IpsecService | undefined;
  const flows = [...(svc?.sadb.flows.values() ?? [])].filter((f) => check.peer === undefined || ipv4ToString(f.peer) === check.peer);
  if (flows.length === 0) return { passed: false, found: check.peer ? `no IPsec SAs with ${check.peer}` : 'no IPsec SAs' };
  const ok = flows.some((f) => svc!.sadb.currentOutbound(f) !== undefined && f.counters.encaps >= check.minPackets && f.counters.decaps >= check.minPackets);
  const found = flows.map((f) => `${ipv4ToString(f.peer)}: ${svc!.sadb.currentOutbound(f) ? 'SA up' : 'no outbound SA'}, encaps ${f.counters.encaps}, decaps ${f.counters.decaps}`).join('; ');
  return { passed: ok, found };
}
