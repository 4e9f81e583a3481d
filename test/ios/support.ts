/** A small router-like command set and a session on a virtual clock, for the CLI engine's tests. */

import { CommandRegistry } from '../../src/ios/grammar/registry.js';
import type { CommandDef } from '../../src/ios/grammar/types.js';
import { ConsoleSession, type ConsoleSessionOptions } from '../../src/ios/session/session.js';
import { Scheduler } from '../../src/sim/scheduler.js';
import type { ConsoleLine, InputLine } from '../../src/ios/console-api.js';

export interface Dev {
  hostname: string;
  log: string[];
  interfaces: Record<string, { address?: string; shutdown: boolean }>;
  networks: string[];
}

export const RUNNING_CONFIG = [
  'Building configuration...',
  '',
  'Current configuration : 1024 bytes',
  '!',
  'hostname Hub',
  '!',
  'interface Tunnel0',
  ' ip address 10.1.1.254 255.255.255.0',
  ' ip nhrp map multicast dynamic',
  ' ip nhrp network-id 1',
  ' tunnel source Ethernet0/0',
  '!',
  'interface Ethernet0/0',
  ' ip address 172.16.10.1 255.255.255.0',
  '!',
  'router eigrp 1',
  ' network 10.1.1.0 0.0.0.255',
  ' network 172.16.10.0 0.0.0.255',
  '!',
  'end',
];

export function testCommands(): CommandDef<Dev>[] {
  const show = 'Show running system information';
  return [
    {
      syntax: 'show clock [detail]',
      help: { show, clock: 'Display the system clock', detail: 'Display detailed information' },
      modes: ['priv-exec'],
      privilege: 1,
      run(ctx, args) {
        ctx.print('*00:00:00.000 UTC Mon Mar 1 1993');
        if (args.has('detail')) ctx.print('Time source is hardware calendar');
      },
    },
    {
      syntax: 'show ip interface brief',
      help: { show, ip: 'IP information', interface: 'IP interface status and configuration', brief: 'Brief summary of IP status and configuration' },
      modes: ['priv-exec'],
      privilege: 1,
      run(ctx) {
        ctx.print('Interface              IP-Address      OK? Method Status                Protocol');
        for (const [name, i] of Object.entries(ctx.device.interfaces)) {
          ctx.print(`${name.padEnd(23)}${(i.address ?? 'unassigned').padEnd(16)}YES manual ${i.shutdown ? 'administratively down down' : 'up                    up'}`);
        }
      },
    },
    {
      syntax: 'show ip interface [IFNAME$if]',
      help: { show, ip: 'IP information', interface: 'IP interface status and configuration' },
      modes: ['priv-exec'],
      privilege: 1,
      run(ctx, args) {
        ctx.print(`ip interface ${args.get('if') ?? 'all'}`);
      },
    },
    {
      syntax: 'show interfaces [IFNAME$if]',
      help: { show, interfaces: 'Interface status and configuration' },
      modes: ['priv-exec'],
      privilege: 1,
      run(ctx, args) {
        ctx.print(`interfaces ${args.get('if') ?? 'all'}`);
      },
    },
    {
      syntax: 'show running-config',
      help: { show, 'running-config': 'Current operating configuration' },
      modes: ['priv-exec'],
      run(ctx) {
        ctx.print(RUNNING_CONFIG.join('\n'));
      },
    },
    {
      syntax: 'show numbers <1-200>$n',
      help: { show, numbers: 'Print numbered lines', $n: 'How many lines' },
      modes: ['priv-exec'],
      hidden: true,
      run(ctx, args) {
        for (let i = 1; i <= (args.num('n') ?? 0); i++) ctx.print(`line ${i}`);
      },
    },
    {
      syntax: 'debug nhrp',
      help: { debug: 'Debugging functions (see also \'undebug\')', nhrp: 'NHRP protocol' },
      modes: ['priv-exec'],
      run(ctx) {
        ctx.print('NHRP protocol debugging is on');
      },
      no(ctx) {
        ctx.print('NHRP protocol debugging is off');
      },
    },
    {
      syntax: 'hostname WORD',
      help: { hostname: "Set system's network name", WORD: "This system's network name" },
      modes: ['global'],
      run(ctx, args) {
        ctx.device.hostname = args.get('WORD')!;
      },
    },
    {
      syntax: 'interface IFNAME$if',
      help: { interface: 'Select an interface to configure' },
      modes: ['global'],
      run(ctx, args) {
        const name = args.get('if')!;
        ctx.device.interfaces[name] ??= { shutdown: true };
        ctx.enterMode('interface', { interface: name });
      },
    },
    {
      syntax: 'ip address A.B.C.D$a A.B.C.D$m',
      help: { ip: 'Interface Internet Protocol config commands', address: 'Set the IP address of an interface', $a: 'IP address', $m: 'IP subnet mask' },
      modes: ['interface'],
      run(ctx, args) {
        ctx.device.interfaces[ctx.modeData['interface']!]!.address = args.get('a')!;
      },
      no(ctx) {
        delete ctx.device.interfaces[ctx.modeData['interface']!]!.address;
      },
      noMinWords: 2,
    },
    {
      syntax: 'shutdown',
      help: { shutdown: 'Shutdown the selected interface' },
      modes: ['interface'],
      run(ctx) {
        ctx.device.interfaces[ctx.modeData['interface']!]!.shutdown = true;
      },
      no(ctx) {
        ctx.device.interfaces[ctx.modeData['interface']!]!.shutdown = false;
      },
    },
    {
      syntax: 'router eigrp <1-65535>$as',
      help: { router: 'Enable a routing process', eigrp: 'Enhanced Interior Gateway Routing Protocol (EIGRP)', $as: 'Autonomous System' },
      modes: ['global'],
      run(ctx, args) {
        ctx.enterMode('router', { as: args.get('as')! });
      },
    },
    {
      syntax: 'network A.B.C.D$net [A.B.C.D$wild]',
      help: { network: 'Enable routing on an IP network', $net: 'Network number', $wild: 'EIGRP wild card bits' },
      modes: ['router'],
      run(ctx, args) {
        ctx.device.networks.push(`${ctx.modeData['as']} ${args.get('net')} ${args.get('wild') ?? '-'}`);
      },
      no(ctx, args) {
        ctx.device.networks = ctx.device.networks.filter((n) => !n.includes(args.get('net')!));
      },
    },
    {
      syntax: 'ping [A.B.C.D$target] {source IFNAME$src|repeat <1-2147483647>$count|size <36-18024>$size}',
      help: {
        ping: 'Send echo messages',
        $target: 'Ping destination address or hostname',
        source: 'specify source address or name',
        repeat: 'specify repeat count',
        $count: 'Repeat count',
        size: 'specify datagram size',
        $size: 'Datagram size',
      },
      modes: ['priv-exec'],
      privilege: 1,
      run(ctx, args) {
        const go = (target: string, count: number) => {
          const job = ctx.beginAsync();
          job.print('Type escape sequence to abort.');
          job.print(`Sending ${count}, ${args.num('size') ?? 100}-byte ICMP Echos to ${target}, timeout is 2 seconds:`);
          if (args.has('src')) job.print(`Packet sent with a source address of ${args.get('src')}`);
          let sent = 0;
          let marks = '';
          let timer: { cancel(): void } | undefined;
          const finish = () => {
            job.print(marks);
            job.print(`Success rate is ${Math.round((100 * marks.length) / count)} percent (${marks.length}/${count})`);
            job.done();
          };
          const tick = () => {
            sent++;
            marks += '!';
            if (sent < count) timer = clock.schedule(1000, tick);
            else finish();
          };
          timer = clock.schedule(1000, tick);
          job.onBreak(() => {
            timer?.cancel();
            finish();
          });
        };
        const clock = (ctx.device as unknown as { clock: Scheduler }).clock;
        const target = args.get('target');
        if (target) return go(target, args.num('count') ?? 5);
        ctx.ask('Protocol [ip]: ', () => {
          ctx.ask('Target IP address: ', (t) => {
            ctx.ask('Repeat count [5]: ', (r) => go(t, r === '' ? 5 : Number(r)));
          });
        });
      },
    },
    {
      syntax: 'crash',
      help: { crash: 'Throw from the handler' },
      modes: ['priv-exec'],
      run() {
        throw new Error('boom');
      },
    },
  ];
}

export interface Harness {
  s: ConsoleSession<Dev>;
  sched: Scheduler;
  dev: Dev;
  lines: ConsoleLine[];
  syslog: string[];
  /** Type keys; returns the texts of the lines they produced. */
  type(keys: string): string[];
  input(): InputLine | null;
}

export function harness(opts: Partial<ConsoleSessionOptions<Dev>> = {}): Harness {
  const sched = new Scheduler();
  const dev: Dev & { clock: Scheduler } = { hostname: 'Hub', log: [], interfaces: {}, networks: [], clock: sched };
  const syslog: string[] = [];
  const registry = new CommandRegistry<Dev>().addAll(testCommands());
  const s = new ConsoleSession<Dev>({
    name: 'Hub',
    device: dev,
    registry,
    hostname: () => dev.hostname,
    clock: sched,
    onConfigExit: (m) => syslog.push(m),
    interfaceTypes: [
      { name: 'Ethernet', help: 'IEEE 802.3', unitHelp: '<0-3>', slotted: true },
      { name: 'FastEthernet', help: 'FastEthernet IEEE 802.3', unitHelp: '<0-1>', slotted: true },
      { name: 'Loopback', help: 'Loopback interface', unitHelp: '<0-2147483647>', slotted: false },
      { name: 'Tunnel', help: 'Tunnel interface', unitHelp: '<0-2147483647>', slotted: false },
    ],
    ...opts,
  });
  const lines: ConsoleLine[] = [];
  s.onLine((l) => lines.push(l));
  return {
    s,
    sched,
    dev,
    lines,
    syslog,
    type(keys) {
      const from = lines.length;
      s.input(keys);
      return lines.slice(from).map((l) => l.text);
    },
    input: () => s.inputLine(),
  };
}
