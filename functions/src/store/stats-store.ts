// Delivery counters in Firestore: one shard document per dispatch instance,
// tenants/{t}/queues/{q}/stats/{instanceId}, so instances never contend on one
// document. dispatch adds to its shards with increments over the REST API
// (commit), which needs no client library; the api sums the shards.
//
// The commit goes over node:http(s), not `fetch`: the first `fetch` loads
// undici into the process, which keeps ~2.5 MiB more live heap from then on
// (V8 sizes the old generation at up to 4× the live heap under load, so ~10 MiB
// of resident memory) and needs ~30 MiB of parser memory while it loads. The
// first flush comes seconds into an instance's life, so that cost would land
// in the middle of its work. Nothing else in dispatch uses `fetch`.
import http from 'node:http';
import https from 'node:https';
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

const EXCERPT_CHARS = 200;

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
  const accessToken: AccessTokenSource = options.target.emulator
    ? () => Promise.resolve('owner')
    : (options.accessToken ?? metadataAccessTokens());
  const origin = new URL(options.target.origin);
  const transport = origin.protocol === 'https:' ? https : http;
  // One flush at a time (StatsFlusher), every few seconds: one kept-alive connection.
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 1 });
  const path = `${options.target.documentsPath}:commit`;

  const commit = (token: string, body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = transport.request(
        {
          protocol: origin.protocol,
          hostname: origin.hostname,
          port: origin.port || undefined,
          path,
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            clearTimeout(deadline);
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve();
            const text = Buffer.concat(chunks).toString('utf8');
            reject(new Error(`Firestore commit answered ${status}: ${text.slice(0, EXCERPT_CHARS)}`));
          });
        },
      );
      const deadline = setTimeout(
        () => req.destroy(new Error(`Firestore commit: no answer within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      req.on('close', () => clearTimeout(deadline));
      req.on('error', reject);
      req.end(body);
    });

  return async (batches) => {
    // A commit takes at most 500 writes.
    for (let i = 0; i < batches.length; i += 500) {
      const body = incrementCommit(
        databasePath,
        options.instanceId,
        batches.slice(i, i + 500),
        new Date().toISOString(),
      );
      await commit(await accessToken(), JSON.stringify(body));
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
