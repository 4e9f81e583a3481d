/**
 * IPv4 addresses and MAC addresses as plain values: an IPv4 address is an unsigned 32-bit number
 * (fast to compare, mask and hash), a MAC is a 6-byte Uint8Array.
 */
export type Ipv4 = number;

export function parseIpv4(text: string): Ipv4 | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    v = v * 256 + o;
  }
  return v >>> 0;
}

export function ipv4ToString(ip: Ipv4): string {
  return `${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/** Prefix length → netmask (0..32). */
export function prefixToMask(len: number): Ipv4 {
  if (len <= 0) return 0;
  if (len >= 32) return 0xffffffff;
  return (0xffffffff << (32 - len)) >>> 0;
}

/** Netmask → prefix length, or undefined if the mask is not contiguous. */
export function maskToPrefix(mask: Ipv4): number | undefined {
  let n = 0;
  let m = mask >>> 0;
  while (m & 0x80000000) {
    n++;
    m = (m << 1) >>> 0;
  }
  return m === 0 ? n : undefined;
}

export function networkOf(ip: Ipv4, mask: Ipv4): Ipv4 {
  return (ip & mask) >>> 0;
}

export function sameSubnet(a: Ipv4, b: Ipv4, mask: Ipv4): boolean {
  return ((a ^ b) & mask) >>> 0 === 0;
}

export function readIpv4(buf: Uint8Array, off: number): Ipv4 {
  return ((buf[off]! << 24) | (buf[off + 1]! << 16) | (buf[off + 2]! << 8) | buf[off + 3]!) >>> 0;
}

export function writeIpv4(buf: Uint8Array, off: number, ip: Ipv4): void {
  buf[off] = (ip >>> 24) & 255;
  buf[off + 1] = (ip >>> 16) & 255;
  buf[off + 2] = (ip >>> 8) & 255;
  buf[off + 3] = ip & 255;
}

export type Mac = Uint8Array;

export const BROADCAST_MAC: Mac = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** IOS dotted-triple form, e.g. "aabb.cc00.0100". */
export function macToIos(mac: Mac): string {
  const h = Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 4)}.${h.slice(4, 8)}.${h.slice(8, 12)}`;
}

export function macEquals(a: Mac, b: Mac): boolean {
  for (let i = 0; i < 6; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Internet checksum (RFC 1071) over `buf[off, off+len)`. */
export function internetChecksum(buf: Uint8Array, off = 0, len = buf.length - off): number {
  let sum = 0;
  let i = off;
  const end = off + len;
  for (; i + 1 < end; i += 2) sum += (buf[i]! << 8) | buf[i + 1]!;
  if (i < end) sum += buf[i]! << 8;
  while (sum >>> 16) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
