/**
 * `show running-config` rendered from the configuration model, `show startup-config`, and saving the
 * one as the other (`write memory`, `copy running-config startup-config`). The layout follows IOS 15.1
 * (seed 000) and 12.2 (seed 001); release differences are in `headerLines`/`trailerLines` only.
 */
import type { Router } from '../../router/router.js';
import type { CommandContext, CommandDef } from '../grammar/types.js';
import { globalSectionRenderers, interfaceLineRenderers } from './render-hooks.js';
import { iosShowClock } from '../../router/timestamp.js';

const SHOW = 'Show running system information';
const STARTUP_KEY = 'startup-config';
const LAST_CHANGE_KEY = 'last-config-change';

function modern(router: Router): boolean {
  return router.platform.train >= 15;
}

function headerLines(router: Router): string[] {
  const m = router.config.model;
  const lines: string[] = [];
  const lastChange = m.extensions.get(LAST_CHANGE_KEY) as number | undefined;
  if (modern(router) && lastChange !== undefined) {
    // `show clock` without its leading '*': "00:05:12.000 UTC Mon Mar 1 1993" → IOS drops the msec.
    lines.push(`! Last configuration change at ${iosShowClock(lastChange).slice(1).replace(/\.\d{3}/, '')}`, '!');
  }
  lines.push(`version ${router.platform.train.toFixed(1)}`);
  lines.push('service timestamps debug datetime msec');
  lines.push(modern(router) ? 'service timestamps log datetime msec' : 'service timestamps log uptime');
  lines.push('no service password-encryption', '!', `hostname ${m.hostname}`, '!');
  if (modern(router)) lines.push('boot-start-marker', 'boot-end-marker', '!', '!');
  if (m.enableSecret !== undefined) lines.push(`enable secret ${m.enableSecret}`, '!');
  if (modern(router)) lines.push('no aaa new-model', '!');
  if (!modern(router)) lines.push('ip subnet-zero');
  if (!m.ipDomainLookup) lines.push(modern(router) ? 'no ip domain lookup' : 'no ip domain-lookup');
  if (modern(router)) lines.push('ip cef', 'no ipv6 cef');
  lines.push('!');
  return lines;
}

/** IOS lists virtual interfaces (Loopback, then Tunnel) before the physical ports in the configuration. */
function interfaceOrder(router: Router): string[] {
  const all = router.interfaceList();
  const rank = (k: string) => (k === 'loopback' ? 0 : k === 'tunnel' ? 1 : 2);
  return [...all].sort((a, b) => rank(a.kind) - rank(b.kind) || all.indexOf(a) - all.indexOf(b)).map((i) => i.name);
}

export function renderInterfaceBlock(router: Router, name: string): string[] {
  const cfg = router.config.model.interfaces.get(name);
  if (!cfg) return [];
  const lines = [`interface ${name}`];
  for (const r of interfaceLineRenderers()) lines.push(...r.render(cfg, router));
  return lines;
}

function sectionsBetween(router: Router, from: number, to: number): string[] {
  const out: string[] = [];
  for (const r of globalSectionRenderers()) {
    if (r.order < from || r.order >= to) continue;
    for (const block of r.render(router)) out.push(...block, '!');
  }
  return out;
}

/** The configuration text from `version` to `end` (what is pasted back, what `Current configuration` counts). */
export function renderConfigBody(router: Router): string[] {
  const lines = ['!', ...headerLines(router)];
  lines.push(...sectionsBetween(router, 0, 50));
  for (const name of interfaceOrder(router)) lines.push(...renderInterfaceBlock(router, name), '!');
  lines.push(...sectionsBetween(router, 50, 70));
  lines.push('ip forward-protocol nd');
  lines.push(modern(router) ? '!' : 'ip classless');
  if (modern(router)) lines.push('no ip http server', '!');
  const later = sectionsBetween(router, 70, 1000);
  lines.push(...later);
  if (!modern(router)) lines.push('no ip http server', '!');
  if (modern(router)) lines.push('control-plane', '!', '!');
  lines.push('line con 0', 'line aux 0', 'line vty 0 4', ' login', '!', 'end');
  return lines;
}

function byteCount(lines: string[]): number {
  return lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0);
}

export function renderRunningConfig(router: Router): string[] {
  const body = renderConfigBody(router);
  return ['Building configuration...', '', `Current configuration : ${byteCount(body)} bytes`, ...body];
}

export function renderRunningInterface(router: Router, name: string): string[] {
  const body = ['!', ...renderInterfaceBlock(router, name), 'end'];
  return ['Building configuration...', '', `Current configuration : ${byteCount(body)} bytes`, ...body];
}

function save(router: Router): void {
  const text = renderConfigBody(router).join('\n');
  router.config.update({ kind: 'extension', key: STARTUP_KEY }, (m) => m.extensions.set(STARTUP_KEY, text));
}

function printAll(ctx: CommandContext<Router>, lines: string[]): void {
  ctx.print(lines.join('\n'));
}

/** Remember when the configuration last changed (for the `! Last configuration change` line). */
export function trackConfigChanges(router: Router): void {
  router.config.subscribe((t) => {
    if (t.kind === 'extension' && (t.key === STARTUP_KEY || t.key === LAST_CHANGE_KEY || t.key === 'address-method')) return;
    router.config.model.extensions.set(LAST_CHANGE_KEY, router.sched.now());
  });
}

export const runningConfigCommands: CommandDef<Router>[] = [
  {
    syntax: 'show running-config',
    help: { show: SHOW, 'running-config': 'Current operating configuration' },
    modes: ['priv-exec'],
    run: (ctx) => printAll(ctx, renderRunningConfig(ctx.device)),
  },
  {
    syntax: 'show running-config interface IFNAME',
    help: { show: SHOW, 'running-config': 'Current operating configuration', interface: 'Show interface configuration', IFNAME: 'Interface' },
    modes: ['priv-exec'],
    run: (ctx, a) => {
      const name = a.get('IFNAME')!;
      if (!ctx.device.iface(name)) {
        ctx.error("% Invalid input detected at '^' marker.");
        return;
      }
      printAll(ctx, renderRunningInterface(ctx.device, name));
    },
  },
  {
    syntax: 'show startup-config',
    help: { show: SHOW, 'startup-config': 'Contents of startup configuration' },
    modes: ['priv-exec'],
    run: (ctx) => {
      const text = ctx.device.config.model.extensions.get(STARTUP_KEY) as string | undefined;
      if (text === undefined) {
        ctx.print('startup-config is not present');
        return;
      }
      printAll(ctx, [`Using ${Buffer.byteLength(text) + 1} out of 262136 bytes`, ...text.split('\n')]);
    },
  },
  {
    syntax: 'write [memory]',
    help: { write: 'Write running configuration to memory, network, or terminal', memory: 'Write to NV memory' },
    modes: ['priv-exec'],
    run: (ctx) => {
      save(ctx.device);
      ctx.print('Building configuration...\n[OK]');
    },
  },
  {
    syntax: 'copy running-config startup-config',
    help: { copy: 'Copy from one file to another', 'running-config': 'Copy from current system configuration', 'startup-config': 'Copy to startup configuration' },
    modes: ['priv-exec'],
    run: (ctx) => {
      ctx.ask('Destination filename [startup-config]? ', (answer) => {
        const name = answer.trim();
        if (name !== '' && name !== 'startup-config') {
          ctx.error(`%Error opening nvram:${name} (Permission denied)`);
          return;
        }
        save(ctx.device);
        ctx.print('Building configuration...\n[OK]');
      });
    },
  },
];
