// Measurement 9: the message-log search with 100,000 entries in one tenant
// against the same searches with 100 in another, over HTTP through the stack's
// api and Firestore emulator. Every search is served by an index
// (message-log/log-query.ts), so its time should follow the page, not the log.
// Entries are seeded in the stored shape in batched commits, spread over ten
// queues, five types, a thousand devices and ten sources. Reported, no target:
// the emulator runs no index (it scans), so the figure is an upper bound of
// what production does with the declared indexes.
import { webhookId } from '../../../functions/src/delivery/webhook-id';
import { LOG_STATE, type LogStatus, logEntryPath } from '../../../functions/src/message-log/log-entry';
import { subjectPrefixes } from '../../../functions/src/message-log/subject-prefixes';
import type { BenchContext } from '../support/bench-context';
import { percentile, sortedCopy } from '../support/stats';

export const LOG_SEARCH_LARGE_TENANT = 'bench-log-large';
export const LOG_SEARCH_SMALL_TENANT = 'bench-log-small';
const QUEUES = 10;
const TYPES = [
  'DEVICE_FIRST_SEEN',
  'DEVICE_CONFIG_APPLIED',
  'DEVICE_OTA_STARTED',
  'DEVICE_OTA_COMPLETED',
  'X',
];
const STATUSES: LogStatus[] = ['delivered', 'delivered', 'delivered', 'failing', 'dead-lettered', 'filtered'];
const BATCH = 500;
const PARALLEL_COMMITS = 4;

export interface LogSearchResult {
  readonly entries: number;
  readonly baselineEntries: number;
  readonly searches: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly baselineP95Ms: number;
  readonly seedSeconds: number;
}

const queueName = (i: number) => `logq-${i % QUEUES}`;

function entry(tenant: string, i: number, t0: number) {
  const queue = queueName(i);
  const source = `/fleet/${i % 10}`;
  const id = `e-${i}`;
  const subject = `/devices/d${i % 1000}`;
  const type = TYPES[i % TYPES.length]!;
  const publishTimeMs = t0 + i * 10;
  const status = STATUSES[i % STATUSES.length]!;
  const event = { specversion: '1.0', id, source, type, subject, data: { i } };
  return {
    path: logEntryPath(tenant, webhookId(tenant, queue, source, id)),
    doc: {
      queue,
      id,
      type,
      source,
      subject,
      subjectPrefixes: subjectPrefixes(subject),
      publishTimeMs,
      state: LOG_STATE[status],
      attempts:
        status === 'filtered' ? [] : [{ atMs: publishTimeMs + 20, attempt: 1, status: 204, latencyMs: 8 }],
      event: JSON.stringify(event),
      dataSize: 9,
      expireAt: new Date(publishTimeMs + 7 * 86_400_000),
    },
  };
}

async function seed(ctx: BenchContext, tenant: string, count: number, t0: number): Promise<void> {
  process.env.FIRESTORE_EMULATOR_HOST ??= ctx.stack.info.firestoreEmulatorHost;
  const { Firestore } = require('@google-cloud/firestore') as typeof import('@google-cloud/firestore');
  const db = new Firestore({ projectId: ctx.stack.info.projectId });
  try {
    const commits: number[] = [];
    for (let start = 0; start < count; start += BATCH) commits.push(start);
    for (let i = 0; i < commits.length; i += PARALLEL_COMMITS) {
      await Promise.all(
        commits.slice(i, i + PARALLEL_COMMITS).map((start) => {
          const batch = db.batch();
          for (let n = start; n < Math.min(start + BATCH, count); n++) {
            const { path, doc } = entry(tenant, n, t0);
            batch.set(db.doc(path), doc);
          }
          return batch.commit();
        }),
      );
    }
  } finally {
    await db.terminate();
  }
}

/** The searches a person makes first: a queue's newest, by status, by type in a day, one device, a prefix, page 2. */
function searchPaths(t0: number): string[] {
  const day = new Date(t0 + 86_400_000).toISOString();
  return [
    `/v1/queues/${queueName(3)}/events`,
    `/v1/queues/${queueName(3)}/events?status=dead-lettered`,
    `/v1/queues/${queueName(4)}/events?type=DEVICE_OTA_STARTED&since=${new Date(t0).toISOString()}&until=${day}`,
    '/v1/events?subject=%2Fdevices%2Fd42',
    '/v1/events?subject=%2Fdevices%2F*&limit=100',
    '/v1/events?source=%2Ffleet%2F7&status=failing',
  ];
}

async function timeSearches(
  ctx: BenchContext,
  tenant: string,
  paths: string[],
  repeats: number,
): Promise<number[]> {
  const { apiUrl, tenants } = ctx.stack.info;
  const token = tenants.find((t) => t.id === tenant)!.token;
  const headers = { authorization: `Bearer ${token}` };
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const path of paths) {
      const started = performance.now();
      const res = await fetch(`${apiUrl}${path}`, { headers });
      const body = (await res.json()) as { events?: unknown[]; nextPageToken?: string };
      if (res.status !== 200)
        throw new Error(`search ${path} answered ${res.status}: ${JSON.stringify(body)}`);
      // Page 2 of the same search, by its token.
      if (body.nextPageToken) {
        const next = await fetch(
          `${apiUrl}${path}${path.includes('?') ? '&' : '?'}pageToken=${body.nextPageToken}`,
          { headers },
        );
        await next.arrayBuffer();
      }
      samples.push(performance.now() - started);
    }
  }
  return samples;
}

async function createQueues(ctx: BenchContext, tenant: string): Promise<void> {
  const token = ctx.stack.info.tenants.find((t) => t.id === tenant)!.token;
  for (let i = 0; i < QUEUES; i++) {
    const res = await fetch(`${ctx.stack.info.apiUrl}/v1/queues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: queueName(i), kind: 'pull' }),
    });
    await res.arrayBuffer();
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`queue ${queueName(i)} not created: ${res.status}`);
  }
}

export async function measureLogSearch(ctx: BenchContext): Promise<LogSearchResult> {
  const entries = ctx.options.quick ? 5_000 : 100_000;
  const baselineEntries = 100;
  const repeats = ctx.options.quick ? 3 : 10;
  const t0 = Date.UTC(2030, 0, 1);
  await createQueues(ctx, LOG_SEARCH_LARGE_TENANT);
  await createQueues(ctx, LOG_SEARCH_SMALL_TENANT);
  const seeding = performance.now();
  await seed(ctx, LOG_SEARCH_LARGE_TENANT, entries, t0);
  const seedSeconds = (performance.now() - seeding) / 1000;
  await seed(ctx, LOG_SEARCH_SMALL_TENANT, baselineEntries, t0);
  const paths = searchPaths(t0);
  // One warm-up pass each (the api's first Firestore connection), not measured.
  await timeSearches(ctx, LOG_SEARCH_SMALL_TENANT, paths, 1);
  await timeSearches(ctx, LOG_SEARCH_LARGE_TENANT, paths, 1);
  const baseline = sortedCopy(await timeSearches(ctx, LOG_SEARCH_SMALL_TENANT, paths, repeats));
  const large = sortedCopy(await timeSearches(ctx, LOG_SEARCH_LARGE_TENANT, paths, repeats));
  return {
    entries,
    baselineEntries,
    searches: large.length,
    p50Ms: percentile(large, 50),
    p95Ms: percentile(large, 95),
    baselineP95Ms: percentile(baseline, 95),
    seedSeconds,
  };
}
