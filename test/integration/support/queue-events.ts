// Helpers for the delivery-guarantee tests: a push queue that only takes the
// test's own events (a unique CloudEvents source, since the emulator hands a
// new subscription what the topic retained), and polling of the API.

import { eventually as sharedEventually } from '../../support/eventually';
import { binaryAttributes, publishRaw } from './publish-raw';
import { callApi, uniqueName } from './stack';
import type { ReceivedDelivery } from './webhook-receiver';

export interface TestQueue {
  readonly name: string;
  readonly source: string;
}

export async function createPushQueue(
  sink: string,
  extra: Record<string, unknown> = {},
  options: { tenant?: string; prefix?: string; baseUrl?: string; token?: string } = {},
): Promise<TestQueue> {
  const name = uniqueName(options.prefix ?? 'dq');
  const source = `/tests/${name}`;
  const created = await callApi('POST', '/v1/queues', {
    tenant: options.tenant,
    baseUrl: options.baseUrl,
    token: options.token,
    body: { name, kind: 'push', sink, source, ...extra },
  });
  if (created.status !== 201) throw new Error(`queue not created: ${JSON.stringify(created.body)}`);
  return { name, source };
}

/** Publishes `n` events from the queue's source; resolves to their ce-ids in publish order. */
export async function publishEvents(
  queue: TestQueue,
  n: number,
  options: { tenant?: string; publish?: typeof publishRaw } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const attributes = binaryAttributes({ 'ce-source': queue.source, 'ce-id': `${queue.name}-${i}` });
    ids.push(attributes['ce-id']!);
    await (options.publish ?? publishRaw)(options.tenant ?? 'acme', {
      data: JSON.stringify({ n: i }),
      attributes,
    });
  }
  return ids;
}

export const ceId = (d: ReceivedDelivery): string => decodeURIComponent(String(d.headers['ce-id']));

/** Polls `read` until `done` holds over its value, or fails after `timeoutMs` (test/support/eventually.ts). */
export function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  return sharedEventually(read, done, { timeoutMs, intervalMs: 250, what });
}
