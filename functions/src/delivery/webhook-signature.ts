// Standard Webhooks signatures: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">,
// keyed by the bytes of a `whsec_<base64>` secret. During a rotation several
// secrets sign, and the header carries each signature, space-separated.
import { createHmac, randomBytes } from 'node:crypto';

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

export function signWebhook(keys: readonly Buffer[], id: string, timestamp: number, body: Buffer): string {
  const prefix = `${id}.${timestamp}.`;
  return keys
    .map((key) => `v1,${createHmac('sha256', key).update(prefix).update(body).digest('base64')}`)
    .join(' ');
}
