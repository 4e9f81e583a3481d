/**
 * Numbers IKEv1 puts on the wire beyond the ISAKMP framing: the IPsec DOI (RFC 2407), notify types,
 * identification types, and the vendor IDs an IOS peer sends and recognises (NAT-T drafts and RFC 3947,
 * DPD from RFC 3706, Cisco Unity and XAUTH).
 */

export const DOI_IPSEC = 1;
export const SIT_IDENTITY_ONLY = 1;

/** Protocol ids in proposals and notifies. */
export const PROTO_ISAKMP = 1;
export const PROTO_IPSEC_ESP = 3;

/** ESP transform ids (RFC 2407 §4.4.4, RFC 3602 for AES). */
export const ESP_DES = 2;
export const ESP_3DES = 3;
export const ESP_AES = 12;

/** IPsec SA attributes (RFC 2407 §4.5). */
export const SA_LIFE_TYPE = 1;
export const SA_LIFE_DURATION = 2;
export const SA_GROUP = 3;
export const SA_ENCAPSULATION = 4;
export const SA_AUTH_ALG = 5;
export const SA_KEY_LENGTH = 6;
export const LIFE_SECONDS = 1;
export const LIFE_KILOBYTES = 2;
export const ENCAP_TUNNEL = 1;
export const ENCAP_TRANSPORT = 2;
export const AUTH_HMAC_MD5 = 1;
export const AUTH_HMAC_SHA = 2;
export const AUTH_HMAC_SHA256 = 5;

/** Identification types (RFC 2407 §4.6.2.1). */
export const ID_IPV4_ADDR = 1;
export const ID_IPV4_ADDR_SUBNET = 4;

/** Notify message types (RFC 2408 §3.14.1, RFC 2407 §4.6.3, RFC 3706). */
export const NOTIFY_PAYLOAD_MALFORMED = 16;
export const NOTIFY_INVALID_ID_INFORMATION = 18;
export const NOTIFY_NO_PROPOSAL_CHOSEN = 14;
export const NOTIFY_RESPONDER_LIFETIME = 24576;
export const NOTIFY_INITIAL_CONTACT = 24578;
export const NOTIFY_R_U_THERE = 36136;
export const NOTIFY_R_U_THERE_ACK = 36137;

/** How `debug crypto isakmp` names a notify type. */
export const NOTIFY_NAMES: Record<number, string> = {
  [NOTIFY_NO_PROPOSAL_CHOSEN]: 'PROPOSAL_NOT_CHOSEN',
  [NOTIFY_PAYLOAD_MALFORMED]: 'PAYLOAD_MALFORMED',
  [NOTIFY_INVALID_ID_INFORMATION]: 'INVALID_ID_INFO',
  [NOTIFY_RESPONDER_LIFETIME]: 'RESPONDER_LIFETIME',
  [NOTIFY_INITIAL_CONTACT]: 'INITIAL_CONTACT',
  // IOS names the RFC 3706 pair with a DPD/ prefix.
  [NOTIFY_R_U_THERE]: 'DPD/R_U_THERE',
  [NOTIFY_R_U_THERE_ACK]: 'DPD/R_U_THERE_ACK',
};

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));

/** A vendor ID and what IOS prints when it recognises it. */
export interface VendorId {
  name: string;
  bytes: Uint8Array;
  /** `vendor ID is …` text (undefined for the one that prints `speaking to another IOS box!`). */
  seen?: string;
}

export const VID_NAT_T_RFC3947: VendorId = { name: 'NAT-T vendor-rfc3947', bytes: hex('4a131c81070358455c5728f20e95452f'), seen: 'NAT-T RFC 3947' };
export const VID_NAT_T_07: VendorId = { name: 'NAT-T vendor-07', bytes: hex('439b59f8ba676c4c7737ae22eab8f582'), seen: 'NAT-T v7' };
export const VID_NAT_T_03: VendorId = { name: 'NAT-T vendor-03', bytes: hex('7d9419a65310ca6f2c179d9215529d56'), seen: 'NAT-T v3' };
export const VID_NAT_T_02: VendorId = { name: 'NAT-T vendor-02', bytes: hex('90cb80913ebb696e086381b5ec427b1f'), seen: 'NAT-T v2' };
export const VID_DPD: VendorId = { name: 'DPD', bytes: hex('afcad71368a1f1c96b8696fc77570100'), seen: 'DPD' };
export const VID_UNITY: VendorId = { name: 'Unity', bytes: hex('12f5f28c457168a9702d9fe274cc0100'), seen: 'Unity' };
/** XAUTH's registered 8 bytes, followed by the 8 that IOS appends (its byte 14 is the "major" IOS reports). */
export const VID_XAUTH: VendorId = { name: 'XAUTH', bytes: hex('09002689dfd6b71280a2e5e1a6c1e2e1'), seen: 'XAUTH' };
/**
 * The vendor ID one IOS box recognises another by. Its real content is Cisco's and not published; this
 * simulator's routers send this fixed value and recognise only it.
 */
export const VID_CISCO_IOS: VendorId = { name: 'IOS', bytes: hex('7de5d8a2d9c1e0a8f3b4c5d6e7f80000') };

/** MM1: the initiator advertises every NAT-T flavour it speaks. */
export const MM1_VENDOR_IDS = [VID_NAT_T_RFC3947, VID_NAT_T_07, VID_NAT_T_03, VID_NAT_T_02];
/** MM2: the responder answers with the flavour it picked. */
export const MM2_VENDOR_IDS = [VID_NAT_T_RFC3947];
/** MM3 (initiator → responder), in the order seed 000's hub processes them. */
export const MM3_VENDOR_IDS = [VID_DPD, VID_CISCO_IOS, VID_XAUTH];
/** MM4 (responder → initiator), in the order seed 000's spoke processes them. */
export const MM4_VENDOR_IDS = [VID_UNITY, VID_DPD, VID_CISCO_IOS];

const KNOWN_VIDS = [VID_NAT_T_RFC3947, VID_NAT_T_07, VID_NAT_T_03, VID_NAT_T_02, VID_DPD, VID_UNITY, VID_XAUTH, VID_CISCO_IOS];

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function recogniseVendorId(bytes: Uint8Array): VendorId | undefined {
  return KNOWN_VIDS.find((v) => sameBytes(v.bytes, bytes));
}

/**
 * IOS first tests every 16-byte vendor ID against the Unity/DPD layout, whose byte 14 is the major
 * version; a vendor ID that is neither prints `vendor ID seems Unity/DPD but major N mismatch` first.
 */
export function unityMajorMismatch(v: VendorId): number | undefined {
  if (v === VID_UNITY || v === VID_DPD || v === VID_CISCO_IOS || v.bytes.length < 16) return undefined;
  return v.bytes[14];
}
