/**
 * The built-in labs by name, and loading a lab from options (name or lab file).
 */
import type { LabDefinition } from './definition.js';
import type { LabOptions } from './runtime-api.js';
import { dmvpnPhase1 } from './dmvpn-phase1.js';
import { ipsecHubSpoke } from './ipsec-hub-spoke.js';
import { Lab } from './lab.js';

export interface LabCatalogEntry {
  name: string;
  description: string;
  build(spokes?: number): LabDefinition;
}

export const BUILTIN_LABS: LabCatalogEntry[] = [
  {
    name: 'dmvpn-phase1',
    description: 'DMVPN Phase 1 hub and spokes: mGRE, NHRP registration, EIGRP over the tunnel (seed 000)',
    build: (spokes) => dmvpnPhase1(spokes ?? 2),
  },
  {
    name: 'ipsec-hub-spoke',
    description: 'IPsec hub and three spokes with crypto maps; the hub re-encrypts spoke-to-spoke traffic (seed 001)',
    build: () => ipsecHubSpoke(),
  },
];

export class LabNotFoundError extends Error {}

export function findLab(name: string): LabCatalogEntry | undefined {
  return BUILTIN_LABS.find((l) => l.name === name);
}

export function loadLab(opts: LabOptions): Lab {
  const entry = findLab(opts.lab);
  if (!entry) throw new LabNotFoundError(`unknown lab "${opts.lab}" (known: ${BUILTIN_LABS.map((l) => l.name).join(', ')})`);
  return new Lab(entry.build(opts.spokes), opts);
}
