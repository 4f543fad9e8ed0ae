// POST /v1/queues/{name}:rotate-secret: a new signing secret, shown once. The
// old one keeps signing beside it for a grace period (EVENTQ_SECRET_GRACE_SECONDS,
// or `graceSeconds` in the body, checked by the RotateSecret schema), so
// receivers can switch without a gap.

import { generateWebhookSecret } from '../../delivery/webhook-signature';
import { ValidationError } from '../../errors';
import type { QueueDefinition, SigningSecret } from '../../queues/queue-definition';
import type { RouteHandler } from '../api-context';
import type { RotateSecretBody } from '../schemas/request-bodies';
import { findQueue } from './find-queue';

export const rotateSecret: RouteHandler<RotateSecretBody> = async ({ tenant, params, body }, services) => {
  const grace = body.graceSeconds ?? services.config.secretGraceSeconds;
  const queue = await findQueue(tenant, params.name, services);
  if (queue.kind !== 'push') throw new ValidationError('a pull queue has no signing secret');
  const now = services.now();
  const expiresAt = now + grace * 1000;
  const secret = generateWebhookSecret();
  const kept: SigningSecret[] = queue.secrets
    .filter((s) => s.expiresAt === undefined || s.expiresAt > now)
    .map((s) => ({ value: s.value, expiresAt: Math.min(s.expiresAt ?? expiresAt, expiresAt) }))
    .filter((s) => s.expiresAt > now);
  const updated: QueueDefinition = {
    ...queue,
    secrets: [{ value: secret }, ...kept],
    updatedAt: new Date(now).toISOString(),
  };
  await services.queues.replace(updated);
  return {
    status: 200,
    body: {
      secret,
      ...(kept.length > 0 ? { previousSecretExpiresAt: new Date(expiresAt).toISOString() } : {}),
    },
  };
};
