import {
  deadLetterSource,
  isDeadLetterOf,
  isForQueue,
  redriveAttributes,
} from '../../../functions/src/pubsub/redrive-selection';

describe('deadLetterSource', () => {
  it.each<[string, Record<string, string>, unknown]>([
    [
      "eventq's attribute",
      { 'eventq-source-subscription': 'projects/p/subscriptions/eventq-acme.orders' },
      { tenant: 'acme', queue: 'orders' },
    ],
    [
      "Pub/Sub's attribute (a bare subscription id)",
      { CloudPubSubDeadLetterSourceSubscription: 'eventq-acme.orders' },
      { tenant: 'acme', queue: 'orders' },
    ],
    ['neither', { 'ce-id': '1' }, undefined],
  ])('reads %s', (_what, attributes, expected) => {
    expect(deadLetterSource(attributes)).toEqual(expected);
  });

  it("does not take another tenant's queue of the same name", () => {
    const attributes = { CloudPubSubDeadLetterSourceSubscription: 'eventq-globex.orders' };
    expect(isDeadLetterOf(attributes, 'acme', 'orders')).toBe(false);
  });
});

describe('redriveAttributes', () => {
  it('keeps the event, drops what dead-lettering added, and addresses the queue', () => {
    expect(
      redriveAttributes(
        {
          'ce-id': '1',
          'eventq-dead-reason': 'gave up',
          'eventq-queue': 'orders',
          'eventq-source-subscription': 'x',
          'eventq-original-message-id': '9',
          'eventq-original-publish-time': 't',
          CloudPubSubDeadLetterSourceDeliveryCount: '5',
        },
        'orders',
      ),
    ).toEqual({ 'ce-id': '1', 'eventq-redrive-for': 'orders' });
  });
});

describe('isForQueue', () => {
  it.each<[Record<string, string> | undefined, boolean]>([
    [undefined, true],
    [{}, true],
    [{ 'eventq-redrive-for': 'orders' }, true],
    [{ 'eventq-redrive-for': 'audit' }, false],
  ])('%j is for orders: %s', (attributes, expected) => {
    expect(isForQueue(attributes, 'orders')).toBe(expected);
  });
});
