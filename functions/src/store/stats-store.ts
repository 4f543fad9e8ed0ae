// Delivery counters in Firestore: one shard document per dispatch instance,
// tenants/{t}/queues/{q}/stats/{instanceId}, so instances never contend on one
// document, and beside it the hour bucket of the flush,
// tenants/{t}/queues/{q}/statsHours/{hour}_{instanceId} (stats/hour-buckets.ts).
// dispatch adds to both with increments over the REST API (one commit per
// flush), which needs no client library; the api sums the shards.
//
// The commit goes over node:http(s) (net/http-request.ts), not `fetch`: the
// first `fetch` loads undici, which keeps ~2.5 MiB more live heap from then on
// (~10 MiB of resident memory under load), and the first flush comes seconds
// into an instance's life, in the middle of its work.
import type { Firestore } from '@google-cloud/firestore';
import { httpRequest } from '../net/http-request';
import type { CountsBatch, StatCounter } from '../stats/delivery-counters';
import { sumShards } from '../stats/delivery-counters';
import {
  fillHourBuckets,
  type HourBucket,
  hourBucketExpiry,
  hourBucketId,
  hourStart,
  STATS_HOUR_FIELD,
  STATS_HOUR_TTL_FIELD,
  STATS_HOURS_COLLECTION,
} from '../stats/hour-buckets';
import { collections, queueDocPath } from '../tenancy/resource-names';
import { withStoreDeadline } from './firestore-client';
import {
  type FirestoreRestTarget,
  firestoreAccessToken,
  firestoreAgent,
  firestoreAnswerError,
} from './firestore-rest-reader';
import type { AccessTokenSource } from './metadata-token';

export const statsShardPath = (tenant: string, queue: string, instanceId: string): string =>
  `${queueDocPath(tenant, queue)}/${collections.stats}/${instanceId}`;

export const statsHourPath = (tenant: string, queue: string, hourMs: number, instanceId: string): string =>
  `${queueDocPath(tenant, queue)}/${STATS_HOURS_COLLECTION}/${hourBucketId(hourMs, instanceId)}`;

/**
 * The body of a documents:commit that adds `batches` to this instance's shards
 * and to its buckets of the hour of `nowIso`, creating them as needed.
 */
export function incrementCommit(
  databasePath: string,
  instanceId: string,
  batches: readonly CountsBatch[],
  nowIso: string,
) {
  const hourMs = hourStart(Date.parse(nowIso));
  const increments = (b: CountsBatch) =>
    Object.entries(b.counts)
      .filter(([, n]) => n)
      .map(([fieldPath, n]) => ({ fieldPath, increment: { integerValue: String(n) } }));
  return {
    writes: batches.flatMap((b) => [
      {
        update: {
          name: `${databasePath}/documents/${statsShardPath(b.tenant, b.queue, instanceId)}`,
          fields: { instance: { stringValue: instanceId }, updatedAt: { timestampValue: nowIso } },
        },
        updateMask: { fieldPaths: ['instance', 'updatedAt'] },
        updateTransforms: increments(b),
      },
      {
        update: {
          name: `${databasePath}/documents/${statsHourPath(b.tenant, b.queue, hourMs, instanceId)}`,
          fields: {
            instance: { stringValue: instanceId },
            [STATS_HOUR_FIELD]: { integerValue: String(hourMs) },
            [STATS_HOUR_TTL_FIELD]: { timestampValue: hourBucketExpiry(hourMs).toISOString() },
          },
        },
        updateMask: { fieldPaths: ['instance', STATS_HOUR_FIELD, STATS_HOUR_TTL_FIELD] },
        updateTransforms: increments(b),
      },
    ]),
  };
}

export type StatsWriter = (batches: readonly CountsBatch[]) => Promise<void>;

export function restStatsWriter(options: {
  readonly target: FirestoreRestTarget;
  readonly projectId: string;
  readonly databaseId: string;
  readonly instanceId: string;
  /** For the whole exchange, not an idle timeout. */
  readonly timeoutMs: number;
  readonly accessToken?: AccessTokenSource;
}): StatsWriter {
  const databasePath = `projects/${options.projectId}/databases/${options.databaseId}`;
  const accessToken = firestoreAccessToken(options.target, options.accessToken);
  const origin = new URL(options.target.origin);
  // One flush at a time (StatsFlusher), every few seconds: one kept-alive connection.
  const agent = firestoreAgent(origin, 1);
  const url = new URL(`${options.target.documentsPath}:commit`, origin);

  const commit = async (token: string, body: string): Promise<void> => {
    const answer = await httpRequest(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      timeoutMs: options.timeoutMs,
      agent,
    });
    if (answer.status < 200 || answer.status >= 300) {
      throw firestoreAnswerError('Firestore commit', answer.status, answer.text);
    }
  };

  return async (batches) => {
    // A commit takes at most 500 writes: two per queue (its shard and its hour bucket).
    for (let i = 0; i < batches.length; i += 250) {
      const body = incrementCommit(
        databasePath,
        options.instanceId,
        batches.slice(i, i + 250),
        new Date().toISOString(),
      );
      await commit(await accessToken(), JSON.stringify(body));
    }
  };
}

export type QueueStats = Record<StatCounter, number>;

export interface StatsReader {
  /** The counters since the queue was created, summed over dispatch's shards. */
  totals(tenant: string, queue: string): Promise<QueueStats>;
  /** One bucket per hour from the hour of `fromMs` to `toMs` (exclusive), empty hours as zeros. */
  hours(tenant: string, queue: string, fromMs: number, toMs: number): Promise<HourBucket[]>;
}

export function firestoreStatsReader(db: () => Firestore): StatsReader {
  return {
    async totals(tenant, queue) {
      const snap = await withStoreDeadline('read stats', () =>
        db()
          .collection(`${queueDocPath(tenant, queue)}/${collections.stats}`)
          .get(),
      );
      return sumShards(snap.docs.map((d) => d.data()));
    },
    async hours(tenant, queue, fromMs, toMs) {
      // A range on one field: Firestore's automatic single-field index serves it.
      const snap = await withStoreDeadline('read stats buckets', () =>
        db()
          .collection(`${queueDocPath(tenant, queue)}/${STATS_HOURS_COLLECTION}`)
          .where(STATS_HOUR_FIELD, '>=', hourStart(fromMs))
          .where(STATS_HOUR_FIELD, '<', toMs)
          .get(),
      );
      return fillHourBuckets(
        snap.docs.map((d) => d.data()),
        fromMs,
        toMs,
      );
    },
  };
}
