// dispatch's collaborators as in-memory stand-ins that record what the
// pipeline asked of them. The queue lifecycle, its TTL cache and the
// Retry-After holds are the real ones (over an in-memory store), so the unit
// tests exercise dispatch's own wiring; the clock is frozen and moved by hand.
// Token checks and cached definitions answer synchronously, as they do on a
// warm instance, so the pipeline's promise-free branches are taken too.
import type { PubsubBinaryMessage } from '../../functions/src/cloudevents/encode-pubsub-binary';
import { DeliveryHolds } from '../../functions/src/delivery/delivery-holds';
import type { FailureRecord } from '../../functions/src/delivery/failure-record';
import type { SinkRequest, SinkResponse } from '../../functions/src/delivery/post-to-sink';
import type { DispatchDeps } from '../../functions/src/dispatch/dispatch-deps';
import { DEFAULT_REPLY_MAX_HOPS } from '../../functions/src/dispatch/reply-of';
import { PushTokenRejected } from '../../functions/src/errors';
import type { LogTouch } from '../../functions/src/message-log/log-touch';
import type { Severity } from '../../functions/src/observability/log';
import {
  type DeliveryHealthEvents,
  silentDeliveryHealth,
} from '../../functions/src/ops/delivery-health-events';
import type { DeadLetter } from '../../functions/src/pubsub/dead-letters';
import { createRedriveKeys } from '../../functions/src/pubsub/redrive-signature';
import type { QueueDefinition } from '../../functions/src/queues/queue-definition';
import { createQueueLifecycle } from '../../functions/src/queues/queue-lifecycle';
import { TtlCache } from '../../functions/src/queues/ttl-cache';
import type { StatCounter } from '../../functions/src/stats/delivery-counters';
import { queueKey } from '../../functions/src/tenancy/queue-key';

export const GOOD_TOKEN = 'Bearer good-push-token';
export const WORLD_START_MS = Date.UTC(2030, 0, 1, 12);
export const QUEUE_CACHE_TTL_MS = 1_000;
/** The world's own redrive key, so that a test can address a message as eventq would. */
export const WORLD_REDRIVE_KEYS = createRedriveKeys([
  {
    kty: 'OKP',
    crv: 'Ed25519',
    kid: 'world',
    alg: 'EdDSA',
    d: 'bm90LWEtcmVhbC1rZXktanVzdC10ZXN0LWJ5dGVzISE',
    x: '',
  },
]);

export const sinkAnswer = (status: number, headers: Record<string, string> = {}): SinkResponse => ({
  status,
  headers,
  bodyExcerpt: '',
  latencyMs: 3,
});

export type Sink = (request: SinkRequest) => SinkResponse | Error | Promise<SinkResponse | Error>;

export interface DispatchWorldOptions {
  readonly queues?: readonly QueueDefinition[];
  readonly sink?: Sink;
  readonly overrides?: Partial<DispatchDeps>;
  readonly disableAfterMs?: number;
  readonly defaultMaxDeliveryAttempts?: number;
  readonly replyMaxHops?: number;
  /** The ops stream's health events, on the world's clock; silent by default. */
  readonly health?: (now: () => number) => DeliveryHealthEvents;
}

export function dispatchWorld(options: DispatchWorldOptions = {}) {
  let nowMs = WORLD_START_MS;
  const now = () => nowMs;
  const definitions = new Map((options.queues ?? []).map((q) => [queueKey(q.tenant, q.name), q]));
  let sink: Sink = options.sink ?? (() => sinkAnswer(204));
  const posted: SinkRequest[] = [];
  const kept: DeadLetter[] = [];
  const replies: { tenant: string; message: PubsubBinaryMessage }[] = [];
  const logs: { severity: Severity; message: string; fields?: unknown }[] = [];
  const loads: string[] = [];
  const updates: { key: string; changes: Partial<QueueDefinition> }[] = [];
  const healthWrites: string[] = [];
  const stoppedPushing: string[] = [];
  const failures: FailureRecord[] = [];
  const counts: Partial<Record<StatCounter, number>> = {};
  /** What the pipeline handed the message log, with its `afterFailure` hint. */
  const logTouches: (LogTouch & { afterFailure: boolean })[] = [];
  const log: DispatchDeps['log'] = (severity, message, fields) => logs.push({ severity, message, fields });
  const health = options.health?.(now) ?? silentDeliveryHealth;

  const change = (tenant: string, name: string, changes: Partial<QueueDefinition>) => {
    const key = queueKey(tenant, name);
    const current = definitions.get(key);
    if (current) definitions.set(key, { ...current, ...changes });
  };
  const queues = createQueueLifecycle({
    store: {
      get: async (tenant, name) => {
        loads.push(queueKey(tenant, name));
        return definitions.get(queueKey(tenant, name));
      },
      update: async (tenant, name, changes) => {
        updates.push({ key: queueKey(tenant, name), changes });
        change(tenant, name, changes);
      },
      setFailingSince: async (tenant, name, since) => {
        healthWrites.push(`${queueKey(tenant, name)} failing since ${since}`);
        change(tenant, name, { failingSince: since });
      },
      clearFailingSince: async (tenant, name) => {
        healthWrites.push(`${queueKey(tenant, name)} healthy`);
        const key = queueKey(tenant, name);
        const { failingSince: _cleared, ...healthy } = definitions.get(key)!;
        definitions.set(key, healthy);
      },
    },
    cache: new TtlCache(QUEUE_CACHE_TTL_MS, 100, now),
    stopPushing: async (tenant, name) => {
      stoppedPushing.push(queueKey(tenant, name));
    },
    disableAfterMs: options.disableAfterMs ?? 3_600_000,
    log,
    now,
    health,
  });

  const deps: DispatchDeps = {
    verifyToken: (authorization) =>
      authorization === GOOD_TOKEN
        ? undefined
        : Promise.reject(new PushTokenRejected('signature does not verify')),
    queues,
    post: (request, done) => {
      posted.push(request);
      const settle = (outcome: SinkResponse | Error) =>
        outcome instanceof Error ? done(outcome) : done(undefined, outcome);
      Promise.resolve()
        .then(() => sink(request))
        .then(settle, (error: Error) => done(error));
    },
    tokens: { tokenFor: (audience, subject) => `delivery-token-for:${audience}:${subject}` },
    origin: 'api.eventq.test',
    keepDeadLetter: async (letter) => {
      kept.push(letter);
    },
    publishReply: async (tenant, message) => {
      replies.push({ tenant, message });
    },
    log,
    now,
    admit: () => true,
    holds: new DeliveryHolds(),
    failures: {
      record: async (failure) => {
        failures.push(failure);
      },
      countForMessage: async (_t, _q, messageId) => failures.filter((f) => f.messageId === messageId).length,
    },
    redriveKeys: WORLD_REDRIVE_KEYS,
    messageLog: {
      record: (touch, afterFailure = false) => logTouches.push({ ...touch, afterFailure }),
    },
    health,
    count: (_tenant, _queue, counter) => {
      counts[counter] = (counts[counter] ?? 0) + 1;
    },
    policy: {
      defaultMaxDeliveryAttempts: options.defaultMaxDeliveryAttempts ?? 5,
      failureRetentionMs: 7 * 86_400_000,
      replyMaxHops: options.replyMaxHops ?? DEFAULT_REPLY_MAX_HOPS,
    },
    ...options.overrides,
  };

  return {
    deps,
    posted,
    kept,
    replies,
    logs,
    loads,
    updates,
    healthWrites,
    stoppedPushing,
    failures,
    counts,
    logTouches,
    /** The stored definition, as the api would read it now. */
    stored: (tenant: string, name: string) => definitions.get(queueKey(tenant, name)),
    advance: (ms: number) => {
      nowMs += ms;
    },
    now,
    setSink: (next: Sink) => {
      sink = next;
    },
  };
}

export type DispatchWorld = ReturnType<typeof dispatchWorld>;
