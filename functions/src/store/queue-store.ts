// Queue definitions in Firestore: tenants/{tenant}/queues/{name}.
import type { Firestore } from '@google-cloud/firestore';
import { ConflictError } from '../errors';
import { GrpcStatus, grpcCode } from '../grpc-status';
import type { QueueDefinition } from '../queues/queue-definition';
import { collections, queueDocPath } from '../tenancy/resource-names';
import { withStoreDeadline } from './firestore-client';

export interface QueueStore {
  get(tenant: string, name: string): Promise<QueueDefinition | undefined>;
  list(tenant: string): Promise<QueueDefinition[]>;
  /** How many queues the tenant holds: an aggregation query, not a read of every document. */
  count(tenant: string): Promise<number>;
  /** Throws ConflictError when a queue of that name exists. */
  create(queue: QueueDefinition): Promise<void>;
  update(tenant: string, name: string, changes: Partial<QueueDefinition>): Promise<void>;
  /** Writes the whole definition (fields left out are removed). */
  replace(queue: QueueDefinition): Promise<void>;
  delete(tenant: string, name: string): Promise<void>;
  /**
   * Deletes what a queue kept below its document (failure records, delivery
   * counters): Firestore does not delete subcollections with their document,
   * and a queue created again under the same name must start with none.
   */
  deleteRecords(tenant: string, name: string): Promise<void>;
}

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
    async create(queue) {
      try {
        await withStoreDeadline('create queue', () =>
          db().doc(queueDocPath(queue.tenant, queue.name)).create(queue),
        );
      } catch (error) {
        if (grpcCode(error) === GrpcStatus.ALREADY_EXISTS) {
          throw new ConflictError(`a queue named "${queue.name}" already exists`);
        }
        throw error;
      }
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
      await withStoreDeadline('delete queue', () => db().doc(queueDocPath(tenant, name)).delete());
    },
    async deleteRecords(tenant, name) {
      const queueDoc = db().doc(queueDocPath(tenant, name));
      await Promise.all(
        [collections.failures, collections.stats].map((sub) =>
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
