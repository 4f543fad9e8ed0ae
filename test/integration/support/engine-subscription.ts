// A push subscription straight to a test's own endpoint through the local push
// engine (no dispatch in the path): its own topic, its push endpoint the
// relay's with `?endpoint=`, and the policies a test chooses. What the
// endpoint receives is exactly what the engine pushes.
import type { Subscription, Topic } from '@google-cloud/pubsub';
import { pubsub, stack, uniqueName } from './stack';

export interface EngineSubscription {
  readonly topic: Topic;
  readonly subscription: Subscription;
  /** The dead-letter topic's pull subscription, when there is a dead-letter policy. */
  readonly deadLetters?: Subscription;
  readonly pushEndpoint: string;
  delete(): Promise<void>;
}

export function enginePushEndpoint(target: string): string {
  return `${stack().relayUrl}/push?endpoint=${encodeURIComponent(target)}`;
}

export async function createEngineSubscription(
  target: string,
  options: {
    ackDeadlineSeconds?: number;
    retry?: { minSeconds: number; maxSeconds: number };
    maxDeliveryAttempts?: number;
  } = {},
): Promise<EngineSubscription> {
  const name = uniqueName('engine');
  const [topic] = await pubsub().createTopic(name);
  let deadTopic: Topic | undefined;
  let deadLetters: Subscription | undefined;
  if (options.maxDeliveryAttempts !== undefined) {
    [deadTopic] = await pubsub().createTopic(`${name}-dead`);
    [deadLetters] = await deadTopic.createSubscription(`${name}-dead`);
  }
  const pushEndpoint = enginePushEndpoint(target);
  const [subscription] = await topic.createSubscription(name, {
    pushConfig: { pushEndpoint },
    ackDeadlineSeconds: options.ackDeadlineSeconds ?? 10,
    ...(options.retry
      ? {
          retryPolicy: {
            minimumBackoff: { seconds: options.retry.minSeconds },
            maximumBackoff: { seconds: options.retry.maxSeconds },
          },
        }
      : {}),
    ...(deadTopic
      ? {
          deadLetterPolicy: {
            deadLetterTopic: deadTopic.name,
            maxDeliveryAttempts: options.maxDeliveryAttempts,
          },
        }
      : {}),
  });
  return {
    topic,
    subscription,
    deadLetters,
    pushEndpoint,
    delete: async () => {
      await subscription.delete().catch(() => undefined);
      await deadLetters?.delete().catch(() => undefined);
      await Promise.all([topic.delete(), deadTopic?.delete()].map((p) => p?.catch(() => undefined)));
    },
  };
}
