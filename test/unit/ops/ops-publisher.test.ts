import { EVENTQ_ACTOR } from '../../../functions/src/ops/ops-event-types';
import { createOpsPublisher, type OpsMessage } from '../../../functions/src/ops/ops-publisher';
import { OPERATOR_OPS_TOPIC_ID } from '../../../functions/src/tenancy/resource-names';

const quiet = () => undefined;
const noWait = () => Promise.resolve();

function event(subject: string, n: number) {
  return {
    tenant: 'acme',
    type: 'io.eventq.queue.updated' as const,
    subject,
    actor: EVENTQ_ACTOR,
    data: { n },
  };
}

describe('the operational event publisher', () => {
  it('sends each event to the tenant ops topic and the operator topic, a subject in order', async () => {
    const sent: { topic: string; message: OpsMessage }[] = [];
    let first = true;
    const publisher = createOpsPublisher({
      log: quiet,
      sleep: noWait,
      send: async (topic, message) => {
        // The first message fails once: the next of its subject must still come after it.
        if (first) {
          first = false;
          throw new Error('unavailable');
        }
        sent.push({ topic, message });
      },
    });
    for (let n = 0; n < 3; n++) publisher.publish(event('orders', n));
    await publisher.drain();
    const tenantTopic = sent.filter((s) => s.topic === 'eventq-acme-ops');
    expect(tenantTopic.map((s) => JSON.parse(s.message.data.toString()).n)).toEqual([0, 1, 2]);
    expect(sent.filter((s) => s.topic === OPERATOR_OPS_TOPIC_ID)).toHaveLength(3);
    const { attributes, orderingKey } = tenantTopic[0]!.message;
    expect(orderingKey).toBe('orders');
    expect(attributes).toMatchObject({
      'ce-type': 'io.eventq.queue.updated',
      'ce-subject': 'orders',
      'ce-actor': 'eventq',
      'ce-source': '/eventq/tenants/acme',
      'content-type': 'application/json',
    });
    expect(attributes['ce-correlationid']).toBe(attributes['ce-id']);
    expect(publisher.counts()).toEqual({ published: 6, unpublished: 0, pending: 0 });
  });

  it('never throws to the caller, and counts what it gave up on', async () => {
    const errors: string[] = [];
    const publisher = createOpsPublisher({
      log: (severity, message) => errors.push(`${severity} ${message}`),
      sleep: noWait,
      retryDelaysMs: [1, 1],
      send: () => Promise.reject(new Error('Pub/Sub is down')),
    });
    expect(() => publisher.publish(event('orders', 1))).not.toThrow();
    await publisher.drain();
    expect(publisher.counts()).toEqual({ published: 0, unpublished: 2, pending: 0 });
    expect(errors[0]).toMatch(/^ERROR an operational event could not be published/);
  });

  it('drops and counts events beyond the waiting bound instead of growing without end', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const publisher = createOpsPublisher({ log: quiet, maxPending: 4, send: () => gate });
    for (let n = 0; n < 3; n++) publisher.publish(event(`q${n}`, n));
    expect(publisher.counts()).toMatchObject({ pending: 4, unpublished: 2 });
    release();
    await publisher.drain();
    expect(publisher.counts()).toEqual({ published: 4, unpublished: 2, pending: 0 });
  });
});
