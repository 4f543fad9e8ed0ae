// Header-value percent-encoding of the CloudEvents HTTP binding 1.0.2+
// (§3.1.3.2): space, double-quote, percent and everything outside printable
// ASCII (U+0021-U+007E) become the %XY of their UTF-8 bytes, upper-case hex.
// Nothing else is encoded: the binding says the result SHOULD NOT be encoded
// further, and receivers compare values byte for byte.

const HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
);

function needsEncoding(c: number): boolean {
  return c < 0x21 || c > 0x7e || c === 0x22 || c === 0x25;
}

function appendUtf8(out: string, cp: number): string {
  if (cp < 0x80) return out + HEX[cp];
  if (cp < 0x800) return out + HEX[0xc0 | (cp >> 6)] + HEX[0x80 | (cp & 0x3f)];
  if (cp < 0x10000) {
    return out + HEX[0xe0 | (cp >> 12)] + HEX[0x80 | ((cp >> 6) & 0x3f)] + HEX[0x80 | (cp & 0x3f)];
  }
  return (
    out +
    HEX[0xf0 | (cp >> 18)] +
    HEX[0x80 | ((cp >> 12) & 0x3f)] +
    HEX[0x80 | ((cp >> 6) & 0x3f)] +
    HEX[0x80 | (cp & 0x3f)]
  );
}

export function percentEncodeHeaderValue(value: string): string {
  // Fast path: most values (ids, types, URIs) need no encoding and are returned as they are.
  let i = 0;
  while (i < value.length && !needsEncoding(value.charCodeAt(i))) i++;
  if (i === value.length) return value;
  let out = value.slice(0, i);
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (!needsEncoding(c)) {
      out += value[i];
      i++;
      continue;
    }
    // A surrogate pair is one character (U+10000 and up); a lone surrogate has
    // no UTF-8 form, so it is sent as U+FFFD, as TextEncoder would.
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = value.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      cp = 0xfffd;
    }
    out = appendUtf8(out, cp);
    i++;
  }
  return out;
}

/**
 * The receiving side (§3.1.3.2): one round of percent-decoding; escapes that
 * are not well-formed UTF-8 (overlong forms, lone surrogates) are rejected.
 * Returns undefined for a value that cannot be decoded. Double-quoted header
 * values from pre-1.0.2 senders are not unquoted here.
 */
export function percentDecodeHeaderValue(value: string): string | undefined {
  if (value.indexOf('%') < 0) return value;
  try {
    // decodeURIComponent decodes exactly one round and throws on malformed
    // escapes and on invalid UTF-8, which is what the binding requires.
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
