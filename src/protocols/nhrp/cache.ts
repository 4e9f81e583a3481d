/**
 * The NHRP cache of one router: protocol (tunnel) address → NBMA address, per tunnel interface.
 * Static entries come from `ip nhrp map`; dynamic ones from registrations the router accepted as an
 * NHS. `show ip nhrp`, `show dmvpn` and the tunnel's NBMA resolution all read this one table.
 */
import type { Ipv4 } from '../../wire/addr.js';

export type NhrpEntryType = 'static' | 'dynamic';

export interface NhrpCacheEntry {
  iface: string;
  proto: Ipv4;
  prefixLength: number;
  nbma: Ipv4;
  type: NhrpEntryType;
  /** Registered with the `unique` flag: the NBMA may not change until the entry expires. */
  unique: boolean;
  /** Created by a Registration Request this router answered. */
  registered: boolean;
  created: number;
  /** Virtual time the entry expires; undefined = never (static). */
  expires?: number;
  /** Registration Request ID that created or last refreshed the entry. */
  requestId?: number;
}

export class NhrpCache {
  private entries: NhrpCacheEntry[] = [];

  all(): readonly NhrpCacheEntry[] {
    return this.entries;
  }

  onInterface(iface: string): NhrpCacheEntry[] {
    return this.entries.filter((e) => e.iface === iface);
  }

  find(iface: string, proto: Ipv4): NhrpCacheEntry | undefined {
    return this.entries.find((e) => e.iface === iface && e.proto === proto);
  }

  upsert(entry: NhrpCacheEntry): void {
    const i = this.entries.findIndex((e) => e.iface === entry.iface && e.proto === entry.proto);
    if (i >= 0) this.entries[i] = entry;
    else this.entries.push(entry);
  }

  remove(pred: (e: NhrpCacheEntry) => boolean): NhrpCacheEntry[] {
    const gone = this.entries.filter(pred);
    this.entries = this.entries.filter((e) => !pred(e));
    return gone;
  }
}
