import { ValidationError } from '../../../functions/src/errors';
import {
  checkQueueName,
  checkTenantId,
  deadLetterSubscriptionPath,
  deadLetterTopicPath,
  opsTopicPath,
  parseQueueSubscription,
  queueDocPath,
  queueSubscriptionPath,
  topicPath,
} from '../../../functions/src/tenancy/resource-names';

describe('checkTenantId', () => {
  it.each([
    'a',
    'acme',
    'acme-eu',
    'a1',
    'acme--2',
    'deadbeef',
    'acme-deadline',
    'ops',
    'acme-opsx',
    'a'.repeat(40),
  ])('accepts %j', (id) => {
    expect(checkTenantId(id)).toBe(id);
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['uppercase', 'Acme'],
    ['starting with a digit', '1acme'],
    ['starting with a hyphen', '-acme'],
    ['with an underscore', 'acme_eu'],
    ['with a dot, which would make subscription ids ambiguous', 'acme.eu'],
    ['with a slash', 'acme/eu'],
    ['with a space', 'acme eu'],
    ['non-ASCII', 'acmé'],
    ['41 characters', 'a'.repeat(41)],
    ['ending in -dead, the dead-letter topic suffix', 'acme-dead'],
    ['exactly x-dead', 'x-dead'],
    ['ending in -ops, the ops topic suffix', 'acme-ops'],
    ['a number', 42],
    ['undefined', undefined],
    ['null', null],
  ])('refuses a tenant id %s', (_, id) => {
    expect(() => checkTenantId(id)).toThrow(ValidationError);
  });
});

describe('checkQueueName', () => {
  it.each(['q', 'orders', 'orders-v2', 'a'.repeat(63)])('accepts %j', (name) => {
    expect(checkQueueName(name)).toBe(name);
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['uppercase', 'Orders'],
    ['starting with a digit', '2orders'],
    ['starting with a hyphen', '-orders'],
    ['with a dot', 'orders.v2'],
    ['with an underscore', 'orders_v2'],
    ['64 characters', 'a'.repeat(64)],
    ['a number', 7],
    ['undefined', undefined],
  ])('refuses a queue name %s, naming the field', (_, name) => {
    expect(() => checkQueueName(name)).toThrow(/^name: /);
  });
});

describe('resource paths', () => {
  it('names the topics and subscriptions of a tenant', () => {
    expect(topicPath('p', 'acme')).toBe('projects/p/topics/eventq-acme');
    expect(deadLetterTopicPath('p', 'acme')).toBe('projects/p/topics/eventq-acme-dead');
    expect(opsTopicPath('p', 'acme')).toBe('projects/p/topics/eventq-acme-ops');
    expect(deadLetterSubscriptionPath('p', 'acme')).toBe('projects/p/subscriptions/eventq-acme-dead');
    expect(queueSubscriptionPath('p', 'acme', 'orders')).toBe('projects/p/subscriptions/eventq-acme.orders');
    expect(queueDocPath('acme', 'orders')).toBe('tenants/acme/queues/orders');
  });
});

describe('parseQueueSubscription', () => {
  it.each<[string, string]>([
    ['acme', 'orders'],
    ['a', 'q'],
    ['acme-eu', 'orders-v2'],
    ['acme-2', 'dead'],
    ['acme', 'ops'],
    ['a'.repeat(40), 'b'.repeat(63)],
  ])('reads tenant %j and queue %j back from their subscription path', (tenant, queue) => {
    expect(parseQueueSubscription(queueSubscriptionPath('eventq-prod', tenant, queue))).toEqual({
      tenant,
      queue,
    });
  });

  it('reads a bare subscription id', () => {
    expect(parseQueueSubscription('eventq-acme.orders')).toEqual({ tenant: 'acme', queue: 'orders' });
  });

  it.each<[string, string]>([
    ['a subscription of another application', 'projects/p/subscriptions/billing-events'],
    ['a tenant dead-letter subscription', deadLetterSubscriptionPath('p', 'acme')],
    ['a subscription without the eventq- prefix', 'projects/p/subscriptions/acme.orders'],
    ['a prefix that only contains eventq-', 'projects/p/subscriptions/xeventq-acme.orders'],
    ['an empty tenant', 'projects/p/subscriptions/eventq-.orders'],
    ['an empty queue', 'projects/p/subscriptions/eventq-acme.'],
    ['an uppercase tenant', 'projects/p/subscriptions/eventq-Acme.orders'],
    ['a queue name with a dot', 'projects/p/subscriptions/eventq-acme.orders.v2'],
    ['a tenant id that eventq refuses', 'projects/p/subscriptions/eventq-acme-dead.orders'],
    ['a tenant id ending in -ops', 'projects/p/subscriptions/eventq-acme-ops.orders'],
    ['a tenant ops topic id', 'eventq-acme-ops'],
    ['the operator ops topic id', 'eventq_ops'],
    ['a topic rather than a subscription', 'projects/p/topics/eventq-acme.orders'],
    ['a path nested under something else', 'projects/p/subscriptions/x/eventq-acme.orders'],
    ['an empty path', ''],
  ])('gives undefined for %s', (_, path) => {
    expect(parseQueueSubscription(path)).toBeUndefined();
  });
});
