/** The modes every IOS router has; feature modules add theirs (`(config-isakmp)#`, …) to this list. */

import type { ModeDef, ModeId } from '../grammar/types.js';

export const STANDARD_MODES: ModeDef[] = [
  { id: 'user-exec', promptSuffix: '>', helpHeader: 'Exec commands:' },
  { id: 'priv-exec', promptSuffix: '#', helpHeader: 'Exec commands:' },
  { id: 'global', promptSuffix: '(config)#', parent: 'priv-exec', helpHeader: 'Configure commands:', exitHelp: 'Exit from configure mode' },
  {
    id: 'interface',
    promptSuffix: '(config-if)#',
    parent: 'global',
    helpHeader: 'Interface configuration commands:',
    exitHelp: 'Exit from interface configuration mode',
  },
  {
    id: 'router',
    promptSuffix: '(config-router)#',
    parent: 'global',
    helpHeader: 'Router configuration commands:',
    exitHelp: 'Exit from routing protocol configuration mode',
  },
  {
    id: 'line',
    promptSuffix: '(config-line)#',
    parent: 'global',
    helpHeader: 'Line configuration commands:',
    exitHelp: 'Exit from line configuration mode',
  },
  // Crypto and ACL submodes, with the prompts IOS shows (PROTOCOL-FACTS §6).
  {
    id: 'isakmp-policy',
    promptSuffix: '(config-isakmp)#',
    parent: 'global',
    helpHeader: 'ISAKMP commands:',
    exitHelp: 'Exit from ISAKMP protection suite configuration mode',
  },
  {
    id: 'transform-set',
    promptSuffix: '(cfg-crypto-trans)#',
    parent: 'global',
    helpHeader: 'Crypto transform configuration commands:',
    exitHelp: 'Exit from crypto transform configuration mode',
  },
  {
    id: 'ipsec-profile',
    promptSuffix: '(ipsec-profile)#',
    parent: 'global',
    helpHeader: 'Crypto Map configuration commands:',
    exitHelp: 'Exit from crypto map configuration mode',
  },
  {
    id: 'crypto-map',
    promptSuffix: '(config-crypto-map)#',
    parent: 'global',
    helpHeader: 'Crypto Map configuration commands:',
    exitHelp: 'Exit from crypto map configuration mode',
  },
  {
    id: 'ext-nacl',
    promptSuffix: '(config-ext-nacl)#',
    parent: 'global',
    helpHeader: 'Ext Access List configuration commands:',
    exitHelp: 'Exit from access-list configuration mode',
  },
];

/** Mode lookups over one session's table. */
export class ModeTable {
  private readonly byId = new Map<ModeId, ModeDef>();

  constructor(defs: readonly ModeDef[]) {
    for (const d of defs) this.byId.set(d.id, d);
    for (const need of ['user-exec', 'priv-exec', 'global']) {
      if (!this.byId.has(need)) throw new Error(`mode table lacks '${need}'`);
    }
  }

  get(id: ModeId): ModeDef | undefined {
    return this.byId.get(id);
  }

  all(): ModeDef[] {
    return [...this.byId.values()];
  }

  /** The mode and its parents, nearest first (`interface`, `global`, `priv-exec`). */
  chain(id: ModeId): ModeId[] {
    const out: ModeId[] = [];
    for (let m: ModeId | undefined = id; m !== undefined && !out.includes(m); m = this.byId.get(m)?.parent) out.push(m);
    return out;
  }

  /** Configuration modes are `global` and every mode below it. */
  isConfig(id: ModeId): boolean {
    return this.chain(id).includes('global');
  }

  configModes(): ModeId[] {
    return this.all()
      .map((m) => m.id)
      .filter((m) => this.isConfig(m));
  }
}
