/**
 * EIGRP on one router: one process per `router eigrp AS`, created and removed with the configuration,
 * fed the IP protocol 88 packets that arrive and told about every interface and configuration change.
 */
import type { ProtocolHost } from '../host.js';
import { decodeEigrp } from '../../wire/eigrp.js';
import { EigrpProcess, IP_PROTO_EIGRP } from './process.js';
import { EIGRP_DEBUG_FLAGS } from './debug-flags.js';

export { EIGRP_DEBUG } from './debug-flags.js';
export { EigrpProcess } from './process.js';
export type { EigrpNeighbor } from './neighbor.js';
export { metricOf, reportedDistance, type TopologyEntry, type Candidate } from './topology.js';

export class EigrpService {
  readonly processes = new Map<number, EigrpProcess>();
  private syncQueued = false;

  constructor(private readonly host: ProtocolHost) {
    host.log.registerDebugFlags(EIGRP_DEBUG_FLAGS);
    host.onIpProtocol(IP_PROTO_EIGRP, (pkt, iface) => {
      const d = decodeEigrp(pkt.payload);
      if (!d.ok) return; // a malformed EIGRP packet is dropped like any bad checksum
      this.processes.get(d.value.as)?.receive(pkt.src, iface, d.value);
    });
    host.onInterfaceChange(() => this.queueSync());
    host.config.subscribe((t) => {
      if (t.kind === 'eigrp' || t.kind === 'interface' || t.kind === 'interface-removed') this.queueSync();
    });
  }

  process(as: number): EigrpProcess | undefined {
    return this.processes.get(as);
  }

  /** Interface and configuration events arrive mid-reconcile; act once the router has settled. */
  private queueSync(): void {
    if (this.syncQueued) return;
    this.syncQueued = true;
    this.host.sched.schedule(0, () => {
      this.syncQueued = false;
      this.sync();
    });
  }

  private sync(): void {
    const configured = this.host.config.model.eigrp;
    for (const [as, p] of this.processes) {
      if (configured.has(as)) continue;
      p.stop();
      this.processes.delete(as);
    }
    for (const as of configured.keys()) {
      if (!this.processes.has(as)) this.processes.set(as, new EigrpProcess(this.host, as));
    }
    for (const p of this.processes.values()) p.sync();
  }
}
