// Redrive: takes a queue's dead letters from the tenant's dead-letter
// subscription and publishes them again to the tenant's topic, addressed to
// that queue alone (redrive-selection.ts). Synchronous pull, so that the
// other queues' dead letters can be held while the batch is scanned and then
// handed back (ack deadline 0) in one go, untouched. Bounded per call: the
// answer says when there is more.
import type { PubSub } from '@google-cloud/pubsub';
import { decodePubsubMessage } from '../cloudevents/decode-pubsub-message';
import { validateCloudEvent } from '../cloudevents/validate-cloudevent';
import { GrpcStatus, grpcCode } from '../grpc-status';
import { deadLetterSubscriptionPath, streamTopicId } from '../tenancy/resource-names';
import { withPubsubDeadline } from './pubsub-deadline';
import { isDeadLetterOf, redriveAttributes } from './redrive-selection';
import type { RedriveKeys } from './redrive-signature';

export interface RedriveOptions {
  readonly projectId: string;
  readonly tenant: string;
  readonly queue: string;
  /** The queue's stream: an ops queue's dead letters go back to the tenant's ops topic. */
  readonly stream?: 'events' | 'ops';
  /** Most dead letters redriven in one call. */
  readonly maxMessages: number;
  /** Stop pulling after this long (well within the dead-letter subscription's 60 s ack deadline). */
  readonly budgetMs: number;
  /** Signs each redriven message's address, so that dispatch believes it. */
  readonly keys: RedriveKeys;
}

export interface RedriveResult {
  readonly redriven: number;
  readonly skippedInvalid: number;
  readonly more: boolean;
}

interface PulledMessage {
  readonly ackId?: string | null;
  readonly message?: {
    readonly data?: Uint8Array | string | null;
    readonly attributes?: Record<string, string> | null;
  } | null;
}

const PULL_BATCH = 100;
const PULL_TIMEOUT_MS = 3_000;

/** The event's source and id, or undefined when the message is no valid CloudEvent. */
function identityOf(
  data: Buffer,
  attributes: Record<string, string>,
): { source: string; id: string } | undefined {
  try {
    const event = decodePubsubMessage({ data, attributes });
    validateCloudEvent(event);
    return { source: String(event.attributes.source), id: String(event.attributes.id) };
  } catch {
    return undefined;
  }
}

export async function redriveDeadLetters(pubsub: PubSub, options: RedriveOptions): Promise<RedriveResult> {
  const { v1 } = require('@google-cloud/pubsub') as typeof import('@google-cloud/pubsub');
  const config = await pubsub.getClientConfig();
  const client = new v1.SubscriberClient({
    ...config,
    port: config.port === undefined ? undefined : Number(config.port),
  });
  const subscription = deadLetterSubscriptionPath(options.projectId, options.tenant);
  const topic = pubsub.topic(streamTopicId(options.tenant, options.stream ?? 'events'));
  const held: string[] = [];
  let redriven = 0;
  let skippedInvalid = 0;
  let more = false;
  const started = Date.now();
  try {
    // A pull that times out means there is nothing to pull, but so does one that never reached
    // Pub/Sub: a first call that must be answered tells the two apart.
    await withPubsubDeadline('read the dead-letter subscription', () =>
      client.getSubscription({ subscription }),
    );
    while (true) {
      if (redriven >= options.maxMessages || Date.now() - started > options.budgetMs) {
        more = true;
        break;
      }
      let received: PulledMessage[] | null | undefined;
      try {
        const [response] = await client.pull(
          {
            subscription,
            maxMessages: Math.min(PULL_BATCH, options.maxMessages - redriven),
            returnImmediately: true,
          },
          { timeout: PULL_TIMEOUT_MS },
        );
        received = response.receivedMessages;
      } catch (error) {
        if (grpcCode(error) === GrpcStatus.DEADLINE_EXCEEDED) break;
        throw error;
      }
      if (!received || received.length === 0) break;
      const done: string[] = [];
      await Promise.all(
        received.map(async ({ ackId, message }: PulledMessage) => {
          if (!ackId || !message) return;
          const attributes = (message.attributes ?? {}) as Record<string, string>;
          const data = Buffer.from(message.data ?? '');
          if (!isDeadLetterOf(attributes, options.tenant, options.queue)) {
            held.push(ackId);
            return;
          }
          // An invalid event would only be dead-lettered again: it stays.
          const identity = identityOf(data, attributes);
          if (identity === undefined) {
            skippedInvalid++;
            held.push(ackId);
            return;
          }
          const address = { tenant: options.tenant, queue: options.queue, ...identity };
          try {
            await topic.publishMessage({
              data,
              attributes: redriveAttributes(attributes, address, options.keys),
            });
            done.push(ackId);
            redriven++;
          } catch {
            held.push(ackId);
          }
        }),
      );
      if (done.length > 0) await client.acknowledge({ subscription, ackIds: done });
    }
  } finally {
    // Everything not redriven goes back at once, for the next pull of anyone.
    for (let i = 0; i < held.length; i += 1000) {
      await client
        .modifyAckDeadline({ subscription, ackIds: held.slice(i, i + 1000), ackDeadlineSeconds: 0 })
        .catch(() => undefined);
    }
    await client.close();
  }
  return { redriven, skippedInvalid, more };
}
