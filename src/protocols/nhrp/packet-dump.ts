/**
 * The packet dump `debug nhrp packet` prints for every NHRP packet sent or received, rendered from the
 * decoded packet itself (so a wrong field on the wire shows up wrong in the debug, as on a router).
 *
 * Layout follows seed 000's dump (fixed part `(F)`, mandatory part `(M)`, one `(C-n)` block per client
 * information entry, then each extension by name). The seed gives these lines in Korean; the English
 * wording is back-translated from it and checked against third-party IOS captures of the same debug
 * (field names `afn`, `shtl`, `pktsz … extoff`, `src NBMA`, `hd_time`, `addr_len … pref`).
 */
import { ipv4ToString } from '../../wire/addr.js';
import {
  NHRP_CIE_CODE_NAMES,
  NHRP_EXT_AUTH,
  NHRP_EXT_END,
  NHRP_EXT_FORWARD_TRANSIT,
  NHRP_EXT_NAT,
  NHRP_EXT_RESPONDER,
  NHRP_EXT_REVERSE_TRANSIT,
  NHRP_EXT_VENDOR,
  NHRP_FLAG_NAT,
  NHRP_FLAG_UNIQUE,
  NHRP_REGISTRATION_REPLY,
  NHRP_REGISTRATION_REQUEST,
  type NhrpCie,
  type NhrpPacket,
  nhrpPacketSize,
} from '../../wire/nhrp.js';

/** Extension names as IOS prints them (back-translated from seed 000). */
const EXTENSION_NAMES: Record<number, string> = {
  [NHRP_EXT_RESPONDER]: 'Responder Address Extension',
  [NHRP_EXT_FORWARD_TRANSIT]: 'Forward Transit NHS Record Extension',
  [NHRP_EXT_REVERSE_TRANSIT]: 'Reverse Transit NHS Record Extension',
  [NHRP_EXT_AUTH]: 'Authentication Extension',
  [NHRP_EXT_VENDOR]: 'Vendor Private Extension',
  [NHRP_EXT_NAT]: 'NAT address Extension',
};

/** The quoted flag words of the mandatory part: registration packets say `"unique nat "`. */
function flagWords(p: NhrpPacket): string {
  let words = '';
  if (p.opType === NHRP_REGISTRATION_REQUEST || p.opType === NHRP_REGISTRATION_REPLY) {
    if (p.flags & NHRP_FLAG_UNIQUE) words += 'unique ';
    if (p.flags & NHRP_FLAG_NAT) words += 'nat ';
  }
  return words;
}

function cieLines(c: NhrpCie, index: number, indent: string): string[] {
  const code = NHRP_CIE_CODE_NAMES[c.code] ?? 'unknown';
  const pad = `${indent}      `;
  const lines = [
    `${indent}(C-${index}) code: ${code}(${c.code})`,
    `${pad}prefix: ${c.prefixLength}, mtu: ${c.mtu}, hd_time: ${c.holdTime}`,
    `${pad}addr_len: ${c.clientNbma !== undefined ? 4 : 0}(NSAP), subaddr_len: 0(NSAP), proto_len: ${c.clientProto !== undefined ? 4 : 0}, pref: ${c.preference}`,
  ];
  if (c.clientNbma !== undefined) lines.push(`${pad}client NBMA: ${ipv4ToString(c.clientNbma)}`);
  if (c.clientProto !== undefined) lines.push(`${pad}client protocol: ${ipv4ToString(c.clientProto)}`);
  return lines;
}

/** Lines of the fixed, mandatory and CIE parts and of every extension, in packet order. */
export function nhrpPacketDump(p: NhrpPacket): string[] {
  const { size, extOffset } = nhrpPacketSize(p);
  const lines = [
    ` (F) afn: IPv4(${p.afn}), type: IP(${p.protocolType.toString(16)}), hop: ${p.hopCount}, ver: ${p.version}`,
    '     shtl: 4(NSAP), sstl: 0(NSAP)',
    `     pktsz: ${size} extoff: ${extOffset}`,
    ` (M) flags: "${flagWords(p)}", reqid: ${p.requestId}`,
    `     src NBMA: ${ipv4ToString(p.srcNbma)}`,
    `     src protocol: ${ipv4ToString(p.srcProto)}, dst protocol: ${ipv4ToString(p.dstProto)}`,
  ];
  p.cies.forEach((c, i) => lines.push(...cieLines(c, i + 1, ' ')));
  for (const e of p.extensions) {
    if (e.type === NHRP_EXT_END) continue;
    lines.push(`${EXTENSION_NAMES[e.type] ?? 'Unknown Extension'}(${e.type}):`);
    if ('cies' in e) {
      // IOS numbers the CIE of an extension `(C)` in the Responder Address extension, `(C-n)` elsewhere.
      e.cies.forEach((c, i) => {
        const block = cieLines(c, i + 1, ' ');
        if (e.type === NHRP_EXT_RESPONDER) block[0] = block[0]!.replace(/\(C-\d+\)/, '(C)');
        lines.push(...block);
      });
    } else if ('authType' in e) {
      const data = new TextDecoder('latin1').decode(e.data);
      lines.push(`  type: ${e.authType === 1 ? 'Cleartext' : 'Unknown'}(${e.authType}), data: ${data}`);
    }
  }
  return lines;
}
