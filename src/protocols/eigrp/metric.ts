/**
 * Classic EIGRP composite metric with the default K-values (K1 = K3 = 1, K2 = K4 = K5 = 0):
 * 256 × (10^7 / minimum bandwidth in kbit/s + total delay in tens of microseconds) — RFC 7868 §5.6.
 * A path is carried as its two components, which is what routers advertise to each other.
 */
export interface PathVector {
  /** Total delay, tens of microseconds. */
  delay: number;
  /** Minimum bandwidth along the path, kbit/s. */
  bandwidthKbps: number;
  hopCount: number;
  mtu: number;
}

export const DEFAULT_K = { k1: 1, k2: 0, k3: 1, k4: 0, k5: 0, k6: 0 } as const;
/** Delay value meaning "unreachable" in an advertisement. */
export const UNREACHABLE = 0xffffffff;

export function scaledBandwidth(kbps: number): number {
  return Math.floor(10_000_000 / Math.max(1, kbps));
}

export function compositeMetric(p: PathVector): number {
  if (p.delay >= UNREACHABLE) return UNREACHABLE;
  return 256 * (scaledBandwidth(p.bandwidthKbps) + p.delay);
}

/** The path through an interface: add its delay, keep the smaller bandwidth. */
export function extendPath(p: PathVector, ifaceDelayUsec: number, ifaceBwKbps: number, ifaceMtu: number): PathVector {
  return {
    delay: p.delay >= UNREACHABLE ? UNREACHABLE : p.delay + Math.floor(ifaceDelayUsec / 10),
    bandwidthKbps: Math.min(p.bandwidthKbps, ifaceBwKbps),
    hopCount: p.hopCount + 1,
    mtu: Math.min(p.mtu, ifaceMtu),
  };
}

/**
 * Hello and hold timers IOS picks for an interface: 60/180 s only on low-speed (≤ T1) NBMA multipoint
 * media such as Frame Relay multipoint; everything these labs have (Ethernet, GRE and mGRE tunnels)
 * uses 5/15 s (PROTOCOL-FACTS §5.1).
 */
export function defaultTimers(): { hello: number; hold: number } {
  return { hello: 5, hold: 15 };
}
