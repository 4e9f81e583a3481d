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
