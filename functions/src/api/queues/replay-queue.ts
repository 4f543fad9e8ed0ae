// POST /v1/queues/{name}:replay {"since"}: seeks the queue's subscription to
// a time, so that Pub/Sub delivers again everything published since then
// (subscriptions retain acked messages for 7 days). Events keep their
// webhook-id, so a receiver that deduplicates sees each once.
import { isRfc3339Timestamp } from '../../cloudevents/rfc3339';
import { ValidationError } from '../../errors';
import { SUBSCRIPTION_RETENTION_SECONDS, seekQueueSubscription } from '../../pubsub/queue-subscriptions';
import type { RouteHandler } from '../api-context';
import type { ReplayBody } from '../schemas/request-bodies';
import { findQueue } from './find-queue';

/** Clock skew allowed on a `since` that is a little in the future. */
const FUTURE_SKEW_MS = 5_000;

/** The time to seek to, checked against retention and the clock. */
export function replayTime(since: string, nowMs: number, retentionSeconds = SUBSCRIPTION_RETENTION_SECONDS) {
  if (!isRfc3339Timestamp(since)) throw new ValidationError('since: must be an RFC 3339 time');
  const at = Date.parse(since);
  if (at > nowMs + FUTURE_SKEW_MS) throw new ValidationError('since: is in the future');
  if (nowMs - at > retentionSeconds * 1000) {
    throw new ValidationError(
      `since: is older than the retention of ${retentionSeconds / 86_400} days; events before ${new Date(nowMs - retentionSeconds * 1000).toISOString()} are gone`,
    );
  }
  return new Date(Math.min(at, nowMs));
}

export const replayQueue: RouteHandler<ReplayBody> = async ({ tenant, params, body, audit }, services) => {
  const { since } = body;
  const queue = await findQueue(tenant, params.name, services);
  const at = replayTime(since, services.now());
  await seekQueueSubscription(services.pubsub(), tenant, queue.name, at);
  audit?.caused('queue.subscription.seeked', queue.name, { to: at.toISOString() });
  return { status: 200, body: { queue: queue.name, since: at.toISOString() } };
};
