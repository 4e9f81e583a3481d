/**
 * ISAKMP (RFC 2408) as IKEv1 (RFC 2409) uses it: the 28-byte header and the chain of payloads — SA with
 * proposals and transforms (attributes in TV or TLV form), KE, ID, HASH, NONCE, NOTIFY, DELETE, VENDOR
 * ID, NAT-D (RFC 3947) and any other type kept as raw bytes. When the header's E flag is set the body is
 * ciphertext: it stays opaque here and is decoded with `decodePayloadChain` once decrypted (the
 * trailing padding after the last payload is ignored, as RFC 2409 Appendix B allows).
 */
import { type DecodeResult, ok, fail } from './result.js';

export const ISAKMP_HEADER_LEN = 28;
export const ISAKMP_VERSION = 0x10;

export const EXCH_MAIN = 2;
export const EXCH_AGGRESSIVE = 4;
export const EXCH_INFO = 5;
export const EXCH_QUICK = 32;

export const FLAG_ENCRYPTED = 0x01;
export const FLAG_COMMIT = 0x02;
export const FLAG_AUTH_ONLY = 0x04;

export const PL_SA = 1;
export const PL_PROPOSAL = 2;
export const PL_TRANSFORM = 3;
export const PL_KE = 4;
export const PL_ID = 5;
export const PL_CERT = 6;
export const PL_CR = 7;
export const PL_HASH = 8;
export const PL_SIG = 9;
export const PL_NONCE = 10;
export const PL_NOTIFY = 11;
export const PL_DELETE = 12;
export const PL_VID = 13;
export const PL_NAT_D = 20;

const GENERIC_LEN = 4;

/** A data attribute: TV (2-byte value in the header) or TLV (a value of its own length). */
export type IsakmpAttribute = { type: number; value: number } | { type: number; bytes: Uint8Array };

export interface IsakmpTransform {
  number: number;
  id: number;
  attributes: IsakmpAttribute[];
}

export interface IsakmpProposal {
  number: number;
  protocol: number;
  spi: Uint8Array;
  transforms: IsakmpTransform[];
}

export type IsakmpPayload =
  | { type: typeof PL_SA; doi: number; situation: number; proposals: IsakmpProposal[] }
  | { type: typeof PL_ID; idType: number; protocol: number; port: number; data: Uint8Array }
  | { type: typeof PL_NOTIFY; doi: number; protocol: number; notifyType: number; spi: Uint8Array; data: Uint8Array }
  | { type: typeof PL_DELETE; doi: number; protocol: number; spiSize: number; spis: Uint8Array[] }
  /** KE, HASH, NONCE, VID, NAT-D, SIG, CERT, CR and unknown types: the body as bytes. */
  | { type: number; data: Uint8Array };

export interface IsakmpMessage {
  initiatorCookie: Uint8Array;
  responderCookie: Uint8Array;
  exchangeType: number;
  flags: number;
  messageId: number;
  /** Payloads of a cleartext message. */
  payloads: IsakmpPayload[];
  /** Type of the first payload of an encrypted body (the header's next-payload field). */
  firstPayload?: number;
  /** The ciphertext body when FLAG_ENCRYPTED is set (then `payloads` is empty). */
  encrypted?: Uint8Array;
}

const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 8) & 0xff;
  b[o + 1] = v & 0xff;
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 24) & 0xff;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

// ---- decoding ----------------------------------------------------------------------------------------

export function decodeIsakmp(b: Uint8Array): DecodeResult<IsakmpMessage> {
  if (b.length < ISAKMP_HEADER_LEN) return fail('truncated', b.length, `ISAKMP message of ${b.length} bytes is shorter than its 28-byte header`);
  if (b[17]! >> 4 !== 1) return fail('bad-version', 17, `ISAKMP major version ${b[17]! >> 4}`);
  const length = u32(b, 24);
  if (length < ISAKMP_HEADER_LEN || length > b.length) return fail('bad-length', 24, `ISAKMP length ${length} for ${b.length} bytes`);
  const next = b[16]!;
  const flags = b[19]!;
  const msg: IsakmpMessage = {
    initiatorCookie: b.slice(0, 8),
    responderCookie: b.slice(8, 16),
    exchangeType: b[18]!,
    flags,
    messageId: u32(b, 20),
    payloads: [],
  };
  const body = b.subarray(ISAKMP_HEADER_LEN, length);
  if (flags & FLAG_ENCRYPTED) return ok({ ...msg, firstPayload: next, encrypted: body.slice() });
  const chain = decodePayloadChain(next, body);
  if (!chain.ok) return fail(chain.error, chain.offset + ISAKMP_HEADER_LEN, chain.message);
  return ok({ ...msg, payloads: chain.value });
}

/** Walk a payload chain starting with type `first`; bytes after the last payload (padding) are ignored. */
export function decodePayloadChain(first: number, b: Uint8Array): DecodeResult<IsakmpPayload[]> {
  const out: IsakmpPayload[] = [];
  let type = first;
  let off = 0;
  while (type !== 0) {
    if (off + GENERIC_LEN > b.length) return fail('truncated', off, `payload ${type} header cut short`);
    const next = b[off]!;
    const len = u16(b, off + 2);
    if (len < GENERIC_LEN || off + len > b.length) return fail('bad-length', off + 2, `payload ${type} length ${len}`);
    const p = decodePayload(type, b.subarray(off + GENERIC_LEN, off + len));
    if (!p.ok) return fail(p.error, p.offset + off + GENERIC_LEN, p.message);
    out.push(p.value);
    type = next;
    off += len;
  }
  return ok(out);
}

function decodePayload(type: number, b: Uint8Array): DecodeResult<IsakmpPayload> {
  switch (type) {
    case PL_SA: {
      if (b.length < 8) return fail('truncated', 0, 'SA payload shorter than DOI and situation');
      const proposals = decodeProposals(b.subarray(8));
      if (!proposals.ok) return fail(proposals.error, proposals.offset + 8, proposals.message);
      return ok({ type: PL_SA, doi: u32(b, 0), situation: u32(b, 4), proposals: proposals.value });
    }
    case PL_ID:
      if (b.length < 4) return fail('truncated', 0, 'ID payload shorter than 4 bytes');
      return ok({ type: PL_ID, idType: b[0]!, protocol: b[1]!, port: u16(b, 2), data: b.slice(4) });
    case PL_NOTIFY: {
      if (b.length < 8) return fail('truncated', 0, 'NOTIFY payload shorter than 8 bytes');
      const spiSize = b[5]!;
      if (8 + spiSize > b.length) return fail('bad-length', 5, `NOTIFY SPI size ${spiSize}`);
      return ok({ type: PL_NOTIFY, doi: u32(b, 0), protocol: b[4]!, notifyType: u16(b, 6), spi: b.slice(8, 8 + spiSize), data: b.slice(8 + spiSize) });
    }
    case PL_DELETE: {
      if (b.length < 8) return fail('truncated', 0, 'DELETE payload shorter than 8 bytes');
      const spiSize = b[5]!;
      const count = u16(b, 6);
      if (8 + spiSize * count !== b.length) return fail('bad-length', 6, `DELETE with ${count} SPIs of ${spiSize} bytes in ${b.length} bytes`);
      const spis = Array.from({ length: count }, (_, i) => b.slice(8 + i * spiSize, 8 + (i + 1) * spiSize));
      return ok({ type: PL_DELETE, doi: u32(b, 0), protocol: b[4]!, spiSize, spis });
    }
    default:
      return ok({ type, data: b.slice() });
  }
}

function decodeProposals(b: Uint8Array): DecodeResult<IsakmpProposal[]> {
  const out: IsakmpProposal[] = [];
  let off = 0;
  for (;;) {
    if (off + 8 > b.length) return fail('truncated', off, 'proposal payload cut short');
    const next = b[off]!;
    const len = u16(b, off + 2);
    if (len < 8 || off + len > b.length) return fail('bad-length', off + 2, `proposal length ${len}`);
    const body = b.subarray(off + 4, off + len);
    const spiSize = body[2]!;
    const count = body[3]!;
    if (4 + spiSize > body.length) return fail('bad-length', off + 6, `proposal SPI size ${spiSize}`);
    const transforms = decodeTransforms(body.subarray(4 + spiSize), count);
    if (!transforms.ok) return fail(transforms.error, transforms.offset + off + 8 + spiSize, transforms.message);
    out.push({ number: body[0]!, protocol: body[1]!, spi: body.slice(4, 4 + spiSize), transforms: transforms.value });
    off += len;
    if (next === 0) return ok(out);
    if (next !== PL_PROPOSAL) return fail('bad-value', off - len, `proposal followed by payload ${next}`);
  }
}

function decodeTransforms(b: Uint8Array, count: number): DecodeResult<IsakmpTransform[]> {
  const out: IsakmpTransform[] = [];
  let off = 0;
  for (let i = 0; i < count; i++) {
    if (off + 8 > b.length) return fail('truncated', off, 'transform payload cut short');
    const len = u16(b, off + 2);
    if (len < 8 || off + len > b.length) return fail('bad-length', off + 2, `transform length ${len}`);
    const attrs = decodeAttributes(b.subarray(off + 8, off + len));
    if (!attrs.ok) return fail(attrs.error, attrs.offset + off + 8, attrs.message);
    out.push({ number: b[off + 4]!, id: b[off + 5]!, attributes: attrs.value });
    off += len;
  }
  return ok(out);
}

/** A bare attribute list (transform bodies; RESPONDER-LIFETIME notification data, RFC 2407 §4.6.3.1). */
export function decodeAttributes(b: Uint8Array): DecodeResult<IsakmpAttribute[]> {
  const out: IsakmpAttribute[] = [];
  let off = 0;
  while (off < b.length) {
    if (off + 4 > b.length) return fail('truncated', off, 'attribute cut short');
    const t = u16(b, off);
    if (t & 0x8000) {
      out.push({ type: t & 0x7fff, value: u16(b, off + 2) });
      off += 4;
      continue;
    }
    const len = u16(b, off + 2);
    if (off + 4 + len > b.length) return fail('bad-length', off + 2, `attribute ${t} length ${len}`);
    out.push({ type: t, bytes: b.slice(off + 4, off + 4 + len) });
    off += 4 + len;
  }
  return ok(out);
}

// ---- encoding ----------------------------------------------------------------------------------------

function attributeBytes(a: IsakmpAttribute): Uint8Array {
  if ('value' in a) {
    const b = new Uint8Array(4);
    put16(b, 0, 0x8000 | (a.type & 0x7fff));
    put16(b, 2, a.value);
    return b;
  }
  const b = new Uint8Array(4 + a.bytes.length);
  put16(b, 0, a.type & 0x7fff);
  put16(b, 2, a.bytes.length);
  b.set(a.bytes, 4);
  return b;
}

export function encodeAttributes(attrs: IsakmpAttribute[]): Uint8Array {
  return concat(attrs.map(attributeBytes));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** A generic payload: next-payload, reserved, length, body. */
function generic(next: number, body: Uint8Array): Uint8Array {
  const b = new Uint8Array(GENERIC_LEN + body.length);
  b[0] = next;
  put16(b, 2, b.length);
  b.set(body, GENERIC_LEN);
  return b;
}

function transformBytes(t: IsakmpTransform, last: boolean): Uint8Array {
  const head = new Uint8Array([t.number, t.id, 0, 0]);
  return generic(last ? 0 : PL_TRANSFORM, concat([head, ...t.attributes.map(attributeBytes)]));
}

function proposalBytes(p: IsakmpProposal, last: boolean): Uint8Array {
  const head = new Uint8Array([p.number, p.protocol, p.spi.length, p.transforms.length]);
  return generic(last ? 0 : PL_PROPOSAL, concat([head, p.spi, ...p.transforms.map((t, i) => transformBytes(t, i === p.transforms.length - 1))]));
}

function payloadBody(p: IsakmpPayload): Uint8Array {
  if (p.type === PL_SA && 'proposals' in p) {
    const head = new Uint8Array(8);
    put32(head, 0, p.doi);
    put32(head, 4, p.situation);
    return concat([head, ...p.proposals.map((x, i) => proposalBytes(x, i === p.proposals.length - 1))]);
  }
  if (p.type === PL_ID && 'idType' in p) {
    const head = new Uint8Array(4);
    head[0] = p.idType;
    head[1] = p.protocol;
    put16(head, 2, p.port);
    return concat([head, p.data]);
  }
  if (p.type === PL_NOTIFY && 'notifyType' in p) {
    const head = new Uint8Array(8);
    put32(head, 0, p.doi);
    head[4] = p.protocol;
    head[5] = p.spi.length;
    put16(head, 6, p.notifyType);
    return concat([head, p.spi, p.data]);
  }
  if (p.type === PL_DELETE && 'spis' in p) {
    const head = new Uint8Array(8);
    put32(head, 0, p.doi);
    head[4] = p.protocol;
    head[5] = p.spiSize;
    put16(head, 6, p.spis.length);
    return concat([head, ...p.spis]);
  }
  return 'data' in p ? p.data : new Uint8Array(0);
}

export function encodePayloadChain(payloads: IsakmpPayload[]): Uint8Array {
  return concat(payloads.map((p, i) => generic(payloads[i + 1]?.type ?? 0, payloadBody(p))));
}

export function encodeIsakmp(m: IsakmpMessage): Uint8Array {
  const encrypted = (m.flags & FLAG_ENCRYPTED) !== 0 && m.encrypted !== undefined;
  const body = encrypted ? m.encrypted! : encodePayloadChain(m.payloads);
  const b = new Uint8Array(ISAKMP_HEADER_LEN + body.length);
  b.set(m.initiatorCookie.subarray(0, 8), 0);
  b.set(m.responderCookie.subarray(0, 8), 8);
  b[16] = encrypted ? (m.firstPayload ?? 0) : (m.payloads[0]?.type ?? 0);
  b[17] = ISAKMP_VERSION;
  b[18] = m.exchangeType;
  b[19] = m.flags;
  put32(b, 20, m.messageId);
  put32(b, 24, b.length);
  b.set(body, ISAKMP_HEADER_LEN);
  return b;
}
