/**
 * The hardware and IOS release a router emulates. Output that differs between releases (the routing
 * table's local routes, EIGRP syslog wording, ISAKMP debug prefixes) asks the platform, in one place.
 */
export interface Platform {
  /** IOS release string, e.g. "15.1(4)M4" or "12.2(24a)". */
  release: string;
  /** Major.minor train as a number, e.g. 15.1 or 12.2. */
  train: number;
  /** Hardware model line of `show version`, e.g. "Cisco 2911". */
  model: string;
  /** Image name for `show version`, e.g. "C2900-UNIVERSALK9-M". */
  image: string;
  /** Whether the routing table has `L` local /32 routes (15.0 and later). */
  localRoutes: boolean;
}

export function platformFor(release: string): Platform {
  const m = /^(\d+)\.(\d+)/.exec(release);
  const train = m ? Number(`${m[1]}.${m[2]}`) : 15.1;
  if (train >= 15) {
    return { release, train, model: 'Cisco 2911', image: 'C2900-UNIVERSALK9-M', localRoutes: true };
  }
  return { release, train, model: 'Cisco 2621', image: 'C2600-IK9O3S3-M', localRoutes: false };
}
