/**
 * A hash index from IPv4 prefixes (network, length) to small dense ids, kept in typed arrays.
 *
 * Why: a spoke of a 500-spoke lab holds some 2,000 prefixes in its EIGRP topology and again in its
 * routing table, a million per lab. As `Map` entries with an object per prefix (and the network boxed as
 * a heap number whenever it is over 2^31) that cost several hundred bytes a prefix; here a prefix costs a
 * few typed-array cells, and the tables built on it keep their fields in columns indexed by the id.
 *
 * Ids are reused after `remove`, so columns stay as long as the largest table ever held. Open addressing
 * with linear probing; removal leaves a tombstone, and the table is rebuilt when tombstones pile up.
 */

const EMPTY = 0;
const TOMBSTONE = -1;
const NO_LENGTH = 255;

/** Grow a typed-array column to at least `capacity` cells, keeping its contents. */
export function growColumn<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(column: T, capacity: number): T {
  if (column.length >= capacity) return column;
  const bigger = new (column.constructor as new (n: number) => T)(capacity);
  bigger.set(column);
  return bigger;
}

export class PrefixIndex {
  /** Network (as a signed 32-bit value, which V8 keeps unboxed) and length of each id. */
  private nets = new Int32Array(8);
  private lens = new Uint8Array(8).fill(NO_LENGTH);
  /** Hash slots: id + 1, EMPTY or TOMBSTONE. Kept at most half full. */
  private slots = new Int32Array(16);
  private slotsUsed = 0; // live ids plus tombstones
  private live = 0;
  private highWater = 0; // ids below this have been handed out
  private readonly freeIds: number[] = [];
  /** Live prefixes per length: lookups skip lengths nobody holds. */
  readonly perLength = new Uint32Array(33);

  /** Number of live prefixes. */
  get size(): number {
    return this.live;
  }

  /** Column length the owner of this index needs: every id handed out is below it. */
  get capacity(): number {
    return this.nets.length;
  }

  private static hash(net: number, len: number): number {
    return (Math.imul(net, 0x9e3779b1) ^ Math.imul(len + 1, 0x85ebca77)) >>> 0;
  }

  /** The id of a prefix, or -1. `net` must already be masked to `len`. */
  get(net: number, len: number): number {
    const n = net | 0;
    const mask = this.slots.length - 1;
    for (let s = PrefixIndex.hash(n, len) & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === EMPTY) return -1;
      if (v > 0 && this.nets[v - 1] === n && this.lens[v - 1] === len) return v - 1;
    }
  }

  /** The id of a prefix, adding it if it is new. Check `capacity` afterwards to grow columns. */
  add(net: number, len: number): number {
    const found = this.get(net, len);
    if (found >= 0) return found;
    if ((this.slotsUsed + 1) * 2 > this.slots.length) this.rehash(this.live + 1);
    const id = this.freeIds.pop() ?? this.highWater++;
    if (id >= this.nets.length) {
      const cap = this.nets.length * 2;
      this.nets = growColumn(this.nets, cap);
      const lens = new Uint8Array(cap).fill(NO_LENGTH);
      lens.set(this.lens);
      this.lens = lens;
    }
    this.nets[id] = net | 0;
    this.lens[id] = len;
    this.insertSlot(id);
    this.slotsUsed++;
    this.live++;
    this.perLength[len]!++;
    return id;
  }

  remove(id: number): void {
    const len = this.lens[id]!;
    if (len === NO_LENGTH) return;
    const mask = this.slots.length - 1;
    for (let s = PrefixIndex.hash(this.nets[id]!, len) & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === EMPTY) break;
      if (v === id + 1) {
        this.slots[s] = TOMBSTONE;
        break;
      }
    }
    this.lens[id] = NO_LENGTH;
    this.freeIds.push(id);
    this.live--;
    this.perLength[len]!--;
  }

  has(id: number): boolean {
    return id >= 0 && id < this.highWater && this.lens[id] !== NO_LENGTH;
  }

  /** Network of an id as an unsigned address. */
  network(id: number): number {
    return this.nets[id]! >>> 0;
  }

  length(id: number): number {
    return this.lens[id]!;
  }

  /** Every live id, in id order. */
  ids(): number[] {
    const out: number[] = [];
    for (let id = 0; id < this.highWater; id++) if (this.lens[id] !== NO_LENGTH) out.push(id);
    return out;
  }

  clear(): void {
    this.lens.fill(NO_LENGTH);
    this.slots.fill(EMPTY);
    this.slotsUsed = 0;
    this.live = 0;
    this.highWater = 0;
    this.freeIds.length = 0;
    this.perLength.fill(0);
  }

  private insertSlot(id: number): void {
    const mask = this.slots.length - 1;
    let s = PrefixIndex.hash(this.nets[id]!, this.lens[id]!) & mask;
    while (this.slots[s]! > 0) s = (s + 1) & mask;
    this.slots[s] = id + 1;
  }

  /** Rebuild the hash slots for `want` live ids, dropping tombstones. */
  private rehash(want: number): void {
    let size = 16;
    while (size < want * 4) size *= 2;
    this.slots = new Int32Array(size);
    for (let id = 0; id < this.highWater; id++) if (this.lens[id] !== NO_LENGTH) this.insertSlot(id);
    this.slotsUsed = this.live;
  }
}
