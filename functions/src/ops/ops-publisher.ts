// Publishes operational events without ever holding up, or failing, the
// action they report (issue 16 "Consistency"): `publish` returns at once; the
// event is sent in the background, retried with backoff, and counted when it
// could not be sent. Events of one subject go out one after the other with
// the subject as ordering key, so that an ordered ops queue sees a queue's
// created → updated → deleted in that order.
//
// Each event goes to the tenant's ops topic and to the operator-wide one.
// The audit trail, not this stream, is the record of truth.
import type { PubsubBinaryMessage } from '../cloudevents/encode-pubsub-binary';
import { encodePubsubBinary } from '../cloudevents/encode-pubsub-binary';
import type { Logger } from '../observability/log';
import { OPERATOR_OPS_TOPIC_ID, opsTopicId } from '../tenancy/resource-names';
import { type OpsEventInput, opsEvent } from './ops-event';

export interface OpsMessage extends PubsubBinaryMessage {
  readonly orderingKey: string;
}

/** Sends one message to one topic (by topic id); rejects when Pub/Sub did not take it. */
export type PublishToTopic = (topicId: string, message: OpsMessage) => Promise<void>;

export interface OpsPublisherCounts {
  /** Messages Pub/Sub took (two per event: the tenant's topic and the operator's). */
  readonly published: number;
  /** Messages given up after every retry, or dropped because too many were waiting. */
  readonly unpublished: number;
  /** Messages waiting to be sent. */
  readonly pending: number;
}

export interface OpsPublisher {
  /** Queues the event for publishing; never throws, never waits. Returns the event's id. */
  publish(input: OpsEventInput): string;
  /** Resolves once every queued message was sent or given up (for shutdown and tests). */
  drain(): Promise<void>;
  counts(): OpsPublisherCounts;
}

export interface OpsPublisherOptions {
  readonly send: PublishToTopic;
  readonly log: Logger;
  /** Waits between attempts; one attempt more than there are delays. */
  readonly retryDelaysMs?: readonly number[];
  /** Messages that may wait at once; beyond it a new one is counted unpublished and dropped. */
  readonly maxPending?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [100, 500, 2_000, 5_000, 15_000, 30_000];
const DEFAULT_MAX_PENDING = 10_000;

export function createOpsPublisher(options: OpsPublisherOptions): OpsPublisher {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref()));
  // One chain per topic and ordering key: a key's messages are sent in order,
  // and a key stuck on retries does not hold up the others.
  const chains = new Map<string, Promise<void>>();
  let published = 0;
  let unpublished = 0;
  let pending = 0;

  async function sendWithRetries(topicId: string, message: OpsMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.send(topicId, message);
        published++;
        return;
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined) {
          unpublished++;
          options.log('ERROR', 'an operational event could not be published; the audit trail has it', {
            eventType: message.attributes['ce-type'],
            eventId: message.attributes['ce-id'],
            error: String(error),
          });
          return;
        }
        await sleep(delay);
      }
    }
  }

  function enqueue(topicId: string, message: OpsMessage): void {
    if (pending >= maxPending) {
      unpublished++;
      options.log('ERROR', 'too many operational events waiting; one was dropped', {
        eventType: message.attributes['ce-type'],
        eventId: message.attributes['ce-id'],
      });
      return;
    }
    pending++;
    const chainKey = `${topicId}\u0000${message.orderingKey}`;
    const previous = chains.get(chainKey) ?? Promise.resolve();
    const next = previous
      .then(() => sendWithRetries(topicId, message))
      .finally(() => {
        pending--;
        if (chains.get(chainKey) === next) chains.delete(chainKey);
      });
    chains.set(chainKey, next);
  }

  return {
    publish(input) {
      const event = opsEvent(input);
      const message: OpsMessage = { ...encodePubsubBinary(event), orderingKey: input.subject };
      enqueue(opsTopicId(input.tenant), message);
      enqueue(OPERATOR_OPS_TOPIC_ID, message);
      return String(event.attributes.id);
    },
    async drain() {
      while (chains.size > 0) await Promise.allSettled([...chains.values()]);
    },
    counts: () => ({ published, unpublished, pending }),
  };
}
