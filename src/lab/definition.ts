/**
 * A lab as data: routers (with their ports and start configurations as IOS configuration text) and the
 * links between ports. Built-in labs are functions returning a definition; lab files parse into one.
 */
import type { StartState } from './runtime-api.js';

export interface LabRouterDef {
  name: string;
  /** Physical ports in hardware order. */
  ports: string[];
  /** Configuration lines typed in global configuration mode for each start state. */
  config: Record<StartState, string[]>;
  /** Infrastructure (the ISP): reachable as a console but not one of the lab's main panes. */
  auxiliary?: boolean;
}

export interface LabLinkDef {
  name: string;
  ends: Array<{ router: string; port: string }>;
  /** Crosses the simulated Internet (shown in the packet-flow view). */
  internet?: boolean;
}

export interface LabDefinition {
  name: string;
  description: string;
  release: string;
  routers: LabRouterDef[];
  links: LabLinkDef[];
}

/** A site's Internet uplink: its router, the port facing the ISP, and the port's /24 address. */
export interface InternetSite {
  router: string;
  port: string;
  wan: string;
}

/** The ISP's address on a site's WAN subnet: `.254` of the /24, the labs' convention. */
export function ispGatewayOf(wan: string): string {
  return wan.replace(/\.\d+$/, '.254');
}

/**
 * The Internet of the built-in labs: an ISP router with one port per site (in `ispPorts` order), owning
 * `.254` of each site's WAN /24, and a link from each site's uplink to its ISP port. The same in every
 * start state: the underlay a learner builds on is the site routers', not the ISP's.
 */
export function internetFor(sites: readonly InternetSite[], ispPorts: readonly string[]): { isp: LabRouterDef; links: LabLinkDef[] } {
  const config = sites.flatMap((s, k) => [`interface ${ispPorts[k]}`, ` ip address ${ispGatewayOf(s.wan)} 255.255.255.0`, ' no shutdown']);
  const links = sites.map((s, k) => ({ name: `wan-${s.router}`, ends: [{ router: s.router, port: s.port }, { router: 'ISP', port: ispPorts[k]! }], internet: true }));
  return { isp: { name: 'ISP', ports: [...ispPorts], config: { blank: config, underlay: config, solved: config }, auxiliary: true }, links };
}
