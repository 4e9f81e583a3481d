/**
 * Decoding never throws: every decoder returns a DecodeResult. A failure names what was wrong and the
 * byte offset where decoding stopped, so malformed packets can be counted and logged the way IOS does.
 */
export type DecodeErrorCode =
  | 'truncated' // fewer bytes than a header or length field requires
  | 'bad-version'
  | 'bad-length' // a length field disagrees with the buffer or the structure
  | 'bad-checksum'
  | 'bad-value' // a field holds a value the protocol forbids
  | 'unsupported'; // well-formed but outside what the simulator models

export type DecodeResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: DecodeErrorCode; offset: number; message: string };

export function ok<T>(value: T): DecodeResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: DecodeErrorCode, offset: number, message: string): DecodeResult<T> {
  return { ok: false, error, offset, message };
}
