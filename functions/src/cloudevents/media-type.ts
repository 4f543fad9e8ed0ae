// Media-type (RFC 2045/2046) checks shared by the decoders, the encoders and
// validation. They run for every event, so they scan char codes in place
// instead of splitting and lowercasing strings.

// token = 1*<any CHAR except SPACE, CTLs and tspecials> (RFC 2045 §5.1).
const TOKEN = "[!#$%&'*+.^_`{|}~0-9A-Za-z-]+";
// quoted-string: printable characters (and tab), with backslash escapes, and
// obs-text (U+0080-U+00FF, RFC 9110 §5.6.4) but nothing above it: the value
// becomes an HTTP header, which Node refuses to send with such characters.
const QUOTED = '"(?:[\\t\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t\\x20-\\x7e])*"';
const MEDIA_TYPE = new RegExp(
  `^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED}))*[ \\t]*$`,
);

const STRUCTURED_JSON = 'application/cloudevents+json';

/** `type/subtype` with optional `; name=value` parameters. */
export function isMediaType(value: string): boolean {
  return MEDIA_TYPE.test(value);
}

/** End of the media type proper: before the first `;`, without trailing blanks. */
function mediaTypeEnd(value: string): number {
  let end = value.indexOf(';');
  if (end < 0) end = value.length;
  while (end > 0) {
    const c = value.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09) break;
    end--;
  }
  return end;
}

/** ASCII case-insensitive: does `value` hold `lower` (already lowercase) at `at`? */
function regionEqualsLower(value: string, at: number, lower: string): boolean {
  if (at < 0 || at + lower.length > value.length) return false;
  for (let i = 0; i < lower.length; i++) {
    let c = value.charCodeAt(at + i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * JSON-formatted content per the JSON event format §3.1: a media type, stripped
 * of parameters, of the form `* /json` or `* /*+json` (so `application/json`,
 * `text/json`, `application/cloudevents+json`, `application/ld+json`).
 */
export function isJsonMediaType(value: string): boolean {
  const end = mediaTypeEnd(value);
  const sep = value.charCodeAt(end - 5);
  return (sep === 0x2f || sep === 0x2b) && regionEqualsLower(value, end - 4, 'json');
}

/** `text/*`, whose data the JSON format carries as a string rather than base64. */
export function isTextMediaType(value: string): boolean {
  return regionEqualsLower(value, 0, 'text/');
}

/**
 * The Pub/Sub and HTTP bindings pick structured mode when the content type is
 * the JSON event format's media type, parameters allowed, in any letter case.
 */
export function isStructuredJsonMediaType(value: string): boolean {
  if (!regionEqualsLower(value, 0, STRUCTURED_JSON)) return false;
  return mediaTypeEnd(value) === STRUCTURED_JSON.length;
}

const CHARSET_PARAM = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * Whether text in this media type is UTF-8 (or its ASCII subset): true when no
 * charset is given, since RFC 6657 makes UTF-8 the sensible default for new text.
 */
export function hasUtf8Charset(value: string): boolean {
  const match = CHARSET_PARAM.exec(value);
  if (match === null) return true;
  const charset = match[1]!.toLowerCase();
  return charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii';
}
