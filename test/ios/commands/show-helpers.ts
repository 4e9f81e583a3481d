/**
 * Helpers for the EXEC command tests: routers built directly on a scheduler and segments, and a
 * minimal console that runs command lines through the real grammar (registry + matcher) with a
 * CommandContext that records what the command printed and asked.
 */
import { Scheduler } from '../../../src/sim/scheduler.js';
import { Rng } from '../../../src/sim/rng.js';
import { Segment } from '../../../src/sim/segment.js';
import { Router } from '../../../src/router/router.js';
import { platformFor } from '../../../src/router/platform.js';
import { parseIpv4 } from '../../../src/wire/addr.js';
import { CommandRegistry, DEFAULT_INTERFACE_TYPES, matchLine } from '../../../src/ios/grammar/index.js';
import type { AsyncJob, CommandContext, CommandDef } from '../../../src/ios/grammar/types.js';
import { showInterfaceCommands } from '../../../src/ios/commands/show-interfaces.js';
import { showIpCommands } from '../../../src/ios/commands/show-ip.js';
import { systemCommands } from '../../../src/ios/commands/show-system.js';
import { pingCommands } from '../../../src/ios/commands/ping.js';

export const ALL_COMMANDS: CommandDef<Router>[] = [...showInterfaceCommands, ...showIpCommands, ...systemCommands, ...pingCommands];

export interface Net {
  sched: Scheduler;
  rng: Rng;
  routers: Router[];
}

const PORTS = ['Ethernet0/0', 'Ethernet0/1', 'Ethernet0/2', 'Ethernet0/3'];

export function newNet(seed = 1): Net {
  return { sched: new Scheduler(), rng: new Rng(seed), routers: [] };
}

/** A router with IOL-style ports and MACs aabb.cc00.RR0P, like the lab's. */
export function addRouter(net: Net, name: string, release = '15.1(4)M4', ports = PORTS): Router {
  const idx = net.routers.length + 1;
  const r = new Router({
    id: name,
    hostname: name,
    sched: net.sched,
    rng: net.rng,
    platform: platformFor(release),
    ports: ports.map((p, k) => ({ name: p, mac: new Uint8Array([0xaa, 0xbb, 0xcc, 0x00, idx, k]) })),
  });
  net.routers.push(r);
  return r;
}

export function link(net: Net, name: string, a: [Router, string], b: [Router, string]): Segment {
  const seg = new Segment(name, net.sched, net.rng.stream(`link/${name}`));
  a[0].attachSegment(a[1], seg, `${a[0].id} ${a[1]}`);
  b[0].attachSegment(b[1], seg, `${b[0].id} ${b[1]}`);
  return seg;
}

export function mask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** `interface X` / `ip address A M` / `no shutdown`, applied to the model. */
export function setAddress(r: Router, iface: string, addr: string, len: number, up = true): void {
  r.ensureInterface(iface);
  r.config.updateInterface(iface, (i) => {
    i.ip = { address: parseIpv4(addr)!, mask: mask(len) };
    i.shutdown = !up;
  });
}

export function addStatic(r: Router, prefix: string, len: number, nextHop?: string, iface?: string, distance = 1): void {
  r.config.update({ kind: 'static-routes' }, (m) => {
    m.staticRoutes.push({
      prefix: parseIpv4(prefix)!,
      mask: mask(len),
      ...(nextHop ? { nextHop: parseIpv4(nextHop)! } : {}),
      ...(iface ? { iface } : {}),
      distance,
    });
  });
}

/** A console for tests: runs lines through the grammar, records output, answers questions. */
export class TestConsole {
  readonly out: string[] = [];
  private registry = new CommandRegistry<Router>().addAll(ALL_COMMANDS);
  private question: { prompt: string; cb: (t: string) => void } | undefined;
  private breakCbs: Array<() => void> = [];
  busy = false;

  constructor(
    readonly router: Router,
    public mode: 'user-exec' | 'priv-exec' = 'priv-exec',
  ) {}

  get prompt(): string | undefined {
    return this.question?.prompt;
  }

  private emit(text: string): void {
    this.out.push(...text.split('\n'));
  }

  private asker() {
    return (prompt: string, cb: (t: string) => void) => {
      this.question = { prompt, cb };
    };
  }

  private job(): AsyncJob {
    this.busy = true;
    this.breakCbs = [];
    return {
      print: (t) => this.emit(t),
      error: (t) => this.emit(t),
      ask: this.asker(),
      done: () => {
        this.busy = false;
        this.question = undefined;
        this.breakCbs = [];
      },
      onBreak: (cb) => this.breakCbs.push(cb),
    };
  }

  /** Type a command line; returns the match kind (`ok`, `invalid`, …). */
  type(line: string): string {
    const m = matchLine(this.registry.entries(this.mode), line, DEFAULT_INTERFACE_TYPES);
    if (m.kind !== 'ok') return m.kind;
    const ctx: CommandContext<Router> = {
      device: this.router,
      mode: this.mode,
      modeData: {},
      negated: m.entry.variant === 'no',
      defaulted: false,
      print: (t) => this.emit(t),
      error: (t) => this.emit(t),
      enterMode: () => undefined,
      beginAsync: () => this.job(),
      ask: this.asker(),
      setTerminalLength: () => undefined,
    };
    const def = m.entry.cmd.def;
    if (m.entry.variant === 'no') def.no!(ctx, m.args);
    else def.run(ctx, m.args);
    return 'ok';
  }

  /** Answer the pending question as the user would (the echo line is recorded like IOS shows it). */
  answer(text: string): void {
    const q = this.question;
    if (!q) throw new Error(`no question pending (output so far: ${this.out.join(' | ')})`);
    this.question = undefined;
    this.out.push(q.prompt + text);
    q.cb(text);
  }

  /** Ctrl-Shift-6. */
  break(): void {
    for (const cb of [...this.breakCbs]) cb();
  }

  /** Output since the last call (and clear it). */
  take(): string[] {
    return this.out.splice(0, this.out.length);
  }
}
