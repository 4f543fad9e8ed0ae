// Queue definitions in Firestore: tenants/{tenant}/queues/{name}.
import type { Firestore } from '@google-cloud/firestore';
import { ConflictError, LimitExceededError } from '../errors';
import { GrpcStatus, grpcCode } from '../grpc-status';
import type { QueueDefinition } from '../queues/queue-definition';
import { STATS_HOURS_COLLECTION } from '../stats/hour-buckets';
import { collections, queueDocPath, tenantDocPath } from '../tenancy/resource-names';
import { withStoreDeadline } from './firestore-client';

export interface QueueStore {
  get(tenant: string, name: string): Promise<QueueDefinition | undefined>;
  list(tenant: string): Promise<QueueDefinition[]>;
  /** How many queues the tenant holds: an aggregation query, not a read of every document. */
  count(tenant: string): Promise<number>;
  /**
   * Throws ConflictError when a queue of that name exists, and
   * LimitExceededError when the tenant already holds `maxQueues` (checked in
   * the same transaction as the write, so parallel creates cannot pass it).
   */
  create(queue: QueueDefinition, maxQueues?: number): Promise<void>;
  update(tenant: string, name: string, changes: Partial<QueueDefinition>): Promise<void>;
  /** Writes the whole definition (fields left out are removed). */
  replace(queue: QueueDefinition): Promise<void>;
  /** Deletes the definition and takes it off the tenant's queue count. */
  delete(tenant: string, name: string): Promise<void>;
  /**
   * Deletes what a queue kept below its document (failure records, delivery
   * counters): Firestore does not delete subcollections with their document,
   * and a queue created again under the same name must start with none.
   */
  deleteRecords(tenant: string, name: string): Promise<void>;
}

/** The tenant document's count of its queues, kept by create and delete. */
export const QUEUE_COUNT_FIELD = 'queueCount';

/** One tenant's parallel creates contend on its document: let them retry more than the default 5 times. */
const CONTENDED = { maxAttempts: 20 };

/** Deleting records goes in batches of documents; a queue can have many failure records. */
const RECORDS_DEADLINE_MS = 30_000;

export function firestoreQueueStore(db: () => Firestore): QueueStore {
  return {
    async get(tenant, name) {
      const snap = await withStoreDeadline('read queue', () => db().doc(queueDocPath(tenant, name)).get());
      return snap.exists ? (snap.data() as QueueDefinition) : undefined;
    },
    async list(tenant) {
      const snap = await withStoreDeadline('list queues', () =>
        db().collection(`${collections.tenants}/${tenant}/${collections.queues}`).orderBy('name').get(),
      );
      return snap.docs.map((d) => d.data() as QueueDefinition);
    },
    async count(tenant) {
      const snap = await withStoreDeadline('count queues', () =>
        db().collection(`${collections.tenants}/${tenant}/${collections.queues}`).count().get(),
      );
      return snap.data().count;
    },
    async create(queue, maxQueues) {
      const queueDoc = db().doc(queueDocPath(queue.tenant, queue.name));
      const tenantDoc = db().doc(tenantDocPath(queue.tenant));
      const queuesOf = db().collection(`${collections.tenants}/${queue.tenant}/${collections.queues}`);
      // The tenant document's QUEUE_COUNT_FIELD is read and written in the
      // transaction, so parallel creates serialise on it; where it is absent
      // (queues made before it), it starts from a count of the documents.
      await withStoreDeadline('create queue', () =>
        db().runTransaction(async (tx) => {
          const [existing, tenantSnap] = await Promise.all([tx.get(queueDoc), tx.get(tenantDoc)]);
          if (existing.exists) throw new ConflictError(`a queue named "${queue.name}" already exists`);
          const stored = tenantSnap.get(QUEUE_COUNT_FIELD) as unknown;
          // Outside the transaction: a counting query in it would lock the whole collection.
          const held = typeof stored === 'number' ? stored : (await queuesOf.count().get()).data().count;
          if (maxQueues !== undefined && held >= maxQueues) {
            throw new LimitExceededError(`a tenant may hold ${maxQueues} queues; delete one first`);
          }
          tx.create(queueDoc, queue);
          tx.set(tenantDoc, { [QUEUE_COUNT_FIELD]: held + 1 }, { merge: true });
        }, CONTENDED),
      ).catch((error: unknown) => {
        if (grpcCode(error) === GrpcStatus.ALREADY_EXISTS) {
          throw new ConflictError(`a queue named "${queue.name}" already exists`);
        }
        throw error;
      });
    },
    async update(tenant, name, changes) {
      await withStoreDeadline('update queue', () => db().doc(queueDocPath(tenant, name)).update(changes));
    },
    async replace(queue) {
      await withStoreDeadline('write queue', () =>
        db().doc(queueDocPath(queue.tenant, queue.name)).set(queue),
      );
    },
    async delete(tenant, name) {
      const queueDoc = db().doc(queueDocPath(tenant, name));
      const tenantDoc = db().doc(tenantDocPath(tenant));
      await withStoreDeadline('delete queue', () =>
        db().runTransaction(async (tx) => {
          const [existing, tenantSnap] = await Promise.all([tx.get(queueDoc), tx.get(tenantDoc)]);
          if (!existing.exists) return;
          tx.delete(queueDoc);
          const stored = tenantSnap.get(QUEUE_COUNT_FIELD) as unknown;
          if (typeof stored === 'number')
            tx.update(tenantDoc, { [QUEUE_COUNT_FIELD]: Math.max(0, stored - 1) });
        }, CONTENDED),
      );
    },
    async deleteRecords(tenant, name) {
      const queueDoc = db().doc(queueDocPath(tenant, name));
      await Promise.all(
        [collections.failures, collections.stats, STATS_HOURS_COLLECTION].map((sub) =>
          withStoreDeadline(
            `delete ${sub}`,
            () => db().recursiveDelete(queueDoc.collection(sub)),
            RECORDS_DEADLINE_MS,
          ),
        ),
      );
    },
  };
}
