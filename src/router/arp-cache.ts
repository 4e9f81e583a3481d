/**
 * The ARP cache of one router: dynamic entries learned from ARP, ageing after four hours as on IOS.
 */
import type { Ipv4, Mac } from '../wire/addr.js';

export const ARP_TIMEOUT_MS = 4 * 60 * 60 * 1000;

export interface ArpEntry {
  ip: Ipv4;
  mac: Mac;
  iface: string;
  learnedAt: number;
}

export class ArpCache {
  private entries = new Map<string, Map<Ipv4, ArpEntry>>();

  constructor(private readonly now: () => number) {}

  lookup(iface: string, ip: Ipv4): Mac | undefined {
    const e = this.entries.get(iface)?.get(ip);
    if (!e) return undefined;
    if (this.now() - e.learnedAt > ARP_TIMEOUT_MS) {
      this.entries.get(iface)!.delete(ip);
      return undefined;
    }
    return e.mac;
  }

  learn(iface: string, ip: Ipv4, mac: Mac): void {
    let m = this.entries.get(iface);
    if (!m) {
      m = new Map();
      this.entries.set(iface, m);
    }
    m.set(ip, { ip, mac: mac.slice(), iface, learnedAt: this.now() });
  }

  /** Only refresh an entry that exists (RFC 826 merge rule when we are not the target). */
  refresh(iface: string, ip: Ipv4, mac: Mac): boolean {
    const e = this.entries.get(iface)?.get(ip);
    if (!e) return false;
    this.learn(iface, ip, mac);
    return true;
  }

  flushInterface(iface: string): void {
    this.entries.delete(iface);
  }

  clear(): void {
    this.entries.clear();
  }

  all(): ArpEntry[] {
    const out: ArpEntry[] = [];
    for (const m of this.entries.values()) for (const e of m.values()) out.push(e);
    return out;
  }
}
