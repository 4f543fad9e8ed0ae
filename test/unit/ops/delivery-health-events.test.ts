// dispatch's delivery-health events through the whole push pipeline, with the
// real queue lifecycle on a fake clock (test/support/dispatch-world) and a
// publisher that records: what is published, in which order, and that an
// ordinary delivery publishes nothing.
import { handlePush } from '../../../functions/src/dispatch/handle-push';
import { createDeliveryHealthEvents } from '../../../functions/src/ops/delivery-health-events';
import type { OpsEventInput } from '../../../functions/src/ops/ops-event';
import type { OpsPublisher } from '../../../functions/src/ops/ops-publisher';
import { dispatchWorld, GOOD_TOKEN, sinkAnswer } from '../../support/dispatch-world';
import { CLOUDEVENT_ATTRIBUTES, pushEnvelope } from '../../support/push-envelope';
import { pushQueueDefinition } from '../../support/queue-fixtures';

const DISABLE_AFTER_MS = 1_000_000;
const queue = pushQueueDefinition({ maxDeliveryAttempts: 5 });
let n = 0;
const push = (deliveryAttempt = 1) => {
  n++;
  return pushEnvelope({
    subscription: queue.subscription,
    messageId: `m-${n}`,
    deliveryAttempt,
    attributes: { ...CLOUDEVENT_ATTRIBUTES, 'ce-id': `evt-${n}` },
  });
};

function world(status: number) {
  const published: OpsEventInput[] = [];
  const publisher: OpsPublisher = {
    publish: (input) => {
      published.push(input);
      return input.id ?? 'id';
    },
    drain: async () => undefined,
    counts: () => ({ published: published.length, unpublished: 0, pending: 0 }),
  };
  const w = dispatchWorld({
    queues: [queue],
    sink: () => sinkAnswer(status),
    disableAfterMs: DISABLE_AFTER_MS,
    health: (now) =>
      createDeliveryHealthEvents({
        publisher,
        failingAfterAttempts: 3,
        failingAfterMs: 60_000,
        disableAfterMs: DISABLE_AFTER_MS,
        exhaustedWindowMs: 10_000,
        now,
        schedule: () => undefined,
      }),
  });
  const types = () => published.map((p) => p.type.replace('io.eventq.', ''));
  return { w, published, types };
}

describe('delivery-health events', () => {
  it('publishes nothing while deliveries succeed', async () => {
    const { w, published } = world(200);
    for (let i = 0; i < 50; i++) await handlePush(GOOD_TOKEN, push(), w.deps);
    w.deps.health.poke(w.now() + 60_000);
    expect(published).toEqual([]);
  });

  it('reports a run at the threshold, escalates at 50/90/100 %, then says disabled, with actor eventq', async () => {
    const { w, published, types } = world(503);
    // A failure every 10 % of the window: the second is past the time threshold (60 s).
    for (let i = 0; i < 12; i++) {
      await handlePush(GOOD_TOKEN, push(), w.deps);
      w.advance(DISABLE_AFTER_MS / 10);
    }
    expect(types()).toEqual([
      'delivery.failing',
      'delivery.failing',
      'delivery.failing',
      'delivery.failing',
      'queue.disabled',
    ]);
    expect(published.map((p) => p.data.windowPercent)).toEqual([10, 50, 90, 100, undefined]);
    expect(
      published.every((p) => p.actor === 'eventq' && p.subject === queue.name && p.tenant === queue.tenant),
    ).toBe(true);
    // Reported after it was written: the definition says disabled.
    expect(w.stored(queue.tenant, queue.name)?.status).toBe('disabled');
  });

  it('says recovered on the first success after a reported run, once', async () => {
    const { w, published, types } = world(503);
    for (let i = 0; i < 3; i++) await handlePush(GOOD_TOKEN, push(), w.deps);
    const since = w.stored(queue.tenant, queue.name)?.failingSince;
    w.setSink(() => sinkAnswer(200));
    w.advance(1_000);
    await handlePush(GOOD_TOKEN, push(), w.deps);
    await handlePush(GOOD_TOKEN, push(), w.deps);
    expect(types()).toEqual(['delivery.failing', 'delivery.recovered']);
    expect(published[1]!.data).toEqual({
      queue: queue.name,
      since,
      recoveredAt: new Date(w.now()).toISOString(),
    });
  });

  it('says queue.disabled with the status when the sink answers 410', async () => {
    const { w, published } = world(410);
    await handlePush(GOOD_TOKEN, push(), w.deps);
    expect(published.map((p) => [p.type, p.data.status])).toEqual([['io.eventq.queue.disabled', 410]]);
  });

  it('adds up a burst of dead letters into one delivery.exhausted per window', async () => {
    const { w, published } = world(500);
    for (let i = 0; i < 30; i++) await handlePush(GOOD_TOKEN, push(5), w.deps);
    expect(w.kept).toHaveLength(30);
    w.advance(10_000);
    w.deps.health.poke(w.now());
    const exhausted = published.filter((p) => p.type === 'io.eventq.delivery.exhausted');
    expect(exhausted.map((p) => p.data.count)).toEqual([30]);
  });
});
