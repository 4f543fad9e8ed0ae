// Queue definitions as the api stores them, for tests that need one without
// going through the api.
import { generateWebhookSecret } from '../../functions/src/delivery/webhook-signature';
import type { QueueDefinition } from '../../functions/src/queues/queue-definition';

export const TEST_PROJECT = 'eventq-test';

export function pushQueueDefinition(overrides: Partial<QueueDefinition> = {}): QueueDefinition {
  const tenant = overrides.tenant ?? 'acme';
  const name = overrides.name ?? 'orders';
  return {
    tenant,
    name,
    kind: 'push',
    sink: 'https://hooks.acme.example/eventq',
    types: ['com.example.device.seen'],
    filters: [],
    contentMode: 'binary',
    status: 'active',
    secrets: [{ value: generateWebhookSecret() }],
    subscription: `projects/${TEST_PROJECT}/subscriptions/eventq-${tenant}.${name}`,
    createdAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
    ...overrides,
  };
}
