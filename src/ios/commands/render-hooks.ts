/**
 * Extension points of `show running-config`: each feature contributes the lines it owns, so the
 * renderer never needs to know about NHRP, EIGRP or crypto. Lines are placed by an order key, which
 * follows the order IOS prints them in (seed 000's `show running-config` is the reference).
 */
import type { InterfaceConfig } from '../../config/model.js';
import type { Router } from '../../router/router.js';

export interface InterfaceLineRenderer {
  /** Where these lines go among an interface's lines (see INTERFACE_ORDER). */
  order: number;
  render(cfg: InterfaceConfig, router: Router): string[];
}

export interface GlobalSectionRenderer {
  /** Where the section goes in the whole configuration (see SECTION_ORDER). */
  order: number;
  render(router: Router): string[][];
}

/** Interface line order: description, address, redirects, mtu, NHRP, mss, EIGRP, shutdown, tunnel, crypto. */
export const INTERFACE_ORDER = {
  description: 10,
  address: 20,
  redirects: 30,
  mtu: 40,
  nhrp: 50,
  mss: 60,
  eigrp: 70,
  bandwidth: 75,
  shutdown: 80,
  tunnel: 90,
  tunnelProtection: 95,
  cryptoMap: 97,
} as const;

/** Global order: crypto before interfaces, routing processes after them, then static routes and ACLs. */
export const SECTION_ORDER = {
  crypto: 10,
  routing: 60,
  staticRoutes: 70,
  accessLists: 80,
} as const;

const interfaceRenderers: InterfaceLineRenderer[] = [];
const sectionRenderers: GlobalSectionRenderer[] = [];

export function registerInterfaceRenderer(r: InterfaceLineRenderer): void {
  if (!interfaceRenderers.includes(r)) interfaceRenderers.push(r);
}

export function registerSectionRenderer(r: GlobalSectionRenderer): void {
  if (!sectionRenderers.includes(r)) sectionRenderers.push(r);
}

export function interfaceLineRenderers(): InterfaceLineRenderer[] {
  return [...interfaceRenderers].sort((a, b) => a.order - b.order);
}

export function globalSectionRenderers(): GlobalSectionRenderer[] {
  return [...sectionRenderers].sort((a, b) => a.order - b.order);
}
