// What the HTTP measurements share: the local stack (emulators, api, the
// stack's own dispatch and token relay), a push signer that the benchmark's
// own dispatch processes trust, a sink process, and helpers to create queues.
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { freePort } from '../../../emulator/free-port';
import { type ProcessGroup, registerForCleanup, spawnProcessGroup } from '../../../emulator/process-group';
import { LOCAL_PROJECT_ID, LOCAL_SINK_ALLOWLIST, type RunningStack } from '../../../emulator/start-stack';
import { waitForHttp } from '../../../emulator/wait-for-http';
import { generateWebhookSecret } from '../../../functions/src/delivery/webhook-signature';
import type { QueueDefinition } from '../../../functions/src/queues/queue-definition';
import { firestoreClient } from '../../../functions/src/store/firestore-client';
import { queueDocPath, queueSubscriptionPath } from '../../../functions/src/tenancy/resource-names';
import type { BenchOptions } from '../bench-options';
import { BENCH_AUDIENCE, BENCH_PUSH_ACCOUNT, type PushSigner } from './push-signer';

export interface SinkProcess {
  readonly group: ProcessGroup;
  readonly url: string;
  readonly port: number;
}

export interface BenchContext {
  readonly options: BenchOptions;
  readonly stack: RunningStack;
  readonly signer: PushSigner;
  readonly logDir: string;
  /** Environment of a dispatch process that trusts `signer` and reads the stack's Firestore. */
  readonly dispatchEnv: NodeJS.ProcessEnv;
  readonly sink: SinkProcess;
}

export async function dispatchEnvironment(
  stack: RunningStack,
  signer: PushSigner,
): Promise<NodeJS.ProcessEnv> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: 'bench-signing', alg: 'ES256' };
  const { info } = stack;
  return {
    ...process.env,
    NODE_ENV: 'production',
    METADATA_SERVER_DETECTION: 'none',
    GOOGLE_CLOUD_PROJECT: info.projectId,
    PUBSUB_EMULATOR_HOST: info.pubsubEmulatorHost,
    FIRESTORE_EMULATOR_HOST: info.firestoreEmulatorHost,
    EVENTQ_PROJECT_ID: info.projectId,
    EVENTQ_API_URL: info.apiUrl,
    EVENTQ_SIGNING_KEYS: JSON.stringify([signingJwk]),
    EVENTQ_SINK_ALLOWLIST: LOCAL_SINK_ALLOWLIST,
    EVENTQ_PUSH_AUDIENCE: BENCH_AUDIENCE,
    EVENTQ_PUSH_SERVICE_ACCOUNT: BENCH_PUSH_ACCOUNT,
    EVENTQ_PUSH_CERTS_URL: signer.certsUrl,
    // The measurements of the push path itself run with the message log off
    // (their targets are the bare pipeline's); measurement 8 turns it on.
    EVENTQ_MESSAGE_LOG_LEVELS: '{"bench":"off"}',
  };
}

export async function startSinkProcess(logDir: string): Promise<SinkProcess> {
  const port = await freePort();
  const group = spawnProcessGroup({
    name: 'bench-sink',
    command: process.execPath,
    args: [path.join(__dirname, 'sink-server.js'), String(port)],
    logFile: path.join(logDir, 'bench-sink.log'),
  });
  registerForCleanup(group);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/count`, { timeoutMs: 10_000, process: group, intervalMs: 20 });
  return { group, url, port };
}

/**
 * Writes a push queue's definition straight into Firestore, for the
 * measurements that push to dispatch themselves: no subscription is needed.
 */
export async function putQueueDefinition(tenant: string, name: string, sink: string): Promise<void> {
  const now = new Date().toISOString();
  const queue: QueueDefinition = {
    tenant,
    name,
    kind: 'push',
    sink,
    types: ['DEVICE_FIRST_SEEN'],
    filters: [{ prefix: { source: '/devices/' } }],
    contentMode: 'binary',
    status: 'active',
    secrets: [{ value: generateWebhookSecret() }],
    subscription: queueSubscriptionPath(LOCAL_PROJECT_ID, tenant, name),
    createdAt: now,
    updatedAt: now,
  };
  // Written as it is, not through the store's create: that counts the tenant's queues in a
  // transaction on the tenant document, which hundreds of parallel writes would contend on.
  await firestoreClient(LOCAL_PROJECT_ID, '(default)').doc(queueDocPath(tenant, name)).set(queue);
}

/** Creates a push queue through the tenant API, as a tenant would: handshake, definition, subscription. */
export async function createQueueViaApi(
  stack: RunningStack,
  tenant: string,
  name: string,
  sink: string,
): Promise<void> {
  const token = stack.info.tenants.find((t) => t.id === tenant)?.token;
  if (!token) throw new Error(`the bench stack has no tenant ${tenant}`);
  const res = await fetch(`${stack.info.apiUrl}/v1/queues`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, kind: 'push', sink, types: ['DEVICE_FIRST_SEEN'] }),
  });
  if (res.status !== 201)
    throw new Error(`creating queue ${tenant}/${name}: ${res.status} ${await res.text()}`);
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
