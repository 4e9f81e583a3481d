/**
 * IPv4 fragmentation (on output, when a datagram exceeds the interface's IP MTU without DF) and
 * reassembly (on local delivery), with the 30-second reassembly timeout IOS uses.
 */
import type { IpDatagram } from '../protocols/host.js';
import type { Scheduler, TimerHandle } from '../sim/scheduler.js';
import { encodeIpv4 } from '../wire/ipv4.js';

export interface Fragment {
  dg: IpDatagram;
  bytes: Uint8Array;
}

/** Split `dg` so that each fragment's total length fits `mtu`; payload offsets are multiples of 8. */
export function fragmentDatagram(dg: IpDatagram, mtu: number): Fragment[] {
  const maxData = Math.max(8, Math.floor((mtu - 20) / 8) * 8);
  const out: Fragment[] = [];
  for (let off = 0; off < dg.payload.length; off += maxData) {
    const chunk = dg.payload.subarray(off, Math.min(dg.payload.length, off + maxData));
    const mf = off + chunk.length < dg.payload.length;
    const frag: IpDatagram = { ...dg, payload: chunk };
    out.push({ dg: frag, bytes: encodeIpv4({ ...frag, mf, fragmentOffset: off / 8 }) });
  }
  return out;
}

interface Pending {
  parts: Array<{ offset: number; data: Uint8Array }>;
  totalLength: number | undefined;
  first: IpDatagram;
  timer: TimerHandle;
}

const REASSEMBLY_TIMEOUT_MS = 30_000;

export class Reassembler {
  private pending = new Map<string, Pending>();

  constructor(private readonly sched: Scheduler) {}

  /** Add a fragment; returns the whole datagram once every byte has arrived. */
  add(dg: IpDatagram, moreFragments: boolean, offsetUnits: number): IpDatagram | undefined {
    const key = `${dg.src}/${dg.dst}/${dg.protocol}/${dg.id}`;
    let p = this.pending.get(key);
    if (!p) {
      p = {
        parts: [],
        totalLength: undefined,
        first: dg,
        timer: this.sched.schedule(REASSEMBLY_TIMEOUT_MS, () => this.pending.delete(key)),
      };
      this.pending.set(key, p);
    }
    const offset = offsetUnits * 8;
    p.parts.push({ offset, data: dg.payload.slice() });
    if (offset === 0) p.first = dg;
    if (!moreFragments) p.totalLength = offset + dg.payload.length;
    if (p.totalLength === undefined) return undefined;
    const covered = new Uint8Array(p.totalLength);
    let have = 0;
    const buf = new Uint8Array(p.totalLength);
    for (const part of p.parts) {
      for (let i = 0; i < part.data.length && part.offset + i < p.totalLength; i++) {
        if (!covered[part.offset + i]) {
          covered[part.offset + i] = 1;
          have++;
        }
        buf[part.offset + i] = part.data[i]!;
      }
    }
    if (have < p.totalLength) return undefined;
    p.timer.cancel();
    this.pending.delete(key);
    return { ...p.first, payload: buf };
  }
}
