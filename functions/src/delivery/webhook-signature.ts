// Standard Webhooks signatures of "<id>.<timestamp>.<body>": `v1,<base64 HMAC-SHA256>`
// keyed by the bytes of a `whsec_<base64>` secret, or `v1a,<base64 Ed25519
// signature>` with a `whsk_` secret key (ed25519-keys.ts). During a rotation
// several secrets sign, and the header carries each signature, space-separated.

import { createHmac, createSecretKey, type KeyObject, randomBytes, sign } from 'node:crypto';
import { BoundedMap } from '../caching/bounded-map';
import { ed25519PrivateKey, isEd25519SecretKey } from './ed25519-keys';

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

/** The header value: one signature per secret (`v1,…` for whsec_, `v1a,…` for whsk_), space-separated. */
export function signWebhook(secrets: readonly string[], id: string, timestamp: number, body: Buffer): string {
  const prefix = `${id}.${timestamp}.`;
  // Ed25519 cannot sign a stream (it hashes the message twice): the signed content is built once.
  let content: Buffer | undefined;
  return secrets
    .map((secret) => {
      if (!isEd25519SecretKey(secret)) {
        return `v1,${createHmac('sha256', signingKey(secret)).update(prefix).update(body).digest('base64')}`;
      }
      content ??= Buffer.concat([Buffer.from(prefix), body]);
      return `v1a,${sign(null, content, ed25519PrivateKey(secret)).toString('base64')}`;
    })
    .join(' ');
}
