// The dispatch function: the only target of push subscriptions. This file only
// wires; what happens to a push is in handle-push.ts. Everything a push needs is
// created at cold start; the Firestore and Pub/Sub clients load only on the
// rare paths that write (a failed attempt, retiring a queue, a dead letter).
// Delivery counters are flushed over Firestore's REST API, without the client.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from '@google-cloud/functions-framework';
import { remotePushKeys } from '../auth/push-keys';
import { createPushTokenVerifier } from '../auth/verify-push-token';
import { parseDispatchConfig } from '../config/dispatch-config';
import { DeliveryHolds } from '../delivery/delivery-holds';
import { createDeliveryTokenIssuer } from '../delivery/delivery-token';
import { createSinkPoster } from '../delivery/post-to-sink';
import { RateLimiter } from '../delivery/rate-limiter';
import { createSinkAddressPolicy } from '../delivery/sink-address-policy';
import { jsonLogger } from '../observability/log';
import { publishDeadLetter } from '../pubsub/dead-letters';
import { pubsubClient } from '../pubsub/pubsub-client';
import { stopPushing } from '../pubsub/queue-subscriptions';
import type { QueueDefinition } from '../queues/queue-definition';
import { TtlCache } from '../queues/ttl-cache';
import { DeliveryCounters } from '../stats/delivery-counters';
import { runBeforeSignal, StatsFlusher } from '../stats/stats-flusher';
import { firestoreFailureStore } from '../store/failure-store';
import { firestoreClient, STORE_DEADLINE_MS } from '../store/firestore-client';
import { createFirestoreDocumentReader, firestoreRestTarget } from '../store/firestore-rest-reader';
import { firestoreQueueHealthStore } from '../store/queue-health-store';
import { firestoreQueueStore } from '../store/queue-store';
import { restReadQueueStore } from '../store/rest-queue-store';
import { restStatsWriter } from '../store/stats-store';
import { type DispatchDeps, handlePush, type PushAnswer } from './handle-push';

const config = parseDispatchConfig();
const db = () => firestoreClient(config.projectId, config.firestoreDatabase);
const restTarget = firestoreRestTarget(config.projectId, config.firestoreDatabase);
// Definitions are read over REST: the Firestore client is loaded only on the failure path.
const queues = restReadQueueStore(
  createFirestoreDocumentReader({ target: restTarget, timeoutMs: STORE_DEADLINE_MS }),
  firestoreQueueStore(db),
);
const queueCache = new TtlCache<QueueDefinition | undefined>(config.queueCacheTtlMs);
const rateLimiter = new RateLimiter();
const health = firestoreQueueHealthStore(db);
const counters = new DeliveryCounters();
const stats = new StatsFlusher({
  counters,
  intervalMs: config.statsFlushMs,
  write: restStatsWriter({
    target: restTarget,
    projectId: config.projectId,
    databaseId: config.firestoreDatabase,
    // One shard document per instance: instances never contend on a counter document.
    instanceId: `${process.env.K_REVISION ?? 'local'}-${randomUUID()}`,
    timeoutMs: STORE_DEADLINE_MS,
  }),
  onError: (error) => jsonLogger('ERROR', 'could not flush delivery counters', { error: String(error) }),
});
runBeforeSignal('SIGTERM', () => stats.flush(), STORE_DEADLINE_MS);
/** Keeps the cache in step with what dispatch itself wrote, so the write is not repeated within the TTL. */
const cacheQueue = (queue: QueueDefinition) => queueCache.set(`${queue.tenant}/${queue.name}`, queue);

const deps: DispatchDeps = {
  verifyToken: createPushTokenVerifier(remotePushKeys(config.pushCertsUrl), {
    audience: config.pushAudience,
    serviceAccountEmail: config.pushServiceAccount,
    clockSkewSeconds: config.tokenClockSkewSeconds,
  }),
  loadQueue: (tenant, queue) => queueCache.get(`${tenant}/${queue}`, () => queues.get(tenant, queue)),
  post: createSinkPoster({
    policy: createSinkAddressPolicy(config.sinkAllowlist),
    timeoutMs: config.deliveryTimeoutMs,
  }).send,
  tokens: createDeliveryTokenIssuer(config.signingKeys[0]!, config.apiUrl),
  origin: new URL(config.apiUrl).host,
  keepDeadLetter: async (letter) => {
    await publishDeadLetter(pubsubClient(config.projectId), letter);
  },
  retireQueue: async (queue, reason) => {
    await queues.update(queue.tenant, queue.name, {
      status: 'disabled',
      statusReason: reason,
      updatedAt: new Date().toISOString(),
    });
    // After the write, so that no load in between caches the old, active definition.
    queueCache.delete(`${queue.tenant}/${queue.name}`);
    // The backlog stays in the subscription until the tenant makes the queue active again.
    await stopPushing(pubsubClient(config.projectId), queue.tenant, queue.name);
  },
  admit: (queue, nowMs) =>
    queue.allowedRate === undefined ||
    rateLimiter.take(`${queue.tenant}/${queue.name}`, queue.allowedRate, nowMs),
  log: jsonLogger,
  now: Date.now,
  failures: firestoreFailureStore(db),
  count: (tenant, queue, counter) => {
    counters.add(tenant, queue, counter);
    stats.poke();
  },
  health: {
    setFailingSince: async (queue, since) => {
      await health.setFailingSince(queue.tenant, queue.name, since);
      cacheQueue({ ...queue, failingSince: since });
    },
    clearFailingSince: async (queue) => {
      await health.clearFailingSince(queue.tenant, queue.name);
      const { failingSince: _cleared, ...healthy } = queue;
      cacheQueue(healthy);
    },
  },
  holds: new DeliveryHolds(),
  policy: {
    defaultMaxDeliveryAttempts: config.maxDeliveryAttempts,
    failureRetentionMs: config.failureRetentionDays * 86_400_000,
    disableAfterMs: config.disableAfterSeconds * 1000,
  },
};

function send(res: Response, answer: PushAnswer): void {
  if (answer.body) res.status(answer.status).json(answer.body);
  else res.status(answer.status).end();
}

function crashed(res: Response, error: unknown): void {
  jsonLogger('ERROR', 'dispatch failed unexpectedly', { error: String(error) });
  res.status(500).json({ code: 'ERR_INTERNAL', detail: 'dispatch failed; Pub/Sub will retry' });
}

/**
 * The Functions Framework runs each request inside a `domain` (a Node API
 * deprecated since Node 4) so that an error nobody caught becomes that
 * request's 500. dispatch catches every error itself and answers every push;
 * all the domain adds is its async hook on every promise, socket, listener and
 * timer of the delivery, which measured ~13 % of dispatch's CPU per push
 * (docs/benchmarks.md). So dispatch leaves it. A bug that threw past every
 * handler would now stop the instance instead of failing one push; Pub/Sub
 * redelivers every push that was not answered, so nothing would be lost.
 */
function leaveFrameworkDomain(): void {
  (process as { domain?: { exit(): void } | null }).domain?.exit();
}

/** Not async: a push answered from the caches is answered without a promise of its own. */
export function dispatch(req: Request, res: Response): void {
  leaveFrameworkDomain();
  if (req.method !== 'POST') {
    res
      .status(405)
      .set('allow', 'POST')
      .json({ code: 'ERR_METHOD_NOT_ALLOWED', detail: 'dispatch takes POST' });
    return;
  }
  // Started from request handling, where the CPU is surely allocated; it runs beside the delivery.
  stats.poke();
  let answer: ReturnType<typeof handlePush>;
  try {
    answer = handlePush(req.headers.authorization, req.body, deps);
  } catch (error) {
    crashed(res, error);
    return;
  }
  if (answer instanceof Promise) {
    answer.then(
      (settled) => send(res, settled),
      (error: unknown) => crashed(res, error),
    );
  } else {
    send(res, answer);
  }
}
