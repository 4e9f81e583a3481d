/**
 * `ping A [source X] [repeat N] [size N] [timeout N] [df-bit] [data N] [validate]` and the extended
 * ping dialogue (`ping` alone, privileged EXEC), rendered as IOS prints them while the echoes run in
 * virtual time through the router's ping engine.
 *
 * Output shape: `Type escape sequence to abort.`, `Sending …:`, the option lines (`Packet sent with a
 * source address of X ` — IOS leaves a trailing space — and `Packet sent with the DF bit set`), one
 * result character per echo wrapped at 70 per line, then `Success rate is …`. The dialogue's wording
 * differs between 12.2 and 15.x (`Ingress ping`, `DSCP Value`, the 32-bit data pattern): `dialogueStyle`.
 */
import type { Router } from '../../router/router.js';
import type { PingStats } from '../../router/ping.js';
import { type Ipv4, ipv4ToString, parseIpv4 } from '../../wire/addr.js';
import type { AsyncJob, CommandDef } from '../grammar/types.js';

export interface PingParams {
  dst: Ipv4;
  count: number;
  /** Datagram size, or a sweep of sizes (each repeat walks min..max by interval). */
  size: number;
  sweep?: { min: number; max: number; interval: number };
  timeoutS: number;
  src?: Ipv4;
  df: boolean;
  tos: number;
  pattern: number;
  /** Set when the user chose a pattern (IOS then prints it). */
  patternGiven: boolean;
  validate: boolean;
}

export function defaultPingParams(dst: Ipv4): PingParams {
  return { dst, count: 5, size: 100, timeoutS: 2, df: false, tos: 0, pattern: 0xabcd, patternGiven: false, validate: false };
}

/** Sizes of the echoes in send order. */
export function echoSizes(p: PingParams): number[] {
  if (!p.sweep) return Array.from({ length: p.count }, () => p.size);
  const sizes: number[] = [];
  for (let s = p.sweep.min; s <= p.sweep.max; s += p.sweep.interval) sizes.push(s);
  return Array.from({ length: p.count }, () => sizes).flat();
}

/** The lines before the result characters. */
export function pingHeader(router: Router, p: PingParams): string[] {
  const n = echoSizes(p).length;
  const size = p.sweep ? `[${p.sweep.min}..${p.sweep.max}]` : String(p.size);
  const lines = ['Type escape sequence to abort.', `Sending ${n}, ${size}-byte ICMP Echos to ${ipv4ToString(p.dst)}, timeout is ${p.timeoutS} seconds:`];
  // 12.2 did not announce the source (seed 001's extended ping with a source shows no such line).
  if (p.src !== undefined && router.platform.train >= 12.3) lines.push(`Packet sent with a source address of ${ipv4ToString(p.src)} `);
  if (p.df) lines.push('Packet sent with the DF bit set');
  if (p.validate) lines.push('Reply data will be validated');
  if (p.patternGiven && router.platform.train >= 15) lines.push(`Packet has data pattern 0x${p.pattern.toString(16).toUpperCase().padStart(8, '0')}`);
  return lines;
}

/** `Success rate is 80 percent (4/5), round-trip min/avg/max = 1/1/2 ms` (no times when none came back). */
export function successLine(stats: PingStats): string {
  const pct = stats.sent === 0 ? 0 : Math.floor((100 * stats.received) / stats.sent);
  const base = `Success rate is ${pct} percent (${stats.received}/${stats.sent})`;
  if (stats.received === 0 || stats.rtts.length === 0) return base;
  const ms = stats.rtts.map((t) => Math.floor(t));
  const avg = Math.floor(ms.reduce((a, b) => a + b, 0) / ms.length);
  return `${base}, round-trip min/avg/max = ${Math.min(...ms)}/${avg}/${Math.max(...ms)} ms`;
}

/** IOS wraps the result characters at 70 per line. */
export const CHARS_PER_LINE = 70;

export interface PingOutput {
  line(text: string): void;
}

/**
 * Run the echoes of `p`, writing the header, the characters (a line each time 70 have accumulated)
 * and the success line to `out`; `onDone` fires once at the end. Returns the break handler.
 */
export function runPing(router: Router, p: PingParams, out: PingOutput, onDone: () => void): () => void {
  for (const l of pingHeader(router, p)) out.line(l);
  const sizes = echoSizes(p);
  const total: PingStats = { sent: 0, received: 0, rtts: [] };
  let pending = '';
  let finished = false;
  const onChar = (c: string) => {
    pending += c;
    if (pending.length === CHARS_PER_LINE) {
      out.line(pending);
      pending = '';
    }
  };
  const finish = () => {
    if (finished) return;
    finished = true;
    if (pending) out.line(pending);
    out.line(successLine(total));
    onDone();
  };
  const base = { dst: p.dst, src: p.src, timeoutMs: p.timeoutS * 1000, df: p.df, tos: p.tos, pattern: p.pattern & 0xffff };
  const merge = (s: PingStats) => {
    total.sent += s.sent;
    total.received += s.received;
    total.rtts.push(...s.rtts);
  };
  let current: { abort(): void } | undefined;
  let stopped = false;
  if (!p.sweep) {
    current = router.ping({ ...base, count: sizes.length, size: p.size }, onChar, (s) => {
      merge(s);
      finish();
    });
  } else {
    // The ping engine sends one size per run, so a sweep is a chain of one-echo runs.
    let k = 0;
    const next = () => {
      if (finished) return;
      if (k >= sizes.length) return finish();
      const size = sizes[k++]!;
      current = router.ping({ ...base, count: 1, size }, onChar, (s) => {
        merge(s);
        if (stopped) finish();
        else router.sched.schedule(0, next);
      });
    };
    next();
  }
  return () => {
    stopped = true;
    current?.abort();
    finish();
  };
}

// ---- argument checks shared by the one-line form and the dialogue -----------------------------------

export const MSG_UNRECOGNIZED_HOST = '% Unrecognized host or address, or protocol not running.';
export const MSG_BAD_SOURCE_ADDRESS = '% Invalid source address- IP address not on any of our up interfaces';
export const MSG_BAD_SOURCE_INTERFACE = '% Invalid source interface - IP not enabled or interface is down';

/** Resolve `source X` (an address of an up interface, or an interface with an address that is up). */
export function resolveSource(router: Router, text: string): { addr?: Ipv4; error?: string } {
  const lit = parseIpv4(text);
  if (lit !== undefined) {
    const ok = router.interfaceList().some((i) => i.lineUp && i.ip?.address === lit);
    return ok ? { addr: lit } : { error: MSG_BAD_SOURCE_ADDRESS };
  }
  const iface = router.iface(text);
  if (!iface || !iface.ip || !iface.lineUp) return { error: MSG_BAD_SOURCE_INTERFACE };
  return { addr: iface.ip.address };
}

/**
 * A name that is not an address: IOS tries DNS (the broadcast server 255.255.255.255 when none is
 * configured: 3 tries of 2 s) unless `no ip domain-lookup`, then gives up.
 */
export const DNS_GIVE_UP_MS = 6000;

export function unresolvableHost(router: Router, job: AsyncJob, name: string, then: () => void): void {
  if (!router.config.model.ipDomainLookup) {
    job.print(`Translating "${name}"`);
    job.error(MSG_UNRECOGNIZED_HOST);
    then();
    return;
  }
  job.print(`Translating "${name}"...domain server (255.255.255.255)`);
  const timer = router.sched.schedule(DNS_GIVE_UP_MS, () => {
    job.error(MSG_UNRECOGNIZED_HOST);
    then();
  });
  job.onBreak(() => {
    if (!timer.pending) return;
    timer.cancel();
    job.error(MSG_UNRECOGNIZED_HOST);
    then();
  });
}

/** Run `p` on the job: output appears as virtual time passes; Ctrl-Shift-6 stops it. */
export function startPingJob(router: Router, job: AsyncJob, p: PingParams): void {
  const stop = runPing(router, p, { line: (t) => job.print(t) }, () => job.done());
  job.onBreak(stop);
}

// ---- the extended ping dialogue ---------------------------------------------------------------------

/** Prompts that differ by release: 15.x asks for ingress ping and DSCP and shows a 32-bit pattern. */
export function dialogueStyle(router: Router): { ingressAndDscp: boolean; patternPrompt: string; patternDigits: number } {
  return router.platform.train >= 15
    ? { ingressAndDscp: true, patternPrompt: 'Data pattern [0x0000ABCD]: ', patternDigits: 8 }
    : { ingressAndDscp: false, patternPrompt: 'Data pattern [0xABCD]: ', patternDigits: 4 };
}

/** A parse result: a value, or a message and whether the question is asked again. */
type Answer<T> = { value: T } | { error: string[]; again: boolean };

const decimal = (min: number, max: number, dflt: number) => (t: string): Answer<number> => {
  if (t === '') return { value: dflt };
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  return n >= min && n <= max ? { value: n } : { error: [`% A decimal number between ${min} and ${max}.`], again: true };
};

const yesNo = (dflt: boolean) => (t: string): Answer<boolean> => {
  const l = t.toLowerCase();
  if (l === '') return { value: dflt };
  if ('yes'.startsWith(l)) return { value: true };
  if ('no'.startsWith(l)) return { value: false };
  return { error: ["% Please answer 'yes' or 'no'."], again: true };
};

const DSCP_NAMES: Record<string, number> = { default: 0, ef: 46 };
for (let c = 1; c <= 7; c++) DSCP_NAMES[`cs${c}`] = 8 * c;
for (let c = 1; c <= 4; c++) for (let d = 1; d <= 3; d++) DSCP_NAMES[`af${c}${d}`] = 8 * c + 2 * d;

function dscp(t: string): Answer<number> {
  if (t === '') return { value: 0 };
  const named = DSCP_NAMES[t.toLowerCase()];
  if (named !== undefined) return { value: named };
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (n >= 0 && n <= 63) return { value: n };
  return { error: ['%Type 0..63 or ef, af11-13, af21-23, af31-33, af41-43, or cs1-7', ''], again: true };
}

function pattern(digits: number) {
  return (t: string): Answer<number | undefined> => {
    if (t === '') return { value: undefined };
    const m = new RegExp(`^(?:0x)?([0-9a-fA-F]{1,${digits}})$`).exec(t);
    return m ? { value: parseInt(m[1]!, 16) } : { error: ['% Invalid pattern, try again.'], again: true };
  };
}

/**
 * Ask `prompt` until `parse` accepts the answer. A rejected answer prints IOS's message and asks
 * again, or ends the dialogue.
 */
function askValid<T>(job: AsyncJob, prompt: string, parse: (t: string) => Answer<T>, then: (v: T) => void): void {
  job.ask(prompt, (text) => {
    const r = parse(text.trim());
    if ('value' in r) return then(r.value);
    for (const e of r.error) (e.startsWith('%') ? job.error(e) : job.print(e));
    if (r.again) askValid(job, prompt, parse, then);
    else job.done();
  });
}

/** `ping` with no arguments: ask the questions of seed 001 (12.2) or of 15.x, then run the echoes. */
export function extendedPing(router: Router, job: AsyncJob): void {
  const style = dialogueStyle(router);
  let p = defaultPingParams(0);
  // Ctrl-C or Ctrl-Shift-6 during the questions ends the dialogue; once echoes run, ping handles it.
  let started = false;
  job.onBreak(() => {
    if (!started) job.done();
  });
  const protocol = (t: string): Answer<true> =>
    t === '' || 'ip'.startsWith(t.toLowerCase()) ? { value: true } : { error: [`% Unknown protocol - "${t}", type "ping ?" for help`], again: false };
  askValid(job, 'Protocol [ip]: ', protocol, () =>
    job.ask('Target IP address: ', (text) => {
      const t = text.trim();
      const dst = parseIpv4(t);
      if (t === '') {
        job.error('% Bad IP address or host name');
        return job.done();
      }
      if (dst === undefined) return unresolvableHost(router, job, t, () => job.done());
      p = defaultPingParams(dst);
      askValid(job, 'Repeat count [5]: ', decimal(1, 2147483647, 5), (count) => {
        p.count = count;
        askValid(job, 'Datagram size [100]: ', decimal(36, 18024, 100), (size) => {
          p.size = size;
          askValid(job, 'Timeout in seconds [2]: ', decimal(0, 3600, 2), (timeout) => {
            p.timeoutS = timeout;
            askValid(job, 'Extended commands [n]: ', yesNo(false), (ext) => (ext ? extended() : run()));
          });
        });
      });
    }),
  );

  const extended = () => {
    // Ingress ping (15.x) needs an ingress interface the ping engine cannot inject on; only "no" runs.
    if (style.ingressAndDscp) askValid(job, 'Ingress ping [n]: ', yesNo(false), () => source());
    else source();
  };
  const source = () =>
    job.ask('Source address or interface: ', (text) => {
      const t = text.trim();
      if (t === '') return tos();
      const lit = parseIpv4(t);
      const iface = lit === undefined ? router.iface(t) : undefined;
      const own = lit !== undefined ? router.interfaceList().find((i) => i.ip?.address === lit) : iface;
      if (own?.ip) {
        p.src = own.ip.address;
        return tos();
      }
      const invalid = () => {
        job.error('% Invalid source. Must use same-VRF IP address or full interface name without spaces (e.g. Serial0/1)');
        source();
      };
      // Neither an address nor an interface name: IOS tries it as a host name first.
      if (lit === undefined && !iface && router.config.model.ipDomainLookup) {
        job.print(`Translating "${t}"...domain server (255.255.255.255)`);
        job.print('');
        router.sched.schedule(DNS_GIVE_UP_MS, invalid);
        return;
      }
      invalid();
    });
  const tos = () => {
    if (!style.ingressAndDscp) return askValid(job, 'Type of service [0]: ', decimal(0, 255, 0), (v) => ((p.tos = v), df()));
    askValid(job, 'DSCP Value [0]: ', dscp, (d) => {
      p.tos = d << 2;
      // A DSCP value replaces the type-of-service question.
      if (d !== 0) return df();
      askValid(job, 'Type of service [0]: ', decimal(0, 255, 0), (v) => ((p.tos = v), df()));
    });
  };
  const df = () =>
    askValid(job, 'Set DF bit in IP header? [no]: ', yesNo(false), (v) => {
      p.df = v;
      askValid(job, 'Validate reply data? [no]: ', yesNo(false), (val) => {
        p.validate = val;
        askValid(job, style.patternPrompt, pattern(style.patternDigits), (pat) => {
          if (pat !== undefined) {
            p.pattern = pat;
            p.patternGiven = true;
          }
          // Record route, timestamps, source routing and verbose output are not simulated.
          const options = (t: string): Answer<true> => (t === '' ? { value: true } : { error: [`% No such option - "${t}"`], again: true });
          askValid(job, 'Loose, Strict, Record, Timestamp, Verbose[none]: ', options, () => sweepQuestion());
        });
      });
    });
  const sweepQuestion = () => {
    askValid(job, 'Sweep range of sizes [n]: ', yesNo(false), (sweep) => {
      if (!sweep) return run();
      askValid(job, 'Sweep min size [36]: ', decimal(36, 18024, 36), (min) =>
        askValid(job, 'Sweep max size [18024]: ', decimal(min, 18024, 18024), (max) =>
          askValid(job, 'Sweep interval [1]: ', decimal(1, 18024, 1), (interval) => {
            p.sweep = { min, max, interval };
            run();
          }),
        ),
      );
    });
  };
  const run = () => {
    started = true;
    startPingJob(router, job, p);
  };
}

// ---- command definitions ---------------------------------------------------------------------------

function oneLinePing(ctx: Parameters<CommandDef<Router>['run']>[0], args: Parameters<CommandDef<Router>['run']>[1]): void {
  const router = ctx.device;
  const target = args.get('target')!;
  const dst = parseIpv4(target);
  const job = ctx.beginAsync();
  if (dst === undefined) {
    unresolvableHost(router, job, target, () => job.done());
    return;
  }
  const p = defaultPingParams(dst);
  p.count = args.num('count') ?? p.count;
  p.size = args.num('bytes') ?? p.size;
  p.timeoutS = args.num('secs') ?? p.timeoutS;
  p.df = args.has('df-bit');
  p.validate = args.has('validate');
  const data = args.num('pattern');
  if (data !== undefined) {
    p.pattern = data;
    p.patternGiven = true;
  }
  const srcText = args.get('srcif') ?? args.get('srcaddr');
  if (srcText !== undefined) {
    const s = resolveSource(router, srcText);
    if (s.error) {
      job.error(s.error);
      job.done();
      return;
    }
    p.src = s.addr;
  }
  startPingJob(router, job, p);
}

const PING_HELP: Record<string, string> = {
  ping: 'Send echo messages',
  $target: 'Ping destination address or hostname',
  source: 'specify source address or name',
  $srcaddr: 'Source address',
  repeat: 'specify repeat count',
  $count: 'Repeat count',
  size: 'specify datagram size',
  $bytes: 'Datagram size',
  timeout: 'specify timeout interval',
  $secs: 'Timeout in seconds',
  'df-bit': 'enable do not fragment bit in IP header',
  data: 'specify data pattern',
  $pattern: 'Data pattern',
  validate: 'validate reply data',
};

export const pingCommands: CommandDef<Router>[] = [
  {
    // The extended dialogue is a privileged EXEC feature; user EXEC answers `ping` with `% Incomplete command.`
    syntax: 'ping',
    help: PING_HELP,
    modes: ['priv-exec'],
    run: (ctx) => extendedPing(ctx.device, ctx.beginAsync()),
  },
  {
    syntax:
      'ping WORD$target {data <0-65535>$pattern|df-bit|repeat <1-2147483647>$count|size <36-18024>$bytes|source (IFNAME$srcif|A.B.C.D$srcaddr)|timeout <0-3600>$secs|validate}',
    help: PING_HELP,
    modes: ['user-exec', 'priv-exec'],
    privilege: 1,
    run: oneLinePing,
  },
];
