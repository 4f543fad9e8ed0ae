// What dispatch does after an attempt the sink did not take, through the whole
// pipeline with the real queue lifecycle, holds and cache (test/support/dispatch-world).
import { handlePush } from '../../../functions/src/dispatch/handle-push';
import { dispatchWorld, GOOD_TOKEN, QUEUE_CACHE_TTL_MS, sinkAnswer } from '../../support/dispatch-world';
import { CLOUDEVENT_ATTRIBUTES, pushEnvelope } from '../../support/push-envelope';
import { pushQueueDefinition } from '../../support/queue-fixtures';

const queue = pushQueueDefinition({ maxDeliveryAttempts: 5 });
const push = (options: { messageId?: string; deliveryAttempt?: number; id?: string } = {}) =>
  pushEnvelope({
    subscription: queue.subscription,
    messageId: options.messageId ?? 'm-1',
    deliveryAttempt: options.deliveryAttempt,
    attributes: { ...CLOUDEVENT_ATTRIBUTES, 'ce-id': options.id ?? 'evt-1' },
  });

describe('Retry-After', () => {
  it.each([429, 503])(
    'holds the queue after a %i with Retry-After: later pushes are 503 without calling the sink, until the time passes',
    async (status) => {
      const w = dispatchWorld({ queues: [queue], sink: () => sinkAnswer(status, { 'retry-after': '120' }) });
      expect((await handlePush(GOOD_TOKEN, push(), w.deps)).status).toBe(503);
      w.setSink(() => sinkAnswer(204));
      w.advance(119_000);
      const held = await handlePush(GOOD_TOKEN, push({ id: 'evt-2', messageId: 'm-2' }), w.deps);
      expect(held).toMatchObject({
        status: 503,
        body: { detail: expect.stringMatching(/not to be called before/) },
      });
      expect(w.posted).toHaveLength(1);
      w.advance(1_000);
      expect((await handlePush(GOOD_TOKEN, push({ id: 'evt-2', messageId: 'm-2' }), w.deps)).status).toBe(
        204,
      );
      expect(w.posted).toHaveLength(2);
    },
  );

  it('ignores a Retry-After on a status that does not carry one (500)', async () => {
    const w = dispatchWorld({ queues: [queue], sink: () => sinkAnswer(500, { 'retry-after': '120' }) });
    await handlePush(GOOD_TOKEN, push(), w.deps);
    w.setSink(() => sinkAnswer(204));
    expect((await handlePush(GOOD_TOKEN, push({ id: 'evt-2', messageId: 'm-2' }), w.deps)).status).toBe(204);
  });
});

describe('endpoint health', () => {
  it('marks a healthy queue failing at its first failed attempt, once, and healthy at the next delivery', async () => {
    const w = dispatchWorld({ queues: [queue], sink: () => sinkAnswer(500) });
    await handlePush(GOOD_TOKEN, push(), w.deps);
    await handlePush(GOOD_TOKEN, push({ messageId: 'm-2', id: 'evt-2' }), w.deps);
    const since = new Date(w.now()).toISOString();
    // The second failure saw the cached definition that the first one wrote: no second write.
    expect(w.healthWrites).toEqual([`acme/orders failing since ${since}`]);
    expect(w.stored('acme', 'orders')?.failingSince).toBe(since);
    w.setSink(() => sinkAnswer(200));
    expect((await handlePush(GOOD_TOKEN, push({ messageId: 'm-3', id: 'evt-3' }), w.deps)).status).toBe(204);
    expect(w.healthWrites).toEqual([`acme/orders failing since ${since}`, 'acme/orders healthy']);
    expect(w.stored('acme', 'orders')?.failingSince).toBeUndefined();
  });

  it('disables a queue whose sink has failed for the whole window, and stops its subscription pushing', async () => {
    const w = dispatchWorld({ queues: [queue], sink: () => sinkAnswer(500), disableAfterMs: 60_000 });
    await handlePush(GOOD_TOKEN, push(), w.deps);
    w.advance(59_000);
    await handlePush(GOOD_TOKEN, push({ messageId: 'm-2', id: 'evt-2' }), w.deps);
    expect(w.stored('acme', 'orders')?.status).toBe('active');
    w.advance(1_000);
    await handlePush(GOOD_TOKEN, push({ messageId: 'm-3', id: 'evt-3' }), w.deps);
    expect(w.stored('acme', 'orders')).toMatchObject({
      status: 'disabled',
      statusReason: expect.stringMatching(/failed every attempt since/),
    });
    expect(w.stoppedPushing).toEqual(['acme/orders']);
    // Logged as a disable, which the `failed` metric does not count (terraform/modules/platform/observability.tf).
    expect(w.logs).toContainEqual(
      expect.objectContaining({ fields: expect.objectContaining({ outcome: 'disabled' }) }),
    );
    // The cache was dropped after the write: the next push reads the disabled definition and is not delivered.
    const posts = w.posted.length;
    expect((await handlePush(GOOD_TOKEN, push({ messageId: 'm-4', id: 'evt-4' }), w.deps)).status).toBe(503);
    expect(w.posted).toHaveLength(posts);
  });
});

describe('the last attempt', () => {
  it('dead-letters the event on attempt maxDeliveryAttempts as Pub/Sub numbers it, counts it and acks', async () => {
    const w = dispatchWorld({ queues: [queue], sink: () => sinkAnswer(500) });
    expect((await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 4 }), w.deps)).status).toBe(503);
    expect(w.kept).toHaveLength(0);
    expect((await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 5 }), w.deps)).status).toBe(204);
    expect(w.kept).toEqual([
      expect.objectContaining({
        queue: 'orders',
        messageId: 'm-1',
        reason: 'gave up after 5 attempts: sink answered 500',
      }),
    ]);
    expect(w.counts).toMatchObject({ failedAttempts: 2, deadLettered: 1 });
    expect(w.failures.map((f) => f.attempt)).toEqual([4, 5]);
  });

  it('counts attempts from the failures recorded when Pub/Sub sends no number (the queue default applies)', async () => {
    const legacy = pushQueueDefinition({ maxDeliveryAttempts: undefined });
    const w = dispatchWorld({ queues: [legacy], sink: () => sinkAnswer(503), defaultMaxDeliveryAttempts: 3 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await handlePush(GOOD_TOKEN, push(), w.deps)).status);
    expect(answers).toEqual([503, 503, 204]);
    expect(w.kept[0]?.reason).toBe('gave up after 3 attempts: sink answered 503');
  });

  it('answers 503 when the dead letter cannot be kept, so that Pub/Sub keeps the event', async () => {
    const w = dispatchWorld({
      queues: [queue],
      sink: () => sinkAnswer(500),
      overrides: { keepDeadLetter: async () => Promise.reject(new Error('publish failed')) },
    });
    expect((await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 5 }), w.deps)).status).toBe(503);
    expect(w.counts.deadLettered).toBeUndefined();
  });

  it('records each failed attempt with what the tenant needs to see', async () => {
    const w = dispatchWorld({
      queues: [queue],
      sink: () => ({ ...sinkAnswer(502), bodyExcerpt: 'bad gateway' }),
    });
    await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 1 }), w.deps);
    expect(w.failures).toEqual([
      expect.objectContaining({
        eventId: 'evt-1',
        type: 'com.example.device.seen',
        status: 502,
        error: 'sink answered 502: bad gateway',
        attempt: 1,
        expireAtMs: w.now() + 7 * 86_400_000,
      }),
    ]);
  });
});

describe('a warm instance', () => {
  it('answers a push from its caches without a promise (a cached token and definition, an event filtered out)', async () => {
    const w = dispatchWorld({ queues: [queue] });
    await handlePush(GOOD_TOKEN, push(), w.deps); // loads the definition into the cache
    const other = pushEnvelope({
      subscription: queue.subscription,
      attributes: { ...CLOUDEVENT_ATTRIBUTES, 'ce-type': 'com.example.other' },
    });
    const answer = handlePush(GOOD_TOKEN, other, w.deps);
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toMatchObject({ status: 204 });
    expect(w.loads).toEqual(['acme/orders']);
  });

  it('reads the definition again once the cache TTL has passed', async () => {
    const w = dispatchWorld({ queues: [queue] });
    await handlePush(GOOD_TOKEN, push(), w.deps);
    w.advance(QUEUE_CACHE_TTL_MS);
    await handlePush(GOOD_TOKEN, push({ messageId: 'm-2', id: 'evt-2' }), w.deps);
    expect(w.loads).toEqual(['acme/orders', 'acme/orders']);
  });
});
