// POST /v1/queues/{name}:rotate-secret: a new signing secret, shown once. The
// old one keeps signing beside it for a grace period (EVENTQ_SECRET_GRACE_SECONDS,
// or `graceSeconds` in the body, checked by the RotateSecret schema: at most
// 7 days), so receivers can switch without a gap. A queue keeps at most
// MAX_SIGNING_SECRETS (3): the new one and the two newest still within their
// grace; older ones stop signing at once and the answer counts them
// (`droppedSecrets`).

import { generateEd25519Keys } from '../../delivery/ed25519-keys';
import { generateWebhookSecret } from '../../delivery/webhook-signature';
import { ValidationError } from '../../errors';
import { MAX_SIGNING_SECRETS, type QueueDefinition, type SigningSecret } from '../../queues/queue-definition';
import type { RouteHandler } from '../api-context';
import type { RotateSecretBody } from '../schemas/request-bodies';
import { findQueue } from './find-queue';

export interface Rotation {
  /** Newest first: the new secret, then at most MAX_SIGNING_SECRETS - 1 rotated-out ones. */
  readonly secrets: SigningSecret[];
  /** Rotated-out secrets that were still signing and stop now, to stay within MAX_SIGNING_SECRETS. */
  readonly dropped: number;
}

/** The secrets after rotating in `secret` at `now`; expired ones go silently, the oldest beyond the cap are dropped. */
export function rotateSecrets(
  current: readonly SigningSecret[],
  secret: string,
  now: number,
  graceMs: number,
): Rotation {
  const expiresAt = now + graceMs;
  const signing: SigningSecret[] = current
    .filter((s) => s.expiresAt === undefined || s.expiresAt > now)
    .map((s) => ({ value: s.value, expiresAt: Math.min(s.expiresAt ?? expiresAt, expiresAt) }))
    .filter((s) => s.expiresAt > now);
  // Stored newest first, so the ones kept are the newest.
  const kept = signing.slice(0, MAX_SIGNING_SECRETS - 1);
  return { secrets: [{ value: secret }, ...kept], dropped: signing.length - kept.length };
}

export const rotateSecret: RouteHandler<RotateSecretBody> = async ({ tenant, params, body }, services) => {
  const grace = body.graceSeconds ?? services.config.secretGraceSeconds;
  const queue = await findQueue(tenant, params.name, services);
  if (queue.kind !== 'push') throw new ValidationError('a pull queue has no signing secret');
  const now = services.now();
  const keys = queue.signature === 'v1a' ? generateEd25519Keys() : undefined;
  const secret = keys?.secretKey ?? generateWebhookSecret();
  const rotation = rotateSecrets(queue.secrets, secret, now, grace * 1000);
  const updated: QueueDefinition = {
    ...queue,
    secrets: rotation.secrets,
    updatedAt: new Date(now).toISOString(),
  };
  await services.queues.replace(updated);
  return {
    status: 200,
    body: {
      // A v1a queue's new secret key never leaves eventq: its public key is what receivers need.
      ...(keys ? { publicKey: keys.publicKey } : { secret }),
      ...(rotation.secrets.length > 1
        ? { previousSecretExpiresAt: new Date(now + grace * 1000).toISOString() }
        : {}),
      droppedSecrets: rotation.dropped,
    },
  };
};
