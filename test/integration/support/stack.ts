// Access to the shared local stack from integration tests.
import { randomBytes } from 'node:crypto';
import type { PubSub } from '@google-cloud/pubsub';
import { readStackInfo, type StackInfo, type StackTenant } from '../../../emulator/stack-info';

let info: StackInfo | undefined;

export function stack(): StackInfo {
  if (!info) {
    const file = process.env.EVENTQ_STACK_FILE;
    if (!file)
      throw new Error('EVENTQ_STACK_FILE is not set: run integration tests through jest (global setup)');
    info = readStackInfo(file);
    process.env.PUBSUB_EMULATOR_HOST = info.pubsubEmulatorHost;
    process.env.FIRESTORE_EMULATOR_HOST = info.firestoreEmulatorHost;
  }
  return info;
}

export function tenant(id = 'acme'): StackTenant {
  const found = stack().tenants.find((t) => t.id === id);
  if (!found) throw new Error(`the test stack has no tenant ${id}`);
  return found;
}

/** A queue name no other test (or earlier run) uses. */
export function uniqueName(prefix = 'q'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

let client: PubSub | undefined;
export function pubsub(): PubSub {
  if (!client) {
    stack();
    const { PubSub: PubSubClass } = require('@google-cloud/pubsub') as typeof import('@google-cloud/pubsub');
    client = new PubSubClass({ projectId: stack().projectId });
  }
  return client;
}

export async function closePubsub(): Promise<void> {
  await client?.close();
  client = undefined;
}

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** Calls the tenant API as a tenant would, with its token. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers and assert on them.
export async function callApi<T = any>(
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string | null;
    tenant?: string;
    rawBody?: string;
    contentType?: string;
    /** Another api than the stack's (a test's own). */
    baseUrl?: string;
  } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? tenant(options.tenant).token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(`${options.baseUrl ?? stack().apiUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text so that the assertion shows it
  }
  if (method === 'POST' && path === '/v1/queues' && res.status === 201) {
    const name = (parsed as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && token !== null) createdQueues.push({ token, name });
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Queues the tests of this file created (through callApi), deleted after them. */
const createdQueues: { token: string; name: string }[] = [];

/**
 * Deletes every queue this file's tests created and left, through the stack's
 * api, so that none goes on pushing to a receiver that has closed (retries,
 * dead letters and push-engine work that slow and disturb later files). Run
 * after each file (jest setupFilesAfterEnv); a queue already gone is a 404.
 */
export async function deleteCreatedQueues(): Promise<void> {
  const queues = createdQueues.splice(0);
  await Promise.all(
    queues.map(({ token, name }) =>
      fetch(`${stack().apiUrl}/v1/queues/${name}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      }).then(
        (res) => res.arrayBuffer(),
        () => undefined,
      ),
    ),
  );
}
