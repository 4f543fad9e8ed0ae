// What each outcome of a push hands the message log, through the whole
// pipeline (test/support/dispatch-world): one touch per outcome, with the
// attempt, the state and the reason the entry will show.

import { webhookId } from '../../../functions/src/delivery/webhook-id';
import { handlePush } from '../../../functions/src/dispatch/handle-push';
import { invalidEventWebhookId } from '../../../functions/src/dispatch/log-outcome';
import { LOG_STATE } from '../../../functions/src/message-log/log-entry';
import { dispatchWorld, GOOD_TOKEN, sinkAnswer, WORLD_START_MS } from '../../support/dispatch-world';
import { CLOUDEVENT_ATTRIBUTES, pushEnvelope } from '../../support/push-envelope';
import { pushQueueDefinition } from '../../support/queue-fixtures';

const queue = pushQueueDefinition({ maxDeliveryAttempts: 3 });
const push = (
  options: { deliveryAttempt?: number; attributes?: Record<string, string>; messageId?: string } = {},
) =>
  pushEnvelope({
    subscription: queue.subscription,
    deliveryAttempt: options.deliveryAttempt,
    attributes: options.attributes ?? CLOUDEVENT_ATTRIBUTES,
    messageId: options.messageId,
  });
const expectedWebhookId = webhookId('acme', 'orders', CLOUDEVENT_ATTRIBUTES['ce-source']!, 'evt-1');
const PUBLISHED_MS = Date.parse('2030-01-01T11:59:59Z');

describe('the message log touch of each outcome', () => {
  it('a delivery: delivered, with the attempt number, the status and the latency', async () => {
    const w = dispatchWorld({ queues: [queue] });
    expect((await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 1 }), w.deps)).status).toBe(204);
    expect(w.logTouches).toEqual([
      expect.objectContaining({
        tenant: 'acme',
        queue: 'orders',
        webhookId: expectedWebhookId,
        state: LOG_STATE.delivered,
        publishTimeMs: PUBLISHED_MS,
        deliveredAtMs: WORLD_START_MS,
        attempt: { atMs: WORLD_START_MS, attempt: 1, status: 204, latencyMs: 3 },
        afterFailure: false,
      }),
    ]);
    expect(w.logTouches[0]!.event.attributes.id).toBe('evt-1');
  });

  it("a delivery the sink answered with a body: the attempt keeps the answer's first bytes", async () => {
    const w = dispatchWorld({
      queues: [queue],
      sink: () => ({ ...sinkAnswer(200), bodyExcerpt: 'accepted' }),
    });
    expect((await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 1 }), w.deps)).status).toBe(204);
    expect(w.logTouches[0]!.attempt).toEqual({
      atMs: WORLD_START_MS,
      attempt: 1,
      status: 200,
      latencyMs: 3,
      responseExcerpt: 'accepted',
    });
  });

  it('a failed attempt: failing, with the status and the first 512 bytes of the answer', async () => {
    const answer = `${'é'.repeat(300)}tail`;
    const w = dispatchWorld({ queues: [queue], sink: () => ({ ...sinkAnswer(500), bodyExcerpt: answer }) });
    expect((await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 1 }), w.deps)).status).toBe(503);
    const [touch] = w.logTouches;
    expect(touch).toMatchObject({ state: LOG_STATE.failing, attempt: { attempt: 1, status: 500 } });
    expect(Buffer.byteLength(touch!.attempt!.responseExcerpt!)).toBeLessThanOrEqual(512);
    expect(touch!.attempt!.responseExcerpt!.startsWith('é'.repeat(255))).toBe(true);
  });

  it('a sink that does not answer: failing, with the error instead of a status', async () => {
    const w = dispatchWorld({ queues: [queue], sink: () => new Error('connect ECONNREFUSED') });
    await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 2 }), w.deps);
    expect(w.logTouches[0]).toMatchObject({
      state: LOG_STATE.failing,
      attempt: { attempt: 2, error: expect.stringMatching(/ECONNREFUSED/) },
    });
    expect(w.logTouches[0]!.attempt!.status).toBeUndefined();
  });

  it('the last attempt: dead-lettered, with the reason', async () => {
    const w = dispatchWorld({ queues: [queue], sink: () => sinkAnswer(503) });
    expect((await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 3 }), w.deps)).status).toBe(204);
    expect(w.logTouches[0]).toMatchObject({
      state: LOG_STATE['dead-lettered'],
      reason: 'gave up after 3 attempts: sink answered 503',
      attempt: { attempt: 3, status: 503 },
    });
  });

  it('a delivery after a failed attempt is marked as such (the `failures` level keeps it)', async () => {
    const w = dispatchWorld({ queues: [queue] });
    await handlePush(GOOD_TOKEN, push({ deliveryAttempt: 2 }), w.deps);
    expect(w.logTouches[0]!.afterFailure).toBe(true);
  });

  it('an invalid event: invalid, with the rule it broke, named after its Pub/Sub message', async () => {
    const w = dispatchWorld({ queues: [queue] });
    const { 'ce-id': _id, ...withoutId } = CLOUDEVENT_ATTRIBUTES;
    expect(
      (await handlePush(GOOD_TOKEN, push({ attributes: withoutId, messageId: 'm-77' }), w.deps)).status,
    ).toBe(204);
    expect(w.logTouches).toEqual([
      expect.objectContaining({
        webhookId: invalidEventWebhookId('acme', 'orders', 'm-77'),
        state: LOG_STATE.invalid,
        reason: expect.stringMatching(/"id"/),
      }),
    ]);
    expect(w.logTouches[0]!.event.attributes.type).toBe('com.example.device.seen');
  });

  it('an undecodable message: invalid, keeping its bytes', async () => {
    const w = dispatchWorld({ queues: [queue] });
    await handlePush(
      GOOD_TOKEN,
      pushEnvelope({
        subscription: queue.subscription,
        attributes: { 'content-type': 'application/cloudevents+json' },
        data: 'not json',
      }),
      w.deps,
    );
    expect(w.logTouches[0]).toMatchObject({
      state: LOG_STATE.invalid,
      reason: expect.stringMatching(/JSON/),
    });
    expect(w.logTouches[0]!.event.data!.toString()).toBe('not json');
  });

  it("an event one of the queue's filters refuses: filtered, naming the filter", async () => {
    const filtering = pushQueueDefinition({
      filters: [{ exact: { type: 'com.example.device.seen' } }, { prefix: { subject: '/devices/' } }],
    });
    const w = dispatchWorld({ queues: [filtering] });
    expect((await handlePush(GOOD_TOKEN, push(), w.deps)).status).toBe(204);
    expect(w.logTouches).toEqual([
      expect.objectContaining({
        state: LOG_STATE.filtered,
        webhookId: expectedWebhookId,
        reason: 'refused by filters[1] {"prefix":{"subject":"/devices/"}}',
      }),
    ]);
  });

  it('an event only the types shorthand refuses: no touch (a Pub/Sub filter in production)', async () => {
    const w = dispatchWorld({ queues: [pushQueueDefinition({ types: ['com.example.other'] })] });
    expect((await handlePush(GOOD_TOKEN, push(), w.deps)).status).toBe(204);
    expect(w.counts.filteredOut).toBe(1);
    expect(w.logTouches).toEqual([]);
  });
});
