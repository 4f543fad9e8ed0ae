// Measurement 9: the message-log search with 100,000 entries in one tenant
// against the same searches with 100 in another, through the api's log store
// against the stack's Firestore emulator. Every search is served by an index
// (message-log/log-query.ts), so its time should follow the page, not the log.
// Entries are seeded in the stored shape in batched commits, spread over ten
// queues, five types, a thousand devices and ten sources. Reported, no target:
// the emulator runs no index (it scans), so the figure is an upper bound of
// what production does with the declared indexes.
import { webhookId } from '../../../functions/src/delivery/webhook-id';
import { LOG_STATE, type LogStatus, logEntryPath } from '../../../functions/src/message-log/log-entry';
import { parseLogSearch } from '../../../functions/src/message-log/log-search';
import { firestoreLogStore, type LogStore } from '../../../functions/src/message-log/log-store';
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

interface BenchSearch {
  readonly queue?: string;
  readonly query: Record<string, string>;
}

/** The searches a person makes first: a queue's newest, by status, by type in a day, one device, a prefix, by source. */
function searches(t0: number): BenchSearch[] {
  const day = new Date(t0 + 86_400_000).toISOString();
  return [
    { queue: queueName(3), query: {} },
    { queue: queueName(3), query: { status: 'dead-lettered' } },
    {
      queue: queueName(4),
      query: { type: 'DEVICE_OTA_STARTED', since: new Date(t0).toISOString(), until: day },
    },
    { query: { subject: '/devices/d42' } },
    { query: { subject: '/devices/*', limit: '100' } },
    { query: { source: '/fleet/7', status: 'failing' } },
  ];
}

/**
 * Each search and its second page, timed through the api's own log store
 * (message-log/log-store.ts) rather than over HTTP: the emulator scans, and
 * at 100,000 entries a scan can pass the api's 5 s store deadline, which
 * production's indexes never come near.
 */
async function timeSearches(
  store: LogStore,
  tenant: string,
  list: BenchSearch[],
  repeats: number,
): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const { queue, query } of list) {
      const started = performance.now();
      const page = await store.search(tenant, parseLogSearch(query, queue));
      if (page.nextPageToken)
        await store.search(tenant, parseLogSearch({ ...query, pageToken: page.nextPageToken }, queue));
      samples.push(performance.now() - started);
    }
  }
  return samples;
}

export async function measureLogSearch(ctx: BenchContext): Promise<LogSearchResult> {
  const entries = ctx.options.quick ? 5_000 : 100_000;
  const baselineEntries = 100;
  // The emulator scans: a search of 100,000 entries takes seconds to tens of
  // seconds on a loaded 2-core machine, so the full run times few rounds.
  const repeats = ctx.options.quick ? 1 : 2;
  const t0 = Date.UTC(2030, 0, 1);
  const seeding = performance.now();
  await seed(ctx, LOG_SEARCH_LARGE_TENANT, entries, t0);
  const seedSeconds = (performance.now() - seeding) / 1000;
  await seed(ctx, LOG_SEARCH_SMALL_TENANT, baselineEntries, t0);
  const { Firestore } = require('@google-cloud/firestore') as typeof import('@google-cloud/firestore');
  const db = new Firestore({ projectId: ctx.stack.info.projectId });
  try {
    const store = firestoreLogStore(() => db, { deadlineMs: 120_000 });
    const list = searches(t0);
    // One warm-up pass (the client's first connection), not measured.
    await timeSearches(store, LOG_SEARCH_SMALL_TENANT, list, 1);
    const baseline = sortedCopy(await timeSearches(store, LOG_SEARCH_SMALL_TENANT, list, repeats));
    const large = sortedCopy(await timeSearches(store, LOG_SEARCH_LARGE_TENANT, list, repeats));
    return {
      entries,
      baselineEntries,
      searches: large.length,
      p50Ms: percentile(large, 50),
      p95Ms: percentile(large, 95),
      baselineP95Ms: percentile(baseline, 95),
      seedSeconds,
    };
  } finally {
    await db.terminate();
  }
}
