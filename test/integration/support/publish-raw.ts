// Publishes Pub/Sub messages exactly as a producer would, without eventq's own
// encoder, so that tests check the binding rather than eventq against itself.
import { pubsub } from './stack';

export async function publishRaw(
  tenantId: string,
  message: { data?: Buffer | string; attributes: Record<string, string>; orderingKey?: string },
): Promise<string> {
  const data =
    typeof message.data === 'string' ? Buffer.from(message.data) : (message.data ?? Buffer.alloc(0));
  return pubsub().topic(`eventq-${tenantId}`).publishMessage({ data, attributes: message.attributes });
}

export function binaryAttributes(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const attributes: Record<string, string | undefined> = {
    'ce-specversion': '1.0',
    'ce-id': `evt-${Math.random().toString(36).slice(2)}`,
    'ce-source': '/devices/7f3c',
    'ce-type': 'DEVICE_FIRST_SEEN',
    'ce-time': '2026-11-22T10:00:00.123Z',
    'content-type': 'application/json',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}
