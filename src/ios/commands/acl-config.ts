/**
 * Extended IP access lists, numbered (`access-list 110 permit ip A W B W`) and named
 * (`ip access-list extended NAME` then `[seq] permit ...`), with `any` and `host A` operands; the
 * running-config lines and `show access-lists` / `show ip access-lists` with match counters.
 * Crypto maps use them to select the traffic to protect.
 */
import type { Router } from '../../router/router.js';
import { type AccessList, type AccessListEntry, type AclAddress, ACL_SEQ_STEP } from '../../config/crypto.js';
import { ipv4ToString, parseIpv4 } from '../../wire/addr.js';
import type { Args, CommandContext, CommandDef } from '../grammar/types.js';
import { SECTION_ORDER, registerSectionRenderer } from './render-hooks.js';
import { printLines } from './print-lines.js';

const PROTOCOLS = ['ip', 'tcp', 'udp', 'icmp', 'gre', 'esp', 'ahp'];
const ANY: AclAddress = { address: 0, wildcard: 0xffffffff };
/** Protocol numbers IOS shows by name (`permit 50 any any` is listed as `permit esp any any`). */
const PROTOCOL_NAMES: Record<string, string> = { '0': 'ip', '1': 'icmp', '6': 'tcp', '17': 'udp', '47': 'gre', '50': 'esp', '51': 'ahp' };

/** `(any|host A.B.C.D|A.B.C.D A.B.C.D)` for the source (`s`) or destination (`d`) operand. */
function operand(p: 's' | 'd'): string {
  return `(any$${p}any|host A.B.C.D$${p}host|A.B.C.D$${p}addr A.B.C.D$${p}wild)`;
}

const ENTRY_SYNTAX = `(permit|deny)$action (${PROTOCOLS.join('|')}|<0-255>$protonum)$proto ${operand('s')} ${operand('d')}`;

const ENTRY_HELP = {
  permit: 'Specify packets to forward',
  deny: 'Specify packets to reject',
  ip: 'Any Internet Protocol',
  tcp: 'Transmission Control Protocol',
  udp: 'User Datagram Protocol',
  icmp: 'Internet Control Message Protocol',
  gre: "Cisco's GRE tunneling",
  esp: 'Encapsulation Security Payload',
  ahp: 'Authentication Header Protocol',
  $protonum: 'An IP protocol number',
  $sany: 'Any source host',
  host: 'A single host address',
  $shost: 'Source address',
  $saddr: 'Source address',
  $swild: 'Source wildcard bits',
  $dany: 'Any destination host',
  $dhost: 'Destination address',
  $daddr: 'Destination address',
  $dwild: 'Destination wildcard bits',
};

function protocolName(p: string): string {
  return PROTOCOL_NAMES[p] ?? p;
}

function addressOf(a: Args, p: 's' | 'd'): AclAddress {
  if (a.has(`${p}any`)) return ANY;
  const host = a.get(`${p}host`);
  if (host !== undefined) return { address: parseIpv4(host)!, wildcard: 0 };
  const wildcard = parseIpv4(a.get(`${p}wild`)!)!;
  // IOS stores the address with the wildcard bits cleared (`10.1.1.5 0.0.0.255` shows as 10.1.1.0).
  return { address: (parseIpv4(a.get(`${p}addr`)!)! & ~wildcard) >>> 0, wildcard };
}

function entryOf(a: Args, seq: number): AccessListEntry {
  return { seq, action: a.get('action') as AccessListEntry['action'], protocol: protocolName(a.get('protonum') ?? a.get('proto')!), source: addressOf(a, 's'), destination: addressOf(a, 'd'), matches: 0 };
}

function sameRule(x: AccessListEntry, y: AccessListEntry): boolean {
  const same = (p: AclAddress, q: AclAddress) => p.address === q.address && p.wildcard === q.wildcard;
  return x.action === y.action && x.protocol === y.protocol && same(x.source, y.source) && same(x.destination, y.destination);
}

function updateAcl(ctx: CommandContext<Router>, name: string, numbered: boolean, fn: (acl: AccessList) => void): void {
  ctx.device.config.update({ kind: 'access-list', name }, (m) => {
    let acl = m.accessLists.get(name);
    if (!acl) m.accessLists.set(name, (acl = { name, numbered, entries: [] }));
    fn(acl);
  });
}

/** Append an entry at the next multiple of 10, unless the same rule is already there (IOS ignores it). */
function append(acl: AccessList, a: Args, seq?: number): void {
  const last = acl.entries[acl.entries.length - 1];
  const entry = entryOf(a, seq ?? (last ? Math.floor(last.seq / ACL_SEQ_STEP) * ACL_SEQ_STEP + ACL_SEQ_STEP : ACL_SEQ_STEP));
  if (acl.entries.some((e) => sameRule(e, entry) || e.seq === entry.seq)) return;
  acl.entries.push(entry);
  acl.entries.sort((x, y) => x.seq - y.seq);
}

export const aclConfigCommands: CommandDef<Router>[] = [
  {
    syntax: `access-list <100-199>$num ${ENTRY_SYNTAX}`,
    help: { 'access-list': 'Add an access list entry', $num: 'IP extended access list', ...ENTRY_HELP },
    modes: ['global'],
    run: (ctx, a) => updateAcl(ctx, a.get('num')!, true, (acl) => append(acl, a)),
    // `no access-list 110` removes the whole list, as on IOS.
    no: (ctx, a) => ctx.device.config.update({ kind: 'access-list', name: a.get('num')! }, (m) => m.accessLists.delete(a.get('num')!)),
    noMinWords: 2,
  },
  {
    syntax: 'ip access-list extended WORD$name',
    help: { ip: 'Global IP configuration subcommands', 'access-list': 'Named access-list', extended: 'Extended Access List', $name: 'Access-list name' },
    modes: ['global'],
    run: (ctx, a) => {
      const name = a.get('name')!;
      updateAcl(ctx, name, /^\d+$/.test(name), () => {});
      ctx.enterMode('ext-nacl', { acl: name });
    },
    no: (ctx, a) => ctx.device.config.update({ kind: 'access-list', name: a.get('name')! }, (m) => m.accessLists.delete(a.get('name')!)),
  },
  {
    syntax: `[<1-2147483647>$seq] ${ENTRY_SYNTAX}`,
    help: { $seq: 'Sequence Number', ...ENTRY_HELP },
    modes: ['ext-nacl'],
    run: (ctx, a) => updateAcl(ctx, ctx.modeData.acl ?? '', false, (acl) => append(acl, a, a.num('seq'))),
    no: (ctx, a) =>
      updateAcl(ctx, ctx.modeData.acl ?? '', false, (acl) => {
        const gone = entryOf(a, 0);
        acl.entries = acl.entries.filter((e) => !sameRule(e, gone));
      }),
  },
  {
    syntax: 'show access-lists [WORD$name]',
    help: { show: 'Show running system information', 'access-lists': 'List access lists', $name: 'ACL name or number' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx, a) => printLines((t) => ctx.print(t), renderAccessLists(ctx.device, a.get('name'))),
  },
  {
    syntax: 'show ip access-lists [WORD$name]',
    help: { show: 'Show running system information', ip: 'IP information', 'access-lists': 'List IP access lists', $name: 'ACL name or number' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx, a) => printLines((t) => ctx.print(t), renderAccessLists(ctx.device, a.get('name'))),
  },
];

function operandText(a: AclAddress): string {
  if (a.wildcard === 0xffffffff) return 'any';
  if (a.wildcard === 0) return `host ${ipv4ToString(a.address)}`;
  return `${ipv4ToString(a.address)} ${ipv4ToString(a.wildcard)}`;
}

function ruleText(e: AccessListEntry): string {
  return `${e.action} ${e.protocol} ${operandText(e.source)} ${operandText(e.destination)}`;
}

function sortedLists(router: Router): AccessList[] {
  // Numbered lists first in numeric order, then named ones alphabetically, as IOS lists them.
  return [...router.config.model.accessLists.values()].sort((x, y) =>
    x.numbered && y.numbered ? Number(x.name) - Number(y.name) : x.numbered ? -1 : y.numbered ? 1 : x.name.localeCompare(y.name),
  );
}

/** `show access-lists`: `Extended IP access list 110`, then `    10 permit ip … (N matches)`. */
export function renderAccessLists(router: Router, only?: string): string[] {
  return sortedLists(router)
    .filter((acl) => only === undefined || acl.name === only)
    .flatMap((acl) => [
      `Extended IP access list ${acl.name}`,
      ...acl.entries.map((e) => `    ${e.seq} ${ruleText(e)}${e.matches > 0 ? ` (${e.matches} match${e.matches === 1 ? '' : 'es'})` : ''}`),
    ]);
}

registerSectionRenderer({
  order: SECTION_ORDER.accessLists,
  render: (router) => {
    const lists = sortedLists(router);
    const named = lists.filter((l) => !l.numbered).map((l) => [`ip access-list extended ${l.name}`, ...l.entries.map((e) => ` ${ruleText(e)}`)]);
    const numbered = lists.filter((l) => l.numbered).flatMap((l) => l.entries.map((e) => `access-list ${l.name} ${ruleText(e)}`));
    return [...named, ...(numbered.length > 0 ? [numbered] : [])];
  },
});
