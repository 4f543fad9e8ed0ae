import { Webhook } from 'standardwebhooks';
import { PushTokenRejected } from '../../../functions/src/auth/verify-push-token';
import { DeliveryHolds } from '../../../functions/src/delivery/delivery-holds';
import type { FailureRecord } from '../../../functions/src/delivery/failure-record';
import type { SinkRequest, SinkResponse } from '../../../functions/src/delivery/post-to-sink';
import { generateWebhookSecret } from '../../../functions/src/delivery/webhook-signature';
import { type DispatchDeps, handlePush, type PushAnswer } from '../../../functions/src/dispatch/handle-push';
import { SinkRefusedError, UnavailableError } from '../../../functions/src/errors';
import type { Severity } from '../../../functions/src/observability/log';
import type { DeadLetter } from '../../../functions/src/pubsub/dead-letters';
import type { QueueDefinition } from '../../../functions/src/queues/queue-definition';
import type { StatCounter } from '../../../functions/src/stats/delivery-counters';

const NOW_MS = Date.UTC(2030, 0, 1, 12);
const GOOD_TOKEN = 'Bearer good-push-token';
const SUBSCRIPTION = 'projects/eventq-test/subscriptions/eventq-acme.orders';
const SECRET = generateWebhookSecret();

const queue: QueueDefinition = {
  tenant: 'acme',
  name: 'orders',
  kind: 'push',
  sink: 'https://hooks.acme.example/eventq',
  types: ['com.example.device.seen'],
  filters: [],
  contentMode: 'binary',
  status: 'active',
  secrets: [{ value: SECRET }],
  subscription: SUBSCRIPTION,
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
};

const attributes = {
  'ce-specversion': '1.0',
  'ce-id': 'evt-1',
  'ce-source': '//devices.example/fleet',
  'ce-type': 'com.example.device.seen',
  'content-type': 'application/json',
};

function envelope(
  overrides: { attributes?: Record<string, string>; messageId?: string; subscription?: string } = {},
): unknown {
  return {
    subscription: overrides.subscription ?? SUBSCRIPTION,
    message: {
      data: Buffer.from('{"device":42}').toString('base64'),
      attributes: overrides.attributes ?? attributes,
      messageId: overrides.messageId ?? 'm-1',
      publishTime: '2030-01-01T11:59:59Z',
    },
  };
}

const answer = (status: number): SinkResponse => ({ status, headers: {}, bodyExcerpt: '', latencyMs: 3 });

/** In-memory stand-ins for every dependency, recording what dispatch asked of them. */
function world(
  overrides: Partial<DispatchDeps> = {},
  sink: () => Promise<SinkResponse> = async () => answer(204),
) {
  const posted: SinkRequest[] = [];
  const kept: DeadLetter[] = [];
  const retired: { queue: QueueDefinition; reason: string }[] = [];
  const logs: { severity: Severity; message: string }[] = [];
  const loads: string[] = [];
  const failures: FailureRecord[] = [];
  const counts: Partial<Record<StatCounter, number>> = {};
  const healthSteps: string[] = [];
  const deps: DispatchDeps = {
    verifyToken: async (authorization) => {
      if (authorization !== GOOD_TOKEN) throw new PushTokenRejected('signature does not verify');
    },
    loadQueue: async (tenant, name) => {
      loads.push(`${tenant}/${name}`);
      return tenant === 'acme' && name === 'orders' ? queue : undefined;
    },
    post: (request, done) => {
      posted.push(request);
      sink().then(
        (response) => done(undefined, response),
        (error: Error) => done(error),
      );
    },
    tokens: { tokenFor: (audience) => `delivery-token-for:${audience}` },
    origin: 'api.eventq.test',
    keepDeadLetter: async (letter) => {
      kept.push(letter);
    },
    retireQueue: async (q, reason) => {
      retired.push({ queue: q, reason });
    },
    log: (severity, message) => logs.push({ severity, message }),
    now: () => NOW_MS,
    admit: () => true,
    failures: {
      record: async (failure) => {
        failures.push(failure);
      },
      countForMessage: async (_t, _q, messageId) => failures.filter((f) => f.messageId === messageId).length,
    },
    count: (_tenant, _queue, counter) => {
      counts[counter] = (counts[counter] ?? 0) + 1;
    },
    health: {
      setFailingSince: async (_q, since) => {
        healthSteps.push(`failing since ${since}`);
      },
      clearFailingSince: async () => {
        healthSteps.push('healthy');
      },
    },
    holds: new DeliveryHolds(),
    policy: { defaultMaxDeliveryAttempts: 5, failureRetentionMs: 7 * 86_400_000, disableAfterMs: 3_600_000 },
    ...overrides,
  };
  return { deps, posted, kept, retired, logs, loads, failures, counts, healthSteps };
}

interface Row {
  readonly overrides?: Partial<DispatchDeps>;
  /** How the sink answers a POST. */
  readonly sink?: () => Promise<SinkResponse>;
  readonly authorization?: string | undefined;
  readonly body?: unknown;
  readonly status: number;
  readonly posts: number;
  readonly kept?: number;
  readonly retired?: number;
}

const rows: [string, Row][] = [
  ['a refused push token', { authorization: 'Bearer forged', status: 401, posts: 0 }],
  ['no push token', { authorization: undefined, status: 401, posts: 0 }],
  [
    'a verifier that fails with an unexpected error',
    {
      overrides: { verifyToken: async () => Promise.reject(new TypeError('jwks fetch failed')) },
      status: 401,
      posts: 0,
    },
  ],
  ['a body that is not an envelope', { body: 'hello', status: 400, posts: 0 }],
  ['an envelope without a message', { body: { subscription: SUBSCRIPTION }, status: 400, posts: 0 }],
  [
    'an envelope whose attributes are not strings',
    {
      body: { subscription: SUBSCRIPTION, message: { messageId: 'm', attributes: { 'content-type': 5 } } },
      status: 400,
      posts: 0,
    },
  ],
  [
    'a subscription eventq did not create',
    {
      body: envelope({ subscription: 'projects/p/subscriptions/billing' }),
      status: 404,
      posts: 0,
    },
  ],
  [
    'a queue with no definition (deleted, or lost by the store): not delivered, not acked',
    {
      body: envelope({ subscription: 'projects/eventq-test/subscriptions/eventq-acme.deleted' }),
      status: 503,
      posts: 0,
    },
  ],
  [
    'a queue store that throws',
    {
      overrides: { loadQueue: async () => Promise.reject(new Error('DEADLINE_EXCEEDED')) },
      status: 503,
      posts: 0,
    },
  ],
  [
    'a queue store that is unavailable',
    {
      overrides: { loadQueue: async () => Promise.reject(new UnavailableError('firestore is down')) },
      status: 503,
      posts: 0,
    },
  ],
  [
    'a paused queue',
    { overrides: { loadQueue: async () => ({ ...queue, status: 'paused' }) }, status: 503, posts: 0 },
  ],
  [
    'a disabled queue',
    {
      overrides: { loadQueue: async () => ({ ...queue, status: 'disabled' }) },
      status: 503,
      posts: 0,
    },
  ],
  [
    'an invalid CloudEvent (kept as a dead letter)',
    {
      body: envelope({ attributes: { ...attributes, 'ce-specversion': '0.3' } }),
      status: 204,
      posts: 0,
      kept: 1,
    },
  ],
  [
    'an invalid CloudEvent that cannot be kept',
    {
      overrides: { keepDeadLetter: async () => Promise.reject(new Error('publish failed')) },
      body: envelope({ attributes: { ...attributes, 'ce-id': '' } }),
      status: 503,
      posts: 0,
    },
  ],
  [
    'a structured-mode message whose data is not JSON',
    {
      body: {
        ...(envelope() as object),
        message: {
          messageId: 'm',
          data: Buffer.from('{').toString('base64'),
          attributes: { 'content-type': 'application/cloudevents+json' },
        },
      },
      status: 204,
      posts: 0,
      kept: 1,
    },
  ],
  [
    'an event that the queue filters out',
    {
      body: envelope({ attributes: { ...attributes, 'ce-type': 'com.example.other' } }),
      status: 204,
      posts: 0,
    },
  ],
  ['a queue over the rate its sink allows', { overrides: { admit: () => false }, status: 503, posts: 0 }],
  ['a sink that answers 200', { sink: async () => answer(200), status: 204, posts: 1 }],
  ['a sink that answers 204', { status: 204, posts: 1 }],
  ['a sink that answers 202', { sink: async () => answer(202), status: 204, posts: 1 }],
  ['a sink that answers 500', { sink: async () => answer(500), status: 503, posts: 1 }],
  ['a sink that answers 429', { sink: async () => answer(429), status: 503, posts: 1 }],
  ['a sink that answers 404', { sink: async () => answer(404), status: 503, posts: 1 }],
  ['a sink that redirects (302)', { sink: async () => answer(302), status: 503, posts: 1 }],
  [
    'a sink that answers 410 Gone (the queue is retired)',
    {
      sink: async () => answer(410),
      status: 503,
      posts: 1,
      retired: 1,
    },
  ],
  [
    'a sink that does not answer in time',
    {
      sink: async () => Promise.reject(new Error('no answer within 10000 ms')),
      status: 503,
      posts: 1,
    },
  ],
  [
    'a sink address that is refused',
    {
      sink: async () => Promise.reject(new SinkRefusedError('resolves only to refused addresses')),
      status: 503,
      posts: 1,
    },
  ],
  [
    'a delivery token that cannot be signed',
    {
      overrides: {
        tokens: {
          tokenFor: () => {
            throw new Error('bad key');
          },
        },
      },
      status: 503,
      posts: 0,
    },
  ],
];

describe('handlePush', () => {
  it.each(rows)('answers %s with the expected status', async (_, row) => {
    const w = world(row.overrides, row.sink);
    const authorization = 'authorization' in row ? row.authorization : GOOD_TOKEN;
    const result = await handlePush(authorization, row.body ?? envelope(), w.deps);
    expect(result.status).toBe(row.status);
    expect(w.posted).toHaveLength(row.posts);
    expect(w.kept).toHaveLength(row.kept ?? 0);
    expect(w.retired).toHaveLength(row.retired ?? 0);
    if (result.status !== 204)
      expect(result.body).toEqual({ code: expect.stringMatching(/^ERR_/), detail: expect.any(String) });
    else expect(result.body).toBeUndefined();
  });

  it('answers 401 without revealing why the token was refused, and loads nothing', async () => {
    const w = world();
    const result = await handlePush('Bearer forged', envelope(), w.deps);
    expect(result).toEqual({
      status: 401,
      body: { code: 'ERR_UNAUTHENTICATED', detail: 'the push token is missing or invalid' },
    });
    expect(w.loads).toEqual([]);
    expect(w.logs.map((l) => l.message).join('\n')).toContain('signature does not verify');
  });

  it('loads the queue named by the subscription', async () => {
    const w = world();
    await handlePush(GOOD_TOKEN, envelope(), w.deps);
    expect(w.loads).toEqual(['acme/orders']);
  });

  it('keeps an invalid CloudEvent with the reason, the original bytes and attributes', async () => {
    const w = world();
    const bad = { ...attributes, 'ce-specversion': '0.3' };
    expect(
      (await handlePush(GOOD_TOKEN, envelope({ attributes: bad, messageId: 'm-9' }), w.deps)).status,
    ).toBe(204);
    expect(w.kept).toEqual([
      {
        tenant: 'acme',
        queue: 'orders',
        subscription: SUBSCRIPTION,
        messageId: 'm-9',
        publishTime: '2030-01-01T11:59:59Z',
        data: Buffer.from('{"device":42}'),
        attributes: bad,
        reason: expect.stringMatching(/specversion/),
      },
    ]);
  });

  it('retires the queue with a reason when its sink answers 410', async () => {
    const w = world({}, async () => answer(410));
    await handlePush(GOOD_TOKEN, envelope(), w.deps);
    expect(w.retired).toEqual([{ queue, reason: expect.stringMatching(/410/) }]);
  });

  it('answers 503 when retiring the queue fails', async () => {
    const w = world({ retireQueue: async () => Promise.reject(new Error('firestore down')) }, async () =>
      answer(410),
    );
    expect((await handlePush(GOOD_TOKEN, envelope(), w.deps)).status).toBe(503);
  });

  it('posts a signed CloudEvent to the sink with a delivery token for that sink', async () => {
    jest.useFakeTimers({ now: NOW_MS });
    try {
      const w = world();
      await handlePush(GOOD_TOKEN, envelope(), w.deps);
      const [request] = w.posted;
      expect(request).toMatchObject({ url: queue.sink, method: 'POST' });
      expect(request!.headers).toMatchObject({
        'ce-id': 'evt-1',
        'ce-type': 'com.example.device.seen',
        'content-type': 'application/json',
        'webhook-timestamp': String(NOW_MS / 1000),
        'webhook-request-origin': 'api.eventq.test',
        authorization: `Bearer delivery-token-for:${queue.sink}`,
      });
      expect(request!.body!.toString()).toBe('{"device":42}');
      expect(() =>
        new Webhook(SECRET).verify(request!.body!.toString(), request!.headers, { jsonParse: false }),
      ).not.toThrow();
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives two pushes of the same event (a retry) the same webhook-id', async () => {
    const w = world({}, async () => answer(500));
    await handlePush(GOOD_TOKEN, envelope({ messageId: 'm-1' }), w.deps);
    await handlePush(GOOD_TOKEN, envelope({ messageId: 'm-1' }), w.deps);
    await handlePush(GOOD_TOKEN, envelope({ messageId: 'm-2' }), w.deps);
    const ids = w.posted.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
  });

  it('gives different events different webhook-ids', async () => {
    const w = world();
    await handlePush(GOOD_TOKEN, envelope(), w.deps);
    await handlePush(GOOD_TOKEN, envelope({ attributes: { ...attributes, 'ce-id': 'evt-2' } }), w.deps);
    expect(w.posted[0]!.headers['webhook-id']).not.toBe(w.posted[1]!.headers['webhook-id']);
  });

  it('says what the sink answered when a delivery fails', async () => {
    const w = world({}, async () => answer(429));
    const result: PushAnswer = await handlePush(GOOD_TOKEN, envelope(), w.deps);
    expect(result.body).toEqual({ code: 'ERR_DELIVERY_FAILED', detail: 'sink answered 429' });
  });
});
