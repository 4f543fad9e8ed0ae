// Delivery counters in Firestore: one shard document per dispatch instance,
// tenants/{t}/queues/{q}/stats/{instanceId}, so instances never contend on one
// document. dispatch adds to its shards with increments over the REST API
// (commit), which needs no client library; the api sums the shards.
import type { Firestore } from '@google-cloud/firestore';
import type { CountsBatch, StatCounter } from '../stats/delivery-counters';
import { sumShards } from '../stats/delivery-counters';
import { collections, queueDocPath } from '../tenancy/resource-names';
import { withStoreDeadline } from './firestore-client';
import type { FirestoreRestTarget } from './firestore-rest-reader';
import { type AccessTokenSource, metadataAccessTokens } from './metadata-token';

export const statsShardPath = (tenant: string, queue: string, instanceId: string): string =>
  `${queueDocPath(tenant, queue)}/${collections.stats}/${instanceId}`;

/** The body of a documents:commit that adds `batches` to this instance's shards, creating them as needed. */
export function incrementCommit(
  databasePath: string,
  instanceId: string,
  batches: readonly CountsBatch[],
  nowIso: string,
) {
  return {
    writes: batches.map((b) => ({
      update: {
        name: `${databasePath}/documents/${statsShardPath(b.tenant, b.queue, instanceId)}`,
        fields: { instance: { stringValue: instanceId }, updatedAt: { timestampValue: nowIso } },
      },
      updateMask: { fieldPaths: ['instance', 'updatedAt'] },
      updateTransforms: Object.entries(b.counts)
        .filter(([, n]) => n)
        .map(([fieldPath, n]) => ({ fieldPath, increment: { integerValue: String(n) } })),
    })),
  };
}

export type StatsWriter = (batches: readonly CountsBatch[]) => Promise<void>;

export function restStatsWriter(options: {
  readonly target: FirestoreRestTarget;
  readonly projectId: string;
  readonly databaseId: string;
  readonly instanceId: string;
  readonly timeoutMs: number;
  readonly accessToken?: AccessTokenSource;
}): StatsWriter {
  const databasePath = `projects/${options.projectId}/databases/${options.databaseId}`;
  const accessToken: AccessTokenSource = options.target.emulator
    ? () => Promise.resolve('owner')
    : (options.accessToken ?? metadataAccessTokens());
  const url = `${options.target.origin}${options.target.documentsPath}:commit`;
  return async (batches) => {
    // A commit takes at most 500 writes.
    for (let i = 0; i < batches.length; i += 500) {
      const body = incrementCommit(
        databasePath,
        options.instanceId,
        batches.slice(i, i + 500),
        new Date().toISOString(),
      );
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`Firestore commit answered ${res.status}: ${text.slice(0, 200)}`);
    }
  };
}

export type QueueStats = Record<StatCounter, number>;

export function firestoreStatsReader(db: () => Firestore) {
  return async (tenant: string, queue: string): Promise<QueueStats> => {
    const snap = await withStoreDeadline('read stats', () =>
      db()
        .collection(`${queueDocPath(tenant, queue)}/${collections.stats}`)
        .get(),
    );
    return sumShards(snap.docs.map((d) => d.data()));
  };
}
