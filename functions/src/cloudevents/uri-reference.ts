// RFC 3986 syntax checks for `source` (URI-reference) and `dataschema` (URI).
// Compiled once from the RFC's ABNF; only ASCII is allowed (an IRI must be
// percent-encoded to become a URI), so whitespace, control characters and
// malformed `%` escapes fail.

const PCT = '%[0-9A-Fa-f]{2}';
// unreserved / sub-delims
const UNRESERVED_SUB = "A-Za-z0-9\\-._~!$&'()*+,;=";
const PCHAR = `(?:[${UNRESERVED_SUB}:@]|${PCT})`;
// segment-nz-nc: the first segment of a relative path must not contain ':',
// or it would read as a scheme.
const PCHAR_NC = `(?:[${UNRESERVED_SUB}@]|${PCT})`;
const SCHEME = '[A-Za-z][A-Za-z0-9+.-]*';
// IP-literal kept loose (IPv6 and IPvFuture share these characters).
const HOST = `(?:\\[[0-9A-Za-z._~!$&'()*+,;=:-]+\\]|(?:[${UNRESERVED_SUB}]|${PCT})*)`;
const AUTHORITY = `(?:(?:[${UNRESERVED_SUB}:]|${PCT})*@)?${HOST}(?::[0-9]*)?`;
const QUERY = `(?:\\?(?:${PCHAR}|[/?])*)?`;
const FRAGMENT = `(?:#(?:${PCHAR}|[/?])*)?`;

// hier-part: "//" authority path-abempty / path-absolute / path-rootless / path-empty
const HIER_PART = `(?://${AUTHORITY}(?:/${PCHAR}*)*|/?(?:${PCHAR}+(?:/${PCHAR}*)*)?)`;
// relative-part: as hier-part, but path-noscheme instead of path-rootless
const RELATIVE_PART = `(?://${AUTHORITY}(?:/${PCHAR}*)*|/(?:${PCHAR}+(?:/${PCHAR}*)*)?|${PCHAR_NC}+(?:/${PCHAR}*)*|)`;

const URI = new RegExp(`^${SCHEME}:${HIER_PART}${QUERY}${FRAGMENT}$`);
const RELATIVE_REF = new RegExp(`^${RELATIVE_PART}${QUERY}${FRAGMENT}$`);

/** RFC 3986 §4.1 URI-reference: a URI or a relative reference. */
export function isUriReference(value: string): boolean {
  return URI.test(value) || RELATIVE_REF.test(value);
}

/**
 * A URI with a scheme (RFC 3986 §3). CloudEvents' `URI` type names
 * absolute-URI, which has no fragment; a fragment is accepted here because
 * schema references such as `https://example.com/s.json#/defs/order` are common
 * and harmless.
 */
export function isAbsoluteUri(value: string): boolean {
  return URI.test(value);
}
