import { Webhook } from 'standardwebhooks';
import type { DispatchDeps } from '../../../functions/src/dispatch/dispatch-deps';
import { handlePush } from '../../../functions/src/dispatch/handle-push';
import type { PushAnswer } from '../../../functions/src/dispatch/push-answer';
import { SinkRefusedError, UnavailableError } from '../../../functions/src/errors';
import type { QueueDefinition } from '../../../functions/src/queues/queue-definition';
import type { QueueLifecycle } from '../../../functions/src/queues/queue-lifecycle';
import {
  sinkAnswer as answer,
  dispatchWorld,
  GOOD_TOKEN,
  WORLD_START_MS as NOW_MS,
  type Sink,
} from '../../support/dispatch-world';
import { CLOUDEVENT_ATTRIBUTES as attributes, pushEnvelope } from '../../support/push-envelope';
import { pushQueueDefinition } from '../../support/queue-fixtures';

const queue = pushQueueDefinition();
const SECRET = queue.secrets[0]!.value;
const SUBSCRIPTION = queue.subscription;

function envelope(
  overrides: { attributes?: Record<string, string>; messageId?: string; subscription?: string } = {},
): unknown {
  return pushEnvelope({ subscription: SUBSCRIPTION, ...overrides });
}

/** A lifecycle whose loads answer `loaded` (a definition, or a store failure). */
function loading(loaded: () => Promise<QueueDefinition | undefined>): QueueLifecycle {
  return {
    load: () => loaded(),
    retire: async () => {},
    afterFailedAttempt: async () => {},
    afterDelivery: () => undefined,
  };
}

function world(overrides: Partial<DispatchDeps> = {}, sink?: Sink) {
  return dispatchWorld({ queues: [queue], sink, overrides });
}

interface Row {
  readonly overrides?: Partial<DispatchDeps>;
  /** How the sink answers a POST. */
  readonly sink?: Sink;
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
      overrides: { queues: loading(async () => Promise.reject(new Error('DEADLINE_EXCEEDED'))) },
      status: 503,
      posts: 0,
    },
  ],
  [
    'a queue store that is unavailable',
    {
      overrides: { queues: loading(async () => Promise.reject(new UnavailableError('firestore is down'))) },
      status: 503,
      posts: 0,
    },
  ],
  [
    'a paused queue',
    { overrides: { queues: loading(async () => ({ ...queue, status: 'paused' })) }, status: 503, posts: 0 },
  ],
  [
    'a disabled queue',
    {
      overrides: { queues: loading(async () => ({ ...queue, status: 'disabled' })) },
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
    'a content type that Node cannot send as a header (kept as a dead letter, not retried)',
    {
      body: envelope({ attributes: { ...attributes, 'content-type': 'text/plain; name="\u2713"' } }),
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
    expect(w.stoppedPushing).toHaveLength(row.retired ?? 0);
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
    expect(w.stored('acme', 'orders')).toMatchObject({
      status: 'disabled',
      statusReason: expect.stringMatching(/410/),
    });
    expect(w.stoppedPushing).toEqual(['acme/orders']);
  });

  it('answers 503 when retiring the queue fails', async () => {
    const w = world(
      {
        queues: {
          ...loading(async () => queue),
          retire: async () => Promise.reject(new Error('firestore down')),
        },
      },
      async () => answer(410),
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
        authorization: `Bearer delivery-token-for:${queue.sink}:acme/orders`,
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
