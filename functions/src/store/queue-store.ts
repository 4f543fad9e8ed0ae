// Queue definitions in Firestore: tenants/{tenant}/queues/{name}.
import type { Firestore } from '@google-cloud/firestore';
import { ConflictError, LimitExceededError } from '../errors';
import { GrpcStatus, grpcCode } from '../grpc-status';
import { LOG_COLLECTION } from '../message-log/log-entry';
import type { QueueDefinition } from '../queues/queue-definition';
import { STATS_HOURS_COLLECTION } from '../stats/hour-buckets';
import { collections, queueDocPath, tenantDocPath } from '../tenancy/resource-names';
import { firestoreLibrary, withStoreDeadline } from './firestore-client';

export interface QueueStore {
  get(tenant: string, name: string): Promise<QueueDefinition | undefined>;
  list(tenant: string): Promise<QueueDefinition[]>;
  /** How many queues the tenant holds: an aggregation query, not a read of every document. */
  count(tenant: string): Promise<number>;
  /**
   * Throws ConflictError when a queue of that name exists, and
   * LimitExceededError when the tenant already holds `maxQueues` (checked
   * after the write against the order of commits, so parallel creates cannot
   * pass it: see QUEUE_SLOTS).
   */
  create(queue: QueueDefinition, maxQueues?: number): Promise<void>;
  update(tenant: string, name: string, changes: Partial<QueueDefinition>): Promise<void>;
  /** Writes the whole definition (fields left out are removed). */
  replace(queue: QueueDefinition): Promise<void>;
  /** Deletes the definition and its place in the tenant's count. */
  delete(tenant: string, name: string): Promise<void>;
  /**
   * Deletes what a queue kept (failure records and delivery counters below
   * its document, its message-log entries under the tenant): Firestore does
   * not delete subcollections with their document, and a queue created again
   * under the same name must start with none.
   */
  deleteRecords(tenant: string, name: string): Promise<void>;
}

/**
 * How the queue limit holds under parallel creates. The order of a tenant's
 * queue creations is kept: one slot document per
 * queue, tenants/{t}/queueSlots/{name}, written in the same batch as the queue
 * and stamped with the commit time. A create is within the limit when fewer
 * than `maxQueues` slots were committed before its own (ties by name).
 *
 * No transaction and no shared counter: one tenant's parallel creates never
 * wait on each other (a counter on the tenant document serialised them, and
 * under load a create could miss the store deadline), and exactly `maxQueues`
 * of them succeed, because a slot committed before mine is always visible to
 * the query I make after my commit.
 */
const QUEUE_SLOTS = collections.queueSlots;
const SLOT_TIME_FIELD = 'committedAt';

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
      const slots = db().collection(`${tenantDocPath(queue.tenant)}/${QUEUE_SLOTS}`);
      const slot = slots.doc(queue.name);
      await withStoreDeadline('create queue', () =>
        db()
          .batch()
          .create(queueDoc, queue)
          .set(slot, { [SLOT_TIME_FIELD]: firestoreLibrary().FieldValue.serverTimestamp() })
          .commit(),
      ).catch((error: unknown) => {
        if (grpcCode(error) === GrpcStatus.ALREADY_EXISTS) {
          throw new ConflictError(`a queue named "${queue.name}" already exists`);
        }
        throw error;
      });
      if (maxQueues === undefined) return;
      const mine = (await withStoreDeadline('read queue slot', () => slot.get())).get(SLOT_TIME_FIELD);
      const first = await withStoreDeadline('rank queue slot', () =>
        slots
          .where(SLOT_TIME_FIELD, '<=', mine)
          .orderBy(SLOT_TIME_FIELD)
          .orderBy(firestoreLibrary().FieldPath.documentId())
          .select()
          .limit(maxQueues)
          .get(),
      );
      if (first.docs.some((d) => d.id === queue.name)) return;
      // Over the limit: take the queue back, as if it had never been made.
      await withStoreDeadline('take back queue', () => db().batch().delete(queueDoc).delete(slot).commit());
      throw new LimitExceededError(`a tenant may hold ${maxQueues} queues; delete one first`);
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
      const slot = db().doc(`${tenantDocPath(tenant)}/${QUEUE_SLOTS}/${name}`);
      await withStoreDeadline('delete queue', () =>
        db()
          .batch()
          .delete(db().doc(queueDocPath(tenant, name)))
          .delete(slot)
          .commit(),
      );
    },
    async deleteRecords(tenant, name) {
      const queueDoc = db().doc(queueDocPath(tenant, name));
      await Promise.all([
        ...[collections.failures, collections.stats, STATS_HOURS_COLLECTION].map((sub) =>
          withStoreDeadline(
            `delete ${sub}`,
            () => db().recursiveDelete(queueDoc.collection(sub)),
            RECORDS_DEADLINE_MS,
          ),
        ),
        withStoreDeadline(
          'delete message-log entries',
          () => deleteLogEntries(db(), tenant, name),
          RECORDS_DEADLINE_MS,
        ),
      ]);
    },
  };
}

/** Entries deleted per page: the query reads names only. */
const LOG_DELETE_PAGE = 500;

/**
 * The queue's message-log entries (they sit beside every other queue's, under
 * the tenant): a queue created again under the same name starts with an empty
 * log, not with its predecessor's history.
 */
async function deleteLogEntries(db: Firestore, tenant: string, queue: string): Promise<void> {
  const entries = db.collection(`${tenantDocPath(tenant)}/${LOG_COLLECTION}`).where('queue', '==', queue);
  for (;;) {
    const page = await entries.select().limit(LOG_DELETE_PAGE).get();
    if (page.empty) return;
    const batch = db.batch();
    for (const doc of page.docs) batch.delete(doc.ref);
    await batch.commit();
    if (page.size < LOG_DELETE_PAGE) return;
  }
}
