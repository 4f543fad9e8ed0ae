// The local push engine: the Pub/Sub emulator pushes every message of a
// subscription whose endpoint is the relay, the relay hands it here at once
// (and the emulator, answered 204, acks it), and the engine owns its delivery
// from then on, as production Pub/Sub push would deliver it. Why this design,
// and its limits, are in docs/architecture.md ("The local push engine").
import type { PubSub } from '@google-cloud/pubsub';
import { forwardDeadLetter } from './dead-letter-forwarder';
import type { DeliveryPorts, PushedMessage } from './delivery-ports';
import { postPush } from './push-request';
import type { PushTokenMinter } from './push-token-minter';
import { SubscriptionDeliverer } from './subscription-deliverer';
import { SubscriptionDirectory } from './subscription-directory';
import type { SubscriptionSettings } from './subscription-settings';

export interface PushEngineOptions {
  readonly emulatorHost: string;
  readonly projectId: string;
  /** The relay's push endpoint: subscriptions pushing to it (or below it) are the engine's. */
  readonly pushEndpoint: string;
  /** Where `pushEndpoint` itself delivers (dispatch); `?endpoint=<url>` below it names another target. */
  readonly defaultTarget: string;
  readonly minter: PushTokenMinter;
  /** For dead letters: the client is loaded only when the first one is forwarded. */
  readonly pubsub: () => PubSub;
  readonly log?: (line: string) => void;
}

export class MalformedPushError extends Error {}

/**
 * The emulator hands a new subscription everything its topic retains, and the
 * api then seeks it to its creation time so that it starts empty, as in
 * production. The emulator's push loop took one message at a time before that
 * seek landed; the relay, answering at once, would take hundreds. So during a
 * subscription's first seconds the engine drops what was published well before
 * it first saw the subscription: what the seek is about to ack.
 */
export const NEW_SUBSCRIPTION_WINDOW_MS = 5_000;
export const RETAINED_AGE_MS = 2_000;

export function isRetainedBeforeCreation(
  publishTime: string | undefined,
  firstSeenAt: number,
  now: number,
): boolean {
  if (publishTime === undefined || now - firstSeenAt > NEW_SUBSCRIPTION_WINDOW_MS) return false;
  const published = Date.parse(publishTime);
  return Number.isFinite(published) && published < firstSeenAt - RETAINED_AGE_MS;
}

export interface PushEngine {
  /** Takes one push of the emulator; resolves once the engine holds the message. */
  accept(envelope: unknown): Promise<void>;
  /** Messages held per subscription (waiting, in retry, or being pushed). */
  held(): Record<string, number>;
  close(): void;
}

/** The endpoint a subscription's push config names, as the engine delivers to it. */
export function targetOf(pushEndpoint: string, options: Pick<PushEngineOptions, 'defaultTarget'>): string {
  return new URL(pushEndpoint).searchParams.get('endpoint') ?? options.defaultTarget;
}

function parsePushedMessage(envelope: unknown): { subscription: string; message: PushedMessage } {
  const { subscription, message } = (envelope ?? {}) as { subscription?: unknown; message?: unknown };
  const json = message as Record<string, unknown> | undefined;
  const messageId = json?.messageId ?? json?.message_id;
  if (typeof subscription !== 'string' || typeof messageId !== 'string') {
    throw new MalformedPushError('not a push envelope (subscription and message.messageId expected)');
  }
  const publishTime = json?.publishTime ?? json?.publish_time;
  return {
    subscription,
    message: { messageId, json: json!, ...(typeof publishTime === 'string' ? { publishTime } : {}) },
  };
}

export function startPushEngine(options: PushEngineOptions): PushEngine {
  const log = options.log ?? (() => {});
  const deliverers = new Map<string, SubscriptionDeliverer>();
  const isOurs = (settings: SubscriptionSettings) =>
    settings.pushEndpoint === options.pushEndpoint ||
    settings.pushEndpoint.startsWith(`${options.pushEndpoint}?`);

  const ports: DeliveryPorts = {
    isOurs,
    now: () => Date.now(),
    log,
    setTimer: (run, ms) => {
      const timer = setTimeout(run, ms);
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    },
    deadLetter: (settings, message, count) => forwardDeadLetter(options.pubsub(), settings, message, count),
    push: async (settings, message, deliveryAttempt, signal) => {
      const endpoint = targetOf(settings.pushEndpoint, options);
      const oidc = settings.oidcToken;
      try {
        const token = oidc
          ? await options.minter.tokenFor({
              serviceAccountEmail: oidc.serviceAccountEmail,
              audience: oidc.audience || endpoint,
            })
          : undefined;
        return await postPush({
          endpoint,
          subscription: settings.name,
          message,
          deliveryAttempt,
          token,
          timeoutMs: settings.ackDeadlineMs,
          signal,
        });
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };

  const directory = new SubscriptionDirectory(options.emulatorHost, options.projectId, (name, settings) => {
    const deliverer = deliverers.get(name);
    if (!deliverer) return;
    if (settings) deliverer.update(settings);
    else {
      deliverer.close();
      deliverers.delete(name);
      log(`${name} was deleted: its messages are dropped`);
    }
  });
  directory.start();

  return {
    async accept(envelope) {
      const { subscription, message } = parsePushedMessage(envelope);
      let deliverer = deliverers.get(subscription);
      if (!deliverer) {
        const settings = await directory.lookup(subscription);
        deliverer = deliverers.get(subscription) ?? new SubscriptionDeliverer(settings, ports);
        deliverers.set(subscription, deliverer);
      }
      const firstSeenAt = directory.firstSeenAt(subscription) ?? Date.now();
      if (isRetainedBeforeCreation(message.publishTime, firstSeenAt, Date.now())) return;
      deliverer.accept(message);
    },
    held: () => Object.fromEntries([...deliverers].map(([name, d]) => [name, d.size])),
    close() {
      directory.stop();
      for (const deliverer of deliverers.values()) deliverer.close();
      deliverers.clear();
    },
  };
}
