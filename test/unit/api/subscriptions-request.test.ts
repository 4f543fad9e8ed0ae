// A subscription body as the queue request it stands for, and what eventq
// refuses rather than ignores.
import {
  createQueueBody,
  patchQueueBody,
} from '../../../functions/src/api/subscriptions/subscription-request';
import { subscriptionOf } from '../../../functions/src/api/subscriptions/subscription-view';
import { publicQueue, type QueueDefinition } from '../../../functions/src/queues/queue-definition';

const sink = 'https://hooks.example.com/in';

const queue: QueueDefinition = {
  tenant: 'acme',
  name: 'orders',
  kind: 'push',
  sink,
  types: ['a'],
  source: '/s',
  filters: [{ prefix: { subject: 'x' } }],
  contentMode: 'binary',
  status: 'active',
  secrets: [{ value: 'whsec_current' }],
  maxDeliveryAttempts: 10,
  subscription: 'projects/p/subscriptions/eventq-acme-orders',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

test('POST becomes a push queue; the id is the name, or a generated sub-… one', () => {
  expect(
    createQueueBody({
      id: 'orders',
      protocol: 'HTTP',
      sink,
      types: ['a'],
      config: { contentMode: 'structured', signature: 'v1a', ordered: 'true', maxDeliveryAttempts: '7' },
    }),
  ).toEqual({
    name: 'orders',
    kind: 'push',
    sink,
    types: ['a'],
    contentMode: 'structured',
    signature: 'v1a',
    ordered: true,
    maxDeliveryAttempts: 7,
  });
  expect(createQueueBody({ protocol: 'HTTP', sink }).name).toMatch(/^sub-[0-9a-f]{12}$/);
});

test.each([
  [{ protocol: 'NATS' as const, sink }, /^protocol: eventq delivers over HTTP only/],
  [{ protocol: 'HTTP' as const, sink, protocolsettings: { method: 'PUT' } }, /^protocolsettings\.method/],
  [{ protocol: 'HTTP' as const, sink, protocolsettings: { headers: { a: 'b' } } }, /headers: .* not a$/],
  [{ protocol: 'HTTP' as const, sink, protocolsettings: { retries: 3 } }, /^protocolsettings\.retries/],
  [{ protocol: 'HTTP' as const, sink, sinkcredential: { accesstoken: 't' } }, /^sinkcredential/],
  [
    { protocol: 'HTTP' as const, sink, config: { status: 'paused' } },
    /^config\.status: not a setting at creation/,
  ],
  [
    { protocol: 'HTTP' as const, sink, config: { replies: 'yes' } },
    /^config\.replies: must be one of true, false/,
  ],
  [
    { protocol: 'HTTP' as const, sink, config: { maxDeliveryAttempts: 'ten' } },
    /^config\.maxDeliveryAttempts/,
  ],
])('POST %j is refused', (body, detail) => {
  expect(() => createQueueBody(body)).toThrow(detail);
});

test('PUT replaces types, source and filters, keeps config it omits, and takes its own GET back unchanged', () => {
  const shown = subscriptionOf(publicQueue(queue), 'whsec_current');
  expect(
    patchQueueBody({ ...shown, types: [...(shown.types ?? [])], filters: [...shown.filters] }, queue),
  ).toEqual({
    sink,
    types: ['a'],
    source: '/s',
    filters: [{ prefix: { subject: 'x' } }],
  });
  expect(
    patchQueueBody({ id: 'orders', protocol: 'HTTP', sink, config: { status: 'paused' } }, queue),
  ).toEqual({
    sink,
    types: [],
    source: null,
    filters: [],
    status: 'paused',
  });
});

test.each([
  [{ signature: 'v1a' }, /^config\.signature: fixed at creation \(it is v1\)/],
  [{ maxDeliveryAttempts: '20' }, /^config\.maxDeliveryAttempts: fixed at creation/],
  [{ secret: 'whsec_mine' }, /^config\.secret: cannot be set/],
  [{ status: 'disabled' }, /^config\.status: must be one of active, paused/],
  [{ shards: '4' }, /^config\.shards: not a setting/],
])('PUT config %j is refused', (config, detail) => {
  expect(() => patchQueueBody({ id: 'orders', protocol: 'HTTP', sink, config }, queue)).toThrow(detail);
});
