// Standard Webhooks signatures: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">,
// keyed by the bytes of a `whsec_<base64>` secret. During a rotation several
// secrets sign, and the header carries each signature, space-separated.

import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { BoundedMap } from '../caching/bounded-map';

const SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

export function secretKey(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
}

/** Decoded secrets; a queue signs with the same one or two for weeks. */
const signingKeys = new BoundedMap<string, KeyObject>(10_000);

/** The HMAC key of a `whsec_` secret, decoded once per secret rather than per delivery. */
function signingKey(secret: string): KeyObject {
  let key = signingKeys.get(secret);
  if (key === undefined) {
    key = createSecretKey(secretKey(secret));
    signingKeys.set(secret, key);
  }
  return key;
}

/** The header value: one `v1,<signature>` per secret (whsec_…), space-separated. */
export function signWebhook(secrets: readonly string[], id: string, timestamp: number, body: Buffer): string {
  const prefix = `${id}.${timestamp}.`;
  return secrets
    .map(
      (secret) =>
        `v1,${createHmac('sha256', signingKey(secret)).update(prefix).update(body).digest('base64')}`,
    )
    .join(' ');
}
