/**
 * The ping engine: sends ICMP echoes one after another in virtual time, each waiting for its reply or
 * its timeout, and reports a character per echo (`!` reply, `.` timeout, `U` unreachable, `M` could
 * not fragment, `&` TTL expired) and the round-trip statistics. The console command renders them.
 */
import type { Ipv4 } from '../wire/addr.js';
import { encodeIcmp, ICMP_ECHO_REQUEST } from '../wire/icmp.js';
import type { Scheduler, TimerHandle } from '../sim/scheduler.js';
import type { IpSendRequest } from '../protocols/host.js';
import type { IcmpEvent, IcmpService } from './icmp.js';
import { IP_PROTO_ICMP } from './icmp.js';

export interface PingOptions {
  dst: Ipv4;
  src?: Ipv4;
  count: number;
  /** Datagram size in bytes including the 20-byte IP and 8-byte ICMP headers (IOS default 100). */
  size: number;
  timeoutMs: number;
  df: boolean;
  tos: number;
  /** 16-bit data pattern (IOS default 0xABCD). */
  pattern: number;
}

export interface PingStats {
  sent: number;
  received: number;
  rtts: number[];
}

export interface PingHost {
  readonly sched: Scheduler;
  readonly icmp: IcmpService;
  sendIp(req: IpSendRequest): boolean;
}

let sessionCounter = 0;

export class PingRun {
  private seq = 0;
  private readonly id: number;
  private sentAt = 0;
  private timer: TimerHandle | undefined;
  private unsubscribe: (() => void) | undefined;
  private stats: PingStats = { sent: 0, received: 0, rtts: [] };
  private finished = false;

  constructor(
    private readonly host: PingHost,
    private readonly opts: PingOptions,
    private readonly onChar: (c: string) => void,
    private readonly onDone: (s: PingStats) => void,
  ) {
    sessionCounter = (sessionCounter + 1) & 0xffff;
    this.id = sessionCounter;
  }

  start(): void {
    this.unsubscribe = this.host.icmp.subscribe((ev) => this.onIcmp(ev));
    this.sendNext();
  }

  /** Ctrl-Shift-6: stop after the current echo, reporting what was seen so far. */
  abort(): void {
    this.finish();
  }

  private payloadFor(seq: number): Uint8Array {
    const dataLen = Math.max(0, this.opts.size - 28);
    const data = new Uint8Array(dataLen);
    for (let i = 0; i < dataLen; i += 2) {
      data[i] = (this.opts.pattern >>> 8) & 0xff;
      if (i + 1 < dataLen) data[i + 1] = this.opts.pattern & 0xff;
    }
    return encodeIcmp({ type: ICMP_ECHO_REQUEST, code: 0, id: this.id, seq, data });
  }

  private sendNext(): void {
    if (this.finished) return;
    if (this.stats.sent >= this.opts.count) {
      this.finish();
      return;
    }
    this.seq = (this.seq + 1) & 0xffff;
    this.stats.sent++;
    this.sentAt = this.host.sched.now();
    this.host.sendIp({
      src: this.opts.src,
      dst: this.opts.dst,
      protocol: IP_PROTO_ICMP,
      df: this.opts.df,
      tos: this.opts.tos,
      payload: this.payloadFor(this.seq),
    });
    this.timer = this.host.sched.schedule(this.opts.timeoutMs, () => this.result('.'));
  }

  private onIcmp(ev: IcmpEvent): void {
    if (this.finished || ev.id !== this.id || ev.seq !== this.seq) return;
    if (ev.kind === 'echo-reply') {
      this.stats.received++;
      this.stats.rtts.push(this.host.sched.now() - this.sentAt);
      this.result('!');
      return;
    }
    if (ev.type === 3) this.result(ev.code === 4 ? 'M' : 'U');
    else if (ev.type === 11) this.result('&');
  }

  private result(c: string): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.onChar(c);
    // IOS moves straight on to the next echo once one is answered or timed out.
    this.host.sched.schedule(0, () => this.sendNext());
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.timer?.cancel();
    this.unsubscribe?.();
    this.onDone(this.stats);
  }
}
