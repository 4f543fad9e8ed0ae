// POST /v1/queues/{name}:rotate-secret: a new signing secret, shown once. The
// old one keeps signing beside it for a grace period (EVENTQ_SECRET_GRACE_SECONDS,
// or `graceSeconds` in the body), so receivers can switch without a gap.

import { generateWebhookSecret } from '../../delivery/webhook-signature';
import { ValidationError } from '../../errors';
import type { QueueDefinition, SigningSecret } from '../../queues/queue-definition';
import type { RouteHandler } from '../api-context';
import { findQueue } from './find-queue';

const MAX_GRACE_SECONDS = 7 * 24 * 3600;

function graceSeconds(body: unknown, fallback: number): number {
  if (body === undefined) return fallback;
  const grace = (body as { graceSeconds?: unknown } | null)?.graceSeconds;
  const keys = typeof body === 'object' && body !== null ? Object.keys(body) : ['body'];
  if (keys.some((k) => k !== 'graceSeconds')) throw new ValidationError(`${keys[0]}: unknown field`);
  if (grace === undefined) return fallback;
  if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_SECONDS) {
    throw new ValidationError(`graceSeconds: must be an integer from 0 to ${MAX_GRACE_SECONDS}`);
  }
  return grace;
}

export const rotateSecret: RouteHandler = async ({ tenant, params, body }, services) => {
  const grace = graceSeconds(body, services.config.secretGraceSeconds);
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
