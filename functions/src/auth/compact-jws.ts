// A JWT in compact JWS form, split into what a signature check needs, and
// signed the same way. node:crypto does the cryptography; this only handles the
// encoding (RFC 7515 §7.1), so dispatch needs no JOSE library at cold start.
import { type KeyObject, sign } from 'node:crypto';
import { PushTokenRejected } from '../errors';

export interface CompactJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
  /** `base64url(header) . base64url(payload)`: the bytes the signature covers. */
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** Named as jose names it (JWSInvalid), so logs read the same as with jose. */
export class MalformedJws extends PushTokenRejected {
  constructor(detail: string) {
    super(`JWSInvalid: ${detail}`);
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function jsonObject(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new MalformedJws(`the ${what} is not base64url-encoded JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedJws(`the ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Parses, never verifies: the caller checks `alg` and the signature before trusting anything in it. */
export function parseCompactJws(token: string): CompactJws {
  const parts = token.split('.');
  if (parts.length !== 3) throw new MalformedJws('a JWT has three parts separated by "."');
  const [header, payload, signature] = parts as [string, string, string];
  if (
    !header ||
    !payload ||
    !BASE64URL.test(header) ||
    !BASE64URL.test(payload) ||
    !BASE64URL.test(signature)
  ) {
    throw new MalformedJws('the parts of a JWT are non-empty base64url');
  }
  return {
    header: jsonObject(header, 'header'),
    payload: jsonObject(payload, 'payload'),
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

export type SigningAlg = 'RS256' | 'ES256' | 'EdDSA';

/** Signs `claims` as a JWT (header `{alg, kid, typ: "JWT"}`) with `key`, which must suit `alg`. */
export function signJwt(
  alg: SigningAlg,
  kid: string,
  key: KeyObject,
  claims: Readonly<Record<string, unknown>>,
): string {
  const header = Buffer.from(JSON.stringify({ alg, kid, typ: 'JWT' })).toString('base64url');
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature =
    alg === 'EdDSA'
      ? sign(null, Buffer.from(input), key)
      : // JWS wants ECDSA signatures as r || s, not DER (RFC 7518 §3.4).
        sign('sha256', Buffer.from(input), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${signature.toString('base64url')}`;
}
