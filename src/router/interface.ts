/**
 * Router interfaces: Ethernet ports on a segment, loopbacks and tunnels.
 *
 * Administrative state comes from the config (`shutdown`); line protocol is computed by each kind's
 * rule (Ethernet: admin up; loopback: admin up; tunnel: the IOS tunnel rules in tunnel-state.ts).
 * State changes produce the IOS syslog lines, from the router's logger, when they happen.
 */
import type { InterfaceConfig } from '../config/model.js';
import type { HostInterface, InterfaceKind } from '../protocols/host.js';
import type { Ipv4, Mac } from '../wire/addr.js';

/** Per-interface counters shown by `show interfaces`. */
export class InterfaceCounters {
  packetsIn = 0;
  bytesIn = 0;
  packetsOut = 0;
  bytesOut = 0;
  inputDrops = 0;
  outputDrops = 0;
  broadcastsIn = 0;
  multicastsIn = 0;
}

interface TypeDefaults {
  mtu: number;
  bandwidthKbps: number;
  delayUsec: number;
  hardware: string;
}

const DEFAULTS: Record<InterfaceKind, TypeDefaults> = {
  ethernet: { mtu: 1500, bandwidthKbps: 10000, delayUsec: 1000, hardware: 'AmdP2' },
  loopback: { mtu: 1514, bandwidthKbps: 8000000, delayUsec: 5000, hardware: 'Loopback' },
  tunnel: { mtu: 17916, bandwidthKbps: 100, delayUsec: 50000, hardware: 'Tunnel' },
};

export function interfaceKindOf(name: string): InterfaceKind {
  if (name.startsWith('Loopback')) return 'loopback';
  if (name.startsWith('Tunnel')) return 'tunnel';
  return 'ethernet';
}

export class RouterInterface implements HostInterface {
  readonly kind: InterfaceKind;
  readonly counters = new InterfaceCounters();
  lineUp = false;
  /** Physical layer state as last announced (`%LINK-3-UPDOWN`). */
  linkUp = false;
  /** Virtual time of the last line-protocol change (for `show interfaces` "Last input"/uptime). */
  lastChange = 0;
  /** Ethernet only: burned-in MAC address. */
  mac: Mac | undefined;
  /** Tunnel only: resolved source address, set by tunnel-state evaluation. */
  tunnelSourceIp: Ipv4 | undefined;

  constructor(
    readonly name: string,
    private readonly getConfig: () => InterfaceConfig,
  ) {
    this.kind = interfaceKindOf(name);
  }

  get config(): InterfaceConfig {
    return this.getConfig();
  }

  get adminUp(): boolean {
    return !this.config.shutdown;
  }

  get ip(): { address: Ipv4; mask: Ipv4 } | undefined {
    return this.config.ip;
  }

  get hardwareType(): string {
    return DEFAULTS[this.kind].hardware;
  }

  get mtu(): number {
    if (this.kind === 'tunnel') return this.config.tunnel?.key !== undefined ? 17912 : 17916;
    return DEFAULTS[this.kind].mtu;
  }

  /** Default IP MTU: the interface MTU, or for tunnels the transport MTU (1500 - GRE/IP overhead). */
  get ipMtu(): number {
    if (this.config.ipMtu !== undefined) return this.config.ipMtu;
    if (this.kind === 'tunnel') return this.tunnelTransportMtu;
    return this.kind === 'loopback' ? 1514 : 1500;
  }

  /** `Tunnel transport MTU 1476 bytes`: 1500 less 20 (IP) + 4 (GRE) + 4 (key, when set). */
  get tunnelTransportMtu(): number {
    return 1500 - 24 - (this.config.tunnel?.key !== undefined ? 4 : 0);
  }

  get bandwidthKbps(): number {
    return this.config.bandwidth ?? DEFAULTS[this.kind].bandwidthKbps;
  }

  get delayUsec(): number {
    return this.config.delay !== undefined ? this.config.delay * 10 : DEFAULTS[this.kind].delayUsec;
  }

  get tunnelDestination(): Ipv4 | undefined {
    return this.config.tunnel?.mode === 'gre-ip' ? this.config.tunnel.destination : undefined;
  }

  get multipoint(): boolean {
    return this.config.tunnel?.mode === 'gre-multipoint';
  }
}
