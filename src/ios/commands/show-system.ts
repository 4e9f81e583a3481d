/**
 * System-level EXEC commands: `show clock`, `show version`, `show debugging`, `undebug all` /
 * `no debug all`, `show logging`, `show users`, `clear ip arp`.
 *
 * Renderers are pure functions of the router (and virtual time) so tests call them directly.
 * `show version` text follows a Cisco 2911 on 15.1(4)M4 and a Cisco 2600 on 12.2 mainline; the
 * release-specific strings live in `versionFacts`.
 */
import type { Router } from '../../router/router.js';
import { iosShowClock } from '../../router/timestamp.js';
import type { CommandDef } from '../grammar/types.js';
import { printLines } from './print-lines.js';

// ---- show clock ---------------------------------------------------------------------------------------

export function renderClock(router: Router): string[] {
  return [iosShowClock(router.sched.now())];
}

// ---- show version ---------------------------------------------------------------------------------------

/** `2 minutes`, `1 hour, 5 minutes`, `1 week, 3 days, 16 hours, 11 minutes`: zero units are skipped. */
export function uptimeText(ms: number): string {
  let m = Math.floor(Math.max(0, ms) / 60000);
  const units: Array<[string, number]> = [
    ['year', 525600],
    ['week', 10080],
    ['day', 1440],
    ['hour', 60],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(m / size);
    m -= n * size;
    if (n > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** `15.1(4)M4` → `151-4.M4`, `12.2(24a)` → `122-24a`: the release as it appears in image file names. */
function imageRelease(release: string): string {
  const m = /^(\d+)\.(\d+)\((\w+)\)(\w*)$/.exec(release);
  if (!m) return release;
  return `${m[1]}${m[2]}-${m[3]}${m[4] ? `.${m[4]}` : ''}`;
}

/** A stable serial number derived from the router's name (no randomness: transcripts must repeat). */
function serialFor(router: Router, prefix: string): string {
  let h = 2166136261;
  for (const ch of router.id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const digits = h.toString(36).toUpperCase().padStart(8, '0').slice(-8);
  return `${prefix}${digits}`;
}

/** `4 Ethernet interfaces` (15.x) / `2 Ethernet/IEEE 802.3 interface(s)` (12.2), by port type. */
function portSummary(router: Router, old: boolean): string[] {
  const counts = new Map<string, number>();
  for (const p of router.portNames) {
    const type = /^[A-Za-z-]+/.exec(p)?.[0] ?? p;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([type, n]) => {
    if (old) return `${n} ${type}/IEEE 802.3 interface(s)`;
    const label = type === 'GigabitEthernet' ? 'Gigabit Ethernet' : type;
    return `${n} ${label} interfaces`;
  });
}

const CRYPTO_NOTICE = [
  'This product contains cryptographic features and is subject to United',
  'States and local country laws governing import, export, transfer and',
  'use. Delivery of Cisco cryptographic products does not imply',
  'third-party authority to import, export, distribute or use encryption.',
  'Importers, exporters, distributors and users are responsible for',
  'compliance with U.S. and local country laws. By using this product you',
  'agree to comply with applicable laws and regulations. If you are unable',
  'to comply with U.S. and local laws, return this product immediately.',
  '',
  'A summary of U.S. laws governing Cisco cryptographic products may be found at:',
  'http://www.cisco.com/wwl/export/crypto/tool/stqrg.html',
  '',
  'If you require further assistance please contact us by sending email to',
  'export@cisco.com.',
];

export function renderVersion(router: Router): string[] {
  const p = router.platform;
  const uptime = `${router.hostname} uptime is ${uptimeText(router.sched.now() - router.bootTime)}`;
  const family = /^C(\d+)/.exec(p.image)?.[1] ?? '2900';
  const modelNumber = /(\d+)/.exec(p.model)?.[1] ?? family;
  const imageFile = `${p.image.toLowerCase().replace(/-m$/, '-mz')}.${p.train >= 15 ? 'SPA.' : ''}${imageRelease(p.release)}.bin`;
  if (p.train < 12.3) {
    return [
      'Cisco Internetwork Operating System Software ',
      `IOS (tm) C${family} Software (${p.image}), Version ${p.release}, RELEASE SOFTWARE (fc2)`,
      'Copyright (c) 1986-2004 by cisco Systems, Inc.',
      'Compiled Wed 21-Jul-04 04:47 by kellythw',
      'Image text-base: 0x8000808C, data-base: 0x81A2C8B8',
      '',
      'ROM: System Bootstrap, Version 12.1(3r)T2, RELEASE SOFTWARE (fc1)',
      '',
      uptime,
      'System returned to ROM by power-on',
      `System image file is "flash:${imageFile}"`,
      '',
      '',
      ...CRYPTO_NOTICE,
      '',
      `cisco ${modelNumber} (MPC860) processor (revision 0x102) with 60416K/5120K bytes of memory.`,
      `Processor board ID ${serialFor(router, 'JAD')}`,
      'M860 processor: part number 0, mask 49',
      'Bridging software.',
      'X.25 software, Version 3.0.0.',
      ...portSummary(router, true),
      '32K bytes of non-volatile configuration memory.',
      '16384K bytes of processor board System flash (Read/Write)',
      '',
      'Configuration register is 0x2102',
    ];
  }
  const pid = `CISCO${modelNumber}/K9`;
  const serial = serialFor(router, 'FTX');
  return [
    `Cisco IOS Software, C${family} Software (${p.image}), Version ${p.release}, RELEASE SOFTWARE (fc1)`,
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2012 by Cisco Systems, Inc.',
    'Compiled Tue 20-Mar-12 18:57 by prod_rel_team',
    '',
    'ROM: System Bootstrap, Version 15.0(1r)M15, RELEASE SOFTWARE (fc1)',
    '',
    uptime,
    'System returned to ROM by power-on',
    `System image file is "flash0:${imageFile}"`,
    'Last reload type: Normal Reload',
    '',
    '',
    '',
    ...CRYPTO_NOTICE,
    '',
    `Cisco ${pid} (revision 1.0) with 491520K/32768K bytes of memory.`,
    `Processor board ID ${serial}`,
    ...portSummary(router, false),
    '1 terminal line',
    'DRAM configuration is 64 bits wide with parity enabled.',
    '255K bytes of non-volatile configuration memory.',
    '250880K bytes of ATA System CompactFlash 0 (Read/Write)',
    '',
    '',
    'License Info:',
    '',
    'License UDI:',
    '',
    '-------------------------------------------------',
    'Device#\t  PID\t\t\tSN',
    '-------------------------------------------------',
    `*0  \t  ${pid.padEnd(22)}${serial.padEnd(16)}`,
    '',
    '',
    '',
    `Technology Package License Information for Module:'c${family}' `,
    '',
    '-----------------------------------------------------------------',
    'Technology    Technology-package           Technology-package',
    '              Current       Type           Next reboot  ',
    '------------------------------------------------------------------',
    'ipbase        ipbasek9      Permanent      ipbasek9',
    'security      securityk9    Permanent      securityk9',
    'uc            None          None           None',
    'data          None          None           None',
    '',
    'Configuration register is 0x2102',
  ];
}

// ---- show debugging / undebug all ----------------------------------------------------------------------

/**
 * The flags that are on, under their group headers (`NHRP:`), each indented by two spaces, groups in
 * the order their flags were registered; then the debug conditions, if any.
 */
export function renderDebugging(router: Router): string[] {
  const groups = new Map<string, string[]>();
  for (const f of router.log.debugFlags()) {
    if (!router.log.isDebugOn(f.id)) continue;
    const g = groups.get(f.group);
    if (g) g.push(`  ${f.line}`);
    else groups.set(f.group, [`  ${f.line}`]);
  }
  const lines: string[] = [];
  for (const [group, items] of groups) lines.push(`${group}:`, ...items);
  const conds = router.log.debugConditions();
  if (conds.length > 0) {
    lines.push('');
    conds.forEach((c, n) => lines.push(`Condition ${n + 1}: ${c.kind} ${c.value}`));
  }
  return lines;
}

export const ALL_DEBUG_OFF = 'All possible debugging has been turned off';

export function debugAllOff(router: Router): string[] {
  router.log.allDebugOff();
  return [ALL_DEBUG_OFF];
}

// ---- show logging ----------------------------------------------------------------------------------------

const LOG_BUFFER_BYTES = 4096;

/** What a 4096-byte log buffer still holds: the newest messages that fit, oldest first. */
export function bufferedMessages(router: Router): string[] {
  const out: string[] = [];
  let bytes = 0;
  for (let i = router.log.buffer.length - 1; i >= 0; i--) {
    const msg = router.log.buffer[i]!;
    bytes += msg.length + 1;
    if (bytes > LOG_BUFFER_BYTES) break;
    out.unshift(msg);
  }
  return out;
}

export function renderLogging(router: Router): string[] {
  const logged = router.log.messagesLogged;
  // Trap logging (level informational) counts messages of severity 0-6.
  const trap = router.log.trapMessagesLogged;
  const held = bufferedMessages(router);
  if (router.platform.train < 12.3) {
    return [
      'Syslog logging: enabled (0 messages dropped, 0 flushes, 0 overruns)',
      `    Console logging: level debugging, ${logged} messages logged`,
      '    Monitor logging: level debugging, 0 messages logged',
      `    Buffer logging: level debugging, ${logged} messages logged`,
      `    Logging Exception size (${LOG_BUFFER_BYTES} bytes)`,
      `    Trap logging: level informational, ${trap} message lines logged`,
      '',
      `Log Buffer (${LOG_BUFFER_BYTES} bytes):`,
      '',
      ...held,
    ];
  }
  return [
    'Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)',
    '',
    'No Active Message Discriminator.',
    '',
    '',
    '',
    'No Inactive Message Discriminator.',
    '',
    '',
    `    Console logging: level debugging, ${logged} messages logged, xml disabled,`,
    '                     filtering disabled',
    '    Monitor logging: level debugging, 0 messages logged, xml disabled,',
    '                     filtering disabled',
    `    Buffer logging:  level debugging, ${logged} messages logged, xml disabled,`,
    '                    filtering disabled',
    `    Exception Logging: size (${LOG_BUFFER_BYTES} bytes)`,
    '    Count and timestamp logging messages: disabled',
    '    Persistent logging: disabled',
    '',
    'No active filter modules.',
    '',
    `    Trap logging: level informational, ${trap} message lines logged`,
    '        Logging Source-Interface:       VRF Name:',
    '',
    `Log Buffer (${LOG_BUFFER_BYTES} bytes):`,
    '',
    ...held,
  ];
}

// ---- show users ------------------------------------------------------------------------------------------

/** The console line is the only line a user can be on; `*` marks the line running the command. */
export function renderUsers(idleMs = 0): string[] {
  const t = Math.floor(Math.max(0, idleMs) / 1000);
  const idle = [Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return [
    '    Line       User       Host(s)              Idle       Location',
    `*  0 con 0                idle                 ${idle}`,
    '',
    '  Interface    User               Mode         Idle     Peer Address',
  ];
}


// ---- command definitions ---------------------------------------------------------------------------

const SHOW = 'Show running system information';

/** Turn on every flag the protocols registered, as `debug all` does after its warning. */
export function debugAllOn(router: Router): string[] {
  for (const f of router.log.debugFlags()) router.log.setDebug(f.id, true);
  return ['All possible debugging has been turned on'];
}

export const systemCommands: CommandDef<Router>[] = [
  {
    syntax: 'show clock',
    help: { show: SHOW, clock: 'Display the system clock' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx) => printLines((t) => ctx.print(t), renderClock(ctx.device)),
  },
  {
    syntax: 'show version',
    help: { show: SHOW, version: 'System hardware and software status' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx) => printLines((t) => ctx.print(t), renderVersion(ctx.device)),
  },
  {
    syntax: 'show users',
    help: { show: SHOW, users: 'Display information about terminal lines' },
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: (ctx) => printLines((t) => ctx.print(t), renderUsers()),
  },
  {
    syntax: 'show debugging',
    help: { show: SHOW, debugging: 'State of each debugging option' },
    modes: ['priv-exec'],
    run: (ctx) => printLines((t) => ctx.print(t), renderDebugging(ctx.device)),
  },
  {
    syntax: 'show logging',
    help: { show: SHOW, logging: 'Show the contents of logging buffers' },
    modes: ['priv-exec'],
    run: (ctx) => printLines((t) => ctx.print(t), renderLogging(ctx.device)),
  },
  {
    syntax: 'undebug all',
    help: { undebug: "Disable debugging functions (see also 'debug')", all: 'Disable all debugging' },
    modes: ['priv-exec'],
    run: (ctx) => printLines((t) => ctx.print(t), debugAllOff(ctx.device)),
  },
  {
    syntax: 'debug all',
    help: { debug: "Debugging functions (see also 'undebug')", all: 'Enable all debugging' },
    modes: ['priv-exec'],
    run: (ctx) => {
      const job = ctx.beginAsync();
      job.onBreak(() => job.done());
      job.ask('This may severely impact network performance. Continue? (yes/[no]): ', (answer) => {
        const a = answer.trim().toLowerCase();
        if (a !== '' && 'yes'.startsWith(a)) printLines((t) => job.print(t), debugAllOn(ctx.device));
        job.done();
      });
    },
    no: (ctx) => printLines((t) => ctx.print(t), debugAllOff(ctx.device)),
  },
];
