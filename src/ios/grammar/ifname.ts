/**
 * Interface names as IOS reads them: a type, abbreviated by any unique prefix and in any case,
 * followed by its unit either in the same word (`tu0`, `e0/0`, `Loopback0`) or in the next one
 * (`tunnel 0`, `Ethernet 0/0`). The result is the canonical name IOS prints (`Tunnel0`).
 */

import type { InterfaceTypeDef } from './types.js';

/** Types that shipped routers of the lab era offer; a session may pass its own table instead. */
export const DEFAULT_INTERFACE_TYPES: InterfaceTypeDef[] = [
  { name: 'Ethernet', help: 'IEEE 802.3', unitHelp: '<0-3>', slotted: true },
  { name: 'Loopback', help: 'Loopback interface', unitHelp: '<0-2147483647>', slotted: false },
  { name: 'Tunnel', help: 'Tunnel interface', unitHelp: '<0-2147483647>', slotted: false },
];

export interface TypeMatch {
  type: InterfaceTypeDef;
  /** Characters of the word that named the type. */
  typeLength: number;
}

/** Interface types whose name starts with `prefix` (case-insensitive); an exact name wins. */
export function matchTypes(table: readonly InterfaceTypeDef[], prefix: string): InterfaceTypeDef[] {
  const p = prefix.toLowerCase();
  if (p === '') return [...table];
  const exact = table.filter((t) => t.name.toLowerCase() === p);
  if (exact.length > 0) return exact;
  return table.filter((t) => t.name.toLowerCase().startsWith(p));
}

/** Whether `unit` is a complete unit for this type (`0`, `0/0`). */
export function validUnit(type: InterfaceTypeDef, unit: string): boolean {
  const plain = /^\d{1,10}$/.test(unit);
  const slotted = /^\d{1,3}\/\d{1,3}$/.test(unit);
  if (type.slotted === true) return slotted;
  if (type.slotted === false) return plain;
  return plain || slotted;
}

/** Canonical unit text: leading zeros dropped as IOS does (`tu007` → `Tunnel7`). */
function canonicalUnit(unit: string): string {
  return unit
    .split('/')
    .map((p) => String(Number(p)))
    .join('/');
}

export type IfWordResult =
  | { kind: 'full'; name: string }
  /** The word names only the type; the unit must follow in the next word. */
  | { kind: 'type'; type: InterfaceTypeDef }
  | { kind: 'ambiguous' }
  | { kind: 'none' };

/** Read one word that should start an interface name. */
export function readInterfaceWord(table: readonly InterfaceTypeDef[], word: string): IfWordResult {
  const m = /^([A-Za-z][A-Za-z-]*)(.*)$/.exec(word);
  if (!m) return { kind: 'none' };
  const [, typePart, rest] = m as unknown as [string, string, string];
  const types = matchTypes(table, typePart);
  if (types.length === 0) return { kind: 'none' };
  if (types.length > 1) return { kind: 'ambiguous' };
  const type = types[0]!;
  if (rest === '') return { kind: 'type', type };
  if (!validUnit(type, rest)) return { kind: 'none' };
  return { kind: 'full', name: type.name + canonicalUnit(rest) };
}

/** Complete the second word of the two-word form (`tunnel` `0`). */
export function readInterfaceUnit(type: InterfaceTypeDef, word: string): string | undefined {
  return validUnit(type, word) ? type.name + canonicalUnit(word) : undefined;
}
