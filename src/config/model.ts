/**
 * The typed configuration model of one router: the single source of truth (DESIGN principle 5).
 * CLI commands change it through a ConfigStore; services re-read it when told a topic changed;
 * `show running-config` renders it. Defaults here are the IOS defaults (PROTOCOL-FACTS).
 */
import type { Ipv4 } from '../wire/addr.js';
import { type AccessList, type CryptoConfig, defaultCryptoConfig } from './crypto.js';

export interface IpAddressConfig {
  address: Ipv4;
  mask: Ipv4;
}

export type TunnelMode = 'gre-ip' | 'gre-multipoint';

export interface TunnelConfig {
  /** `tunnel source Ethernet0/0` (interface name) or `tunnel source 172.16.1.1` (address text). */
  source?: string;
  destination?: Ipv4;
  mode: TunnelMode;
  key?: number;
  /** `tunnel protection ipsec profile NAME [shared]` (used by the crypto layer). */
  protection?: { profile: string; shared: boolean };
}

export interface NhrpMapConfig {
  proto: Ipv4;
  nbma: Ipv4;
}

export interface NhrpInterfaceConfig {
  networkId?: number;
  authentication?: string;
  /** `ip nhrp holdtime` in seconds; IOS default 7200. */
  holdtime?: number;
  maps: NhrpMapConfig[];
  /** `ip nhrp map multicast A.B.C.D` entries and/or `dynamic`. */
  multicastMaps: Array<Ipv4 | 'dynamic'>;
  nhs: Ipv4[];
  /** `ip nhrp registration timeout N`; default holdtime/3. */
  registrationTimeout?: number;
  registrationNoUnique: boolean;
}

export interface InterfaceConfig {
  /** Canonical name: `Ethernet0/0`, `Ethernet1`, `Loopback0`, `Tunnel0`. */
  readonly name: string;
  description?: string;
  shutdown: boolean;
  ip?: IpAddressConfig;
  /** `ip mtu N`; undefined = the interface's default. */
  ipMtu?: number;
  /** `ip tcp adjust-mss N`. */
  tcpAdjustMss?: number;
  /** `bandwidth N` in kbit/s; undefined = the interface type's default. */
  bandwidth?: number;
  /** `delay N` in tens of microseconds; undefined = default. */
  delay?: number;
  ipRedirects: boolean;
  ipProxyArp: boolean;
  /** AS numbers for which `no ip split-horizon eigrp N` is configured. */
  eigrpSplitHorizonOff: number[];
  /** `ip hello-interval eigrp AS N` / `ip hold-time eigrp AS N`. */
  eigrpHello: Record<number, number>;
  eigrpHold: Record<number, number>;
  tunnel?: TunnelConfig;
  nhrp: NhrpInterfaceConfig;
  /** `crypto map NAME` applied to the interface (crypto layer). */
  cryptoMap?: string;
}

export interface StaticRouteConfig {
  prefix: Ipv4;
  mask: Ipv4;
  nextHop?: Ipv4;
  /** Exit interface (`ip route 10.1.0.0 255.255.0.0 Ethernet1`). */
  iface?: string;
  distance: number;
}

export interface EigrpNetworkConfig {
  address: Ipv4;
  /** Wildcard; undefined = classful network of the address. */
  wildcard?: Ipv4;
}

export interface EigrpConfig {
  readonly as: number;
  networks: EigrpNetworkConfig[];
  autoSummary: boolean;
  passiveInterfaces: string[];
  routerId?: Ipv4;
}

export interface RouterConfig {
  hostname: string;
  enableSecret?: string;
  ipDomainLookup: boolean;
  ipRouting: boolean;
  interfaces: Map<string, InterfaceConfig>;
  staticRoutes: StaticRouteConfig[];
  eigrp: Map<number, EigrpConfig>;
  crypto: CryptoConfig;
  /** Numbered and named access lists, by number or name. */
  accessLists: Map<string, AccessList>;
  /** `logging console` level etc. are not modelled; `service timestamps` style is fixed to the IOS default. */
  /** Feature sections owned by other layers (crypto) hang their typed config here by key. */
  extensions: Map<string, unknown>;
}

export function defaultNhrpConfig(): NhrpInterfaceConfig {
  return { maps: [], multicastMaps: [], nhs: [], registrationNoUnique: false };
}

/** A fresh interface with IOS factory defaults: physical ports start shut down, virtual ones up. */
export function defaultInterfaceConfig(name: string): InterfaceConfig {
  const virtual = /^(Loopback|Tunnel)/.test(name);
  const cfg: InterfaceConfig = {
    name,
    shutdown: !virtual,
    ipRedirects: true,
    ipProxyArp: true,
    eigrpSplitHorizonOff: [],
    eigrpHello: {},
    eigrpHold: {},
    nhrp: defaultNhrpConfig(),
  };
  if (name.startsWith('Tunnel')) cfg.tunnel = { mode: 'gre-ip' };
  return cfg;
}

export function defaultRouterConfig(hostname = 'Router'): RouterConfig {
  return {
    hostname,
    ipDomainLookup: true,
    ipRouting: true,
    interfaces: new Map(),
    staticRoutes: [],
    eigrp: new Map(),
    crypto: defaultCryptoConfig(),
    accessLists: new Map(),
    extensions: new Map(),
  };
}

/** Things a configuration change can touch; services subscribe to the topics they care about. */
export type ConfigTopic =
  | { kind: 'hostname' }
  | { kind: 'interface'; name: string }
  | { kind: 'interface-removed'; name: string }
  | { kind: 'static-routes' }
  | { kind: 'eigrp'; as: number }
  | { kind: 'crypto' }
  | { kind: 'access-list'; name: string }
  | { kind: 'global' }
  | { kind: 'extension'; key: string };

/**
 * Holds a router's configuration and tells subscribers what changed. Commands mutate the model through
 * `update` so that every change is announced; nothing else writes the model.
 */
export class ConfigStore {
  readonly model: RouterConfig;
  private listeners: Array<(t: ConfigTopic) => void> = [];

  constructor(model: RouterConfig) {
    this.model = model;
  }

  subscribe(listener: (t: ConfigTopic) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Apply `mutate` to the model and announce `topic`. */
  update(topic: ConfigTopic, mutate: (m: RouterConfig) => void): void {
    mutate(this.model);
    this.announce(topic);
  }

  announce(topic: ConfigTopic): void {
    for (const l of [...this.listeners]) l(topic);
  }

  /** The interface's config, creating it with defaults if the router has such a port or it is virtual. */
  iface(name: string): InterfaceConfig | undefined {
    return this.model.interfaces.get(name);
  }

  updateInterface(name: string, mutate: (i: InterfaceConfig) => void): void {
    const i = this.model.interfaces.get(name);
    if (!i) return;
    mutate(i);
    this.announce({ kind: 'interface', name });
  }
}
