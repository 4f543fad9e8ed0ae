// Builds the dispatch function from its configuration: every collaborator of a
// push (dispatch-deps.ts) made once, at cold start; the Firestore and Pub/Sub
// clients load only on the rare paths that write (a failed attempt, retiring a
// queue, a dead letter). Delivery counters and the message log are flushed
// over Firestore's REST API, without the client. Any adapter can be replaced
// (tests, benchmarks).
import { randomUUID } from 'node:crypto';
import type { Request, Response } from '@google-cloud/functions-framework';
import { type PushKeyLookup, remotePushKeys } from '../auth/push-keys';
import { createPushTokenVerifier } from '../auth/verify-push-token';
import { decodePubsubMessage } from '../cloudevents/decode-pubsub-message';
import { orderingKeyOf } from '../cloudevents/ordering-key';
import type { DispatchConfig } from '../config/dispatch-config';
import { DeliveryHolds } from '../delivery/delivery-holds';
import { createDeliveryTokenIssuer } from '../delivery/delivery-token';
import { createSinkPoster, type SinkSender } from '../delivery/post-to-sink';
import { RateLimiter } from '../delivery/rate-limiter';
import { createSinkAddressPolicy } from '../delivery/sink-address-policy';
import { logEntryWrite } from '../message-log/log-commit';
import { MessageLogWriter } from '../message-log/log-writer';
import { createMessageLog, type MessageLog } from '../message-log/message-log';
import { databasePath, LOG_COMMIT_TIMEOUT_MS, restLogCommitter } from '../message-log/rest-log-committer';
import { jsonLogger, type Logger } from '../observability/log';
import { createDeliveryHealthEvents } from '../ops/delivery-health-events';
import { createOpsPublisher, type PublishToTopic } from '../ops/ops-publisher';
import { pubsubOpsSender } from '../ops/pubsub-ops-sender';
import { type DeadLetter, publishDeadLetter } from '../pubsub/dead-letters';
import { pubsubClient } from '../pubsub/pubsub-client';
import { withPubsubDeadline } from '../pubsub/pubsub-deadline';
import { stopPushing } from '../pubsub/queue-subscriptions';
import { createRedriveKeys } from '../pubsub/redrive-signature';
import type { QueueDefinition } from '../queues/queue-definition';
import { createQueueLifecycle, type QueueLifecycleStore } from '../queues/queue-lifecycle';
import { TtlCache } from '../queues/ttl-cache';
import { DeliveryCounters } from '../stats/delivery-counters';
import { StatsFlusher } from '../stats/stats-flusher';
import { firestoreFailureStore } from '../store/failure-store';
import { firestoreClient, STORE_DEADLINE_MS } from '../store/firestore-client';
import { createFirestoreDocumentReader, firestoreRestTarget } from '../store/firestore-rest-reader';
import { firestoreQueueHealthStore } from '../store/queue-health-store';
import { firestoreQueueStore } from '../store/queue-store';
import { restReadQueueStore } from '../store/rest-queue-store';
import { restStatsWriter, type StatsWriter } from '../store/stats-store';
import { queueKey } from '../tenancy/queue-key';
import { topicId } from '../tenancy/resource-names';
import type { DispatchDeps } from './dispatch-deps';
import { InFlightBudget } from './in-flight-budget';
import { serveDispatch } from './serve-dispatch';

/** What dispatch reaches outside itself; each defaults to the production adapter. */
export interface DispatchAdapters {
  readonly pushKeys?: PushKeyLookup;
  readonly queueStore?: QueueLifecycleStore;
  readonly post?: SinkSender;
  readonly keepDeadLetter?: (letter: DeadLetter) => Promise<void>;
  readonly publishReply?: DispatchDeps['publishReply'];
  readonly stopPushing?: (tenant: string, queue: string) => Promise<void>;
  readonly failures?: DispatchDeps['failures'];
  readonly writeStats?: StatsWriter;
  /** Sends one message-log commit body (documents:commit). */
  readonly commitMessageLog?: (body: string) => Promise<void>;
  /** Replaces the message log altogether (benchmarks of the bare pipeline). */
  readonly messageLog?: MessageLog;
  /** Sends one operational event to one topic (the ops stream); Pub/Sub by default. */
  readonly sendOpsEvent?: PublishToTopic;
  readonly log?: Logger;
  readonly now?: () => number;
}

export interface Dispatch {
  /** The HTTP entry point the Functions Framework calls. */
  readonly handle: (req: Request, res: Response) => void;
  /** Writes the delivery counters counted so far (on SIGTERM, and in tests). */
  readonly flushStats: () => Promise<void>;
  /** Writes the message-log entries pending so far (on SIGTERM, and in tests). */
  readonly flushMessageLog: () => Promise<void>;
  /** Publishes the open delivery.exhausted windows and sends every operational event held (on SIGTERM, and in tests). */
  readonly drainOpsEvents: () => Promise<void>;
  /** All three, as SIGTERM does. */
  readonly flushAll: () => Promise<void>;
  readonly deps: DispatchDeps;
}

function firestoreQueueLifecycleStore(config: DispatchConfig): QueueLifecycleStore {
  const db = () => firestoreClient(config.projectId, config.firestoreDatabase);
  // Definitions are read over REST: the Firestore client is loaded only on the failure path.
  const queues = restReadQueueStore(
    createFirestoreDocumentReader({
      target: firestoreRestTarget(config.projectId, config.firestoreDatabase, config),
      timeoutMs: STORE_DEADLINE_MS,
    }),
    firestoreQueueStore(db),
  );
  const health = firestoreQueueHealthStore(db);
  return {
    get: (tenant, name) => queues.get(tenant, name),
    update: (tenant, name, changes) => queues.update(tenant, name, changes),
    setFailingSince: (tenant, queue, since) => health.setFailingSince(tenant, queue, since),
    clearFailingSince: (tenant, queue) => health.clearFailingSince(tenant, queue),
  };
}

export function createDispatch(config: DispatchConfig, adapters: DispatchAdapters = {}): Dispatch {
  const log = adapters.log ?? jsonLogger;
  const now = adapters.now ?? Date.now;
  const pubsub = () => pubsubClient(config.projectId);
  const rateLimiter = new RateLimiter();
  const counters = new DeliveryCounters();
  const stats = new StatsFlusher({
    counters,
    intervalMs: config.statsFlushMs,
    write:
      adapters.writeStats ??
      restStatsWriter({
        target: firestoreRestTarget(config.projectId, config.firestoreDatabase, config),
        projectId: config.projectId,
        databaseId: config.firestoreDatabase,
        // One shard document per instance: instances never contend on a counter document.
        instanceId: `${config.revision}-${randomUUID()}`,
        timeoutMs: STORE_DEADLINE_MS,
      }),
    onError: (error) => log('ERROR', 'could not flush delivery counters', { error: String(error) }),
  });

  const restTarget = firestoreRestTarget(config.projectId, config.firestoreDatabase, config);
  const logDatabase = databasePath(config.projectId, config.firestoreDatabase);
  const retentionMs = config.messageLogRetentionDays * 86_400_000;
  const logWriter = new MessageLogWriter({
    intervalMs: config.messageLogFlushMs,
    encode: (entry, nowMs) => logEntryWrite(logDatabase, entry, { expireAtMs: nowMs + retentionMs }),
    commit:
      adapters.commitMessageLog ?? restLogCommitter({ target: restTarget, timeoutMs: LOG_COMMIT_TIMEOUT_MS }),
    onError: (error, entries) =>
      log('ERROR', `could not write ${entries} message-log entries`, { error: String(error) }),
    onDropped: (entries, why) =>
      log('ERROR', `dropped ${entries} message-log entries: ${why}`, { error: why }),
    now,
  });
  const messageLog = adapters.messageLog ?? createMessageLog(config.messageLogLevels, logWriter);
  // The ops stream: the Pub/Sub client loads on the first event, which only a failure or a transition makes.
  const health = createDeliveryHealthEvents({
    publisher: createOpsPublisher({ send: adapters.sendOpsEvent ?? pubsubOpsSender(pubsub), log }),
    failingAfterAttempts: config.failingAfterAttempts,
    failingAfterMs: config.failingAfterSeconds * 1000,
    disableAfterMs: config.disableAfterSeconds * 1000,
    exhaustedWindowMs: config.exhaustedWindowSeconds * 1000,
    now,
  });

  const deps: DispatchDeps = {
    verifyToken: createPushTokenVerifier(adapters.pushKeys ?? remotePushKeys(config.pushCertsUrl), {
      audience: config.pushAudience,
      serviceAccountEmail: config.pushServiceAccount,
      clockSkewSeconds: config.tokenClockSkewSeconds,
    }),
    queues: createQueueLifecycle({
      store: adapters.queueStore ?? firestoreQueueLifecycleStore(config),
      cache: new TtlCache<QueueDefinition | undefined>(config.queueCacheTtlMs),
      stopPushing: adapters.stopPushing ?? ((tenant, queue) => stopPushing(pubsub(), tenant, queue)),
      disableAfterMs: config.disableAfterSeconds * 1000,
      log,
      now,
      health,
    }),
    post:
      adapters.post ??
      createSinkPoster({
        policy: createSinkAddressPolicy(config.sinkAllowlist),
        timeoutMs: config.deliveryTimeoutMs,
      }).send,
    tokens: createDeliveryTokenIssuer(config.signingKeys[0]!, config.apiUrl, now),
    origin: new URL(config.apiUrl).host,
    publishReply:
      adapters.publishReply ??
      (async (tenant, message) => {
        // As producers publish (publish-cloudevent.ts): ordered by the reply's own key when it has one.
        const orderingKey = orderingKeyOf(decodePubsubMessage(message));
        const topic = pubsub().topic(topicId(tenant), { messageOrdering: true });
        try {
          await withPubsubDeadline('publish a reply', () =>
            topic.publishMessage({ ...message, ...(orderingKey ? { orderingKey } : {}) }),
          );
        } catch (error) {
          // The client pauses a key after a failed publish; the push's retry publishes it again.
          if (orderingKey) topic.resumePublishing(orderingKey);
          throw error;
        }
      }),
    keepDeadLetter:
      adapters.keepDeadLetter ??
      (async (letter) => {
        await publishDeadLetter(pubsub(), letter);
      }),
    log,
    now,
    admit: (queue, nowMs) =>
      queue.allowedRate === undefined ||
      rateLimiter.take(queueKey(queue.tenant, queue.name), queue.allowedRate, nowMs),
    holds: new DeliveryHolds(),
    failures:
      adapters.failures ??
      firestoreFailureStore(() => firestoreClient(config.projectId, config.firestoreDatabase)),
    redriveKeys: createRedriveKeys(config.signingKeys),
    messageLog,
    health,
    count: (tenant, queue, counter) => {
      counters.add(tenant, queue, counter);
      stats.poke();
    },
    policy: {
      defaultMaxDeliveryAttempts: config.maxDeliveryAttempts,
      failureRetentionMs: config.failureRetentionDays * 86_400_000,
      replyMaxHops: config.replyMaxHops,
    },
  };

  return {
    handle: serveDispatch(deps, new InFlightBudget(config.maxMibInFlight * 2 ** 20), () => {
      stats.poke();
      logWriter.poke();
      health.poke(now());
    }),
    flushStats: () => stats.flush(),
    flushMessageLog: () => logWriter.flush(),
    drainOpsEvents: () => health.drain(),
    flushAll: async () => {
      await Promise.all([stats.flush(), logWriter.flush(), health.drain()]);
    },
    deps,
  };
}
