// The Pub/Sub subscription behind each queue. Push queues push to dispatch with
// an OIDC token; every queue dead-letters to its tenant's dead-letter topic.
// Every call has a deadline and fails as UnavailableError (pubsub-deadline.ts).
import type { PubSub } from '@google-cloud/pubsub';
import { GrpcStatus, grpcCode } from '../grpc-status';
import { deadLetterTopicPath, queueSubscriptionId, streamTopicId } from '../tenancy/resource-names';
import { withPubsubDeadline } from './pubsub-deadline';

export interface SubscriptionDefaults {
  readonly projectId: string;
  readonly pushEndpoint: string;
  readonly pushAudience: string;
  readonly pushServiceAccount: string;
  readonly maxDeliveryAttempts: number;
  readonly retryMinBackoffSeconds: number;
  readonly retryMaxBackoffSeconds: number;
}

/** Longer than any delivery timeout, so Pub/Sub never redelivers while dispatch still waits on a sink. */
export const PUSH_ACK_DEADLINE_SECONDS = 60;
/** Acked messages are kept this long so that a queue can replay by time (seek). */
export const SUBSCRIPTION_RETENTION_SECONDS = 7 * 24 * 3600;

export interface QueueSubscriptionSpec {
  readonly tenant: string;
  readonly queue: string;
  readonly push: boolean;
  /** A Pub/Sub filter expression: a cost saving only, eventq evaluates filters itself. */
  readonly pubsubFilter?: string;
  /** The queue's own attempts before dead-lettering; the deployment's default otherwise. */
  readonly maxDeliveryAttempts?: number;
  /** Delivers messages with the same ordering key in publish order. */
  readonly ordered?: boolean;
  /** The topic it reads: the tenant's events (the default) or its operational events. */
  readonly stream?: 'events' | 'ops';
}

export function subscriptionOptions(spec: QueueSubscriptionSpec, defaults: SubscriptionDefaults) {
  return {
    ackDeadlineSeconds: PUSH_ACK_DEADLINE_SECONDS,
    retainAckedMessages: true,
    messageRetentionDuration: { seconds: SUBSCRIPTION_RETENTION_SECONDS },
    expirationPolicy: {},
    deadLetterPolicy: {
      deadLetterTopic: deadLetterTopicPath(defaults.projectId, spec.tenant),
      maxDeliveryAttempts: spec.maxDeliveryAttempts ?? defaults.maxDeliveryAttempts,
    },
    retryPolicy: {
      minimumBackoff: { seconds: defaults.retryMinBackoffSeconds },
      maximumBackoff: { seconds: defaults.retryMaxBackoffSeconds },
    },
    labels: { 'eventq-tenant': spec.tenant, 'eventq-queue': spec.queue },
    ...(spec.ordered ? { enableMessageOrdering: true } : {}),
    ...(spec.pubsubFilter ? { filter: spec.pubsubFilter } : {}),
    ...(spec.push
      ? {
          pushConfig: {
            pushEndpoint: defaults.pushEndpoint,
            oidcToken: { serviceAccountEmail: defaults.pushServiceAccount, audience: defaults.pushAudience },
          },
        }
      : {}),
  };
}

/**
 * The label on every subscription the api creates, and on no other (Terraform's
 * static queues do not carry it): the api deletes a leftover subscription only
 * when it carries this, so it never removes one an operator declared.
 */
export const MANAGED_BY_LABEL = 'managed-by';
export const MANAGED_BY_API = 'eventq-api';

/** True when the queue's subscription exists and was created by the api (MANAGED_BY_LABEL). */
export async function isApiSubscription(pubsub: PubSub, tenant: string, queue: string): Promise<boolean> {
  const [metadata] = await withPubsubDeadline('read the queue subscription', () =>
    pubsub.subscription(queueSubscriptionId(tenant, queue)).getMetadata(),
  );
  return metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_API;
}

export async function createQueueSubscription(
  pubsub: PubSub,
  spec: QueueSubscriptionSpec,
  defaults: SubscriptionDefaults,
): Promise<void> {
  const createdAt = new Date();
  const options = subscriptionOptions(spec, defaults);
  // ALREADY_EXISTS is the caller's to answer (a half-deleted queue of the same name).
  const [subscription] = await withPubsubDeadline(
    'create the queue subscription',
    () =>
      pubsub
        .topic(streamTopicId(spec.tenant, spec.stream ?? 'events'))
        .createSubscription(queueSubscriptionId(spec.tenant, spec.queue), {
          ...options,
          labels: { ...options.labels, [MANAGED_BY_LABEL]: MANAGED_BY_API },
        }),
    { passThrough: [GrpcStatus.ALREADY_EXISTS] },
  );
  // A queue starts when it is created. Pub/Sub starts a new subscription empty,
  // but the emulator hands it everything the topic retains; the seek makes both
  // agree (and is a no-op on an empty subscription). Replay can still seek back.
  try {
    await withPubsubDeadline('seek the new subscription', () => subscription.seek(createdAt), {
      passThrough: [GrpcStatus.UNIMPLEMENTED],
    });
  } catch (error) {
    // The emulator does not implement seek on ordered subscriptions: nothing to align there.
    if (grpcCode(error) === GrpcStatus.UNIMPLEMENTED) return;
    await subscription.delete().catch(() => undefined);
    throw error;
  }
}

/** Deletes a queue's subscription; one already gone is not an error. */
export async function deleteQueueSubscription(pubsub: PubSub, tenant: string, queue: string): Promise<void> {
  try {
    await withPubsubDeadline(
      'delete the queue subscription',
      () => pubsub.subscription(queueSubscriptionId(tenant, queue)).delete(),
      { passThrough: [GrpcStatus.NOT_FOUND] },
    );
  } catch (error) {
    if (grpcCode(error) !== GrpcStatus.NOT_FOUND) throw error;
  }
}

/** Seeks a queue's subscription to a time: Pub/Sub delivers again what was published since. */
export async function seekQueueSubscription(
  pubsub: PubSub,
  tenant: string,
  queue: string,
  at: Date,
): Promise<void> {
  await withPubsubDeadline('seek the queue subscription', () =>
    pubsub.subscription(queueSubscriptionId(tenant, queue)).seek(at),
  );
}

/**
 * Starts or stops pushing. A paused or disabled queue's subscription becomes a
 * pull subscription that nobody pulls: Pub/Sub keeps its backlog (within
 * retention) and spends no delivery attempts, and pushing resumes where it stopped.
 */
export async function setPushing(
  pubsub: PubSub,
  tenant: string,
  queue: string,
  pushing: boolean,
  defaults: Pick<SubscriptionDefaults, 'pushEndpoint' | 'pushAudience' | 'pushServiceAccount'>,
): Promise<void> {
  await withPubsubDeadline(pushing ? 'start pushing' : 'stop pushing', () =>
    pubsub.subscription(queueSubscriptionId(tenant, queue)).modifyPushConfig(
      pushing
        ? {
            pushEndpoint: defaults.pushEndpoint,
            oidcToken: { serviceAccountEmail: defaults.pushServiceAccount, audience: defaults.pushAudience },
          }
        : {},
    ),
  );
}

/** Stops pushing without needing the push settings (dispatch retiring a queue whose sink is gone). */
export async function stopPushing(pubsub: PubSub, tenant: string, queue: string): Promise<void> {
  await withPubsubDeadline('stop pushing', () =>
    pubsub.subscription(queueSubscriptionId(tenant, queue)).modifyPushConfig({}),
  );
}
