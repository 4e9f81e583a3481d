/**
 * A running lab: the routers of a LabDefinition on one virtual clock, wired by segments, each with its
 * protocol services and its console, started in the requested state by typing that state's
 * configuration into the router through the same CLI a user types into.
 */
import { Scheduler } from '../sim/scheduler.js';
import { Rng } from '../sim/rng.js';
import { Segment } from '../sim/segment.js';
import { ipv4ToString, sameSubnet } from '../wire/addr.js';
import { decodeEthernet, ETHERTYPE_IPV4 } from '../wire/ethernet.js';
import { decodeIpv4 } from '../wire/ipv4.js';
import { summarizeFrame } from '../wire/summary.js';
import { Router } from '../router/router.js';
import { platformFor } from '../router/platform.js';
import { startServices } from '../router/services.js';
import type { ConsoleSessionApi } from '../ios/console-api.js';
import { createConsole, applyConfiguration, prepareRouter, type RouterConsole } from '../ios/router-console.js';
import type { LabDefinition } from './definition.js';
import type { LabOptions, LabRuntime, PacketEvent } from './runtime-api.js';

/** IOL-style burned-in MACs: aabb.cc00.RR0P for router RR (1-based), port P; wider labs use more bytes. */
function macFor(routerIndex: number, portIndex: number): Uint8Array {
  return new Uint8Array([0xaa, 0xbb, 0xcc, (routerIndex >>> 8) & 0xff, routerIndex & 0xff, portIndex & 0xff]);
}

/** Configuration added to a lab (overlay) that its router refused, with IOS's error for each line. */
export class LabConfigError extends Error {
  constructor(
    readonly router: string,
    readonly rejected: string[],
  ) {
    super(`${router} rejected: ${rejected[0]}${rejected.length > 1 ? ` (and ${rejected.length - 1} more)` : ''}`);
  }
}

export class Lab implements LabRuntime {
  readonly name: string;
  readonly description: string;
  readonly release: string;
  readonly scheduler = new Scheduler();
  readonly rng: Rng;
  readonly routers = new Map<string, Router>();
  private readonly sessions = new Map<string, RouterConsole>();
  private readonly order: string[] = [];
  private packetListeners: Array<(ev: PacketEvent) => void> = [];

  constructor(def: LabDefinition, opts: LabOptions) {
    this.name = def.name;
    this.description = def.description;
    this.release = def.release;
    this.rng = new Rng(opts.seed ?? 1);
    const platform = platformFor(def.release);
    def.routers.forEach((rd, idx) => {
      const router = new Router({
        id: rd.name,
        hostname: rd.name,
        sched: this.scheduler,
        rng: this.rng,
        platform,
        ports: rd.ports.map((p, k) => ({ name: p, mac: macFor(idx + 1, k) })),
      });
      startServices(router);
      this.routers.set(rd.name, router);
    });
    for (const link of def.links) {
      const seg = new Segment(link.name, this.scheduler, this.rng.stream(`link/${link.name}`));
      for (const end of link.ends) this.routers.get(end.router)!.attachSegment(end.port, seg, `${end.router} ${end.port}`);
      if (link.internet) seg.tap((ev) => this.onInternetFrame(ev.from, ev.frame, ev.time));
    }
    for (const rd of def.routers) {
      const router = this.routers.get(rd.name)!;
      const errors = applyConfiguration(router, rd.config[opts.start]);
      if (errors.length > 0) throw new Error(`lab ${def.name}: ${rd.name} start configuration rejected:\n${errors.join('\n')}`);
      for (const o of opts.overlay ?? []) {
        if (o.router !== rd.name) continue;
        const rejected = applyConfiguration(router, o.lines);
        if (rejected.length > 0) throw new LabConfigError(rd.name, rejected);
      }
      prepareRouter(router);
    }
    if (opts.start === 'solved') this.warmArp(def);
    const main = def.routers.filter((r) => !r.auxiliary).map((r) => r.name);
    const aux = def.routers.filter((r) => r.auxiliary).map((r) => r.name);
    for (const name of [...main, ...aux]) {
      this.order.push(name);
      this.sessions.set(name, createConsole(this.routers.get(name)!, name));
    }
  }

  /**
   * A solved lab is a snapshot of a lab that has been running: the routers on each underlay link already
   * hold each other's ARP entries. (From cold caches the first IKE message would die in ARP resolution,
   * as IOS drops the packet that triggers it, and wait 10 s for its retransmission.)
   */
  private warmArp(def: LabDefinition): void {
    for (const link of def.links) {
      const ends = link.ends.map((e) => ({ router: this.routers.get(e.router)!, iface: this.routers.get(e.router)!.iface(e.port)! }));
      for (const a of ends) {
        for (const b of ends) {
          const ip = b.iface.ip;
          if (a === b || !ip || !b.iface.mac || !a.iface.ip || !sameSubnet(ip.address, a.iface.ip.address, a.iface.ip.mask)) continue;
          a.router.arp.learn(a.iface.name, ip.address, b.iface.mac);
        }
      }
    }
  }

  consoles(): ConsoleSessionApi[] {
    return this.order.map((n) => this.sessions.get(n)!);
  }

  console(name: string): ConsoleSessionApi | undefined {
    const exact = this.sessions.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [n, s] of this.sessions) if (n.toLowerCase() === lower) return s;
    return undefined;
  }

  router(name: string): Router | undefined {
    return this.routers.get(name);
  }

  onPacket(listener: (ev: PacketEvent) => void): () => void {
    this.packetListeners.push(listener);
    return () => {
      this.packetListeners = this.packetListeners.filter((l) => l !== listener);
    };
  }

  private onInternetFrame(from: string, frame: Uint8Array, time: number): void {
    if (this.packetListeners.length === 0) return;
    const eth = decodeEthernet(frame);
    if (!eth.ok || eth.value.ethertype !== ETHERTYPE_IPV4) return;
    const ip = decodeIpv4(eth.value.payload);
    if (!ip.ok) return;
    const ev: PacketEvent = {
      time,
      from,
      src: ipv4ToString(ip.value.src),
      dst: ipv4ToString(ip.value.dst),
      summary: summarizeFrame(frame),
      size: frame.length,
    };
    for (const l of this.packetListeners) l(ev);
  }
}
