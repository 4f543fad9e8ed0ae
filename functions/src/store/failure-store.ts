// Failed delivery attempts in Firestore: tenants/{t}/queues/{q}/failures/{auto-id},
// deleted by the TTL policy on `expireAt` (terraform/ declares it). dispatch
// writes one per failed attempt, on the failure path only; the api lists them.
import type { Firestore } from '@google-cloud/firestore';
import type { FailureRecord, PublicFailure } from '../delivery/failure-record';
import { collections, FAILURE_TTL_FIELD, queueDocPath } from '../tenancy/resource-names';
import { firestoreLibrary, withStoreDeadline } from './firestore-client';
import { decodePageCursor, encodePageCursor, type PageCursor } from './page-token';

export interface FailurePage {
  readonly failures: PublicFailure[];
  readonly nextPageToken?: string;
}

export interface FailureStore {
  record(failure: FailureRecord): Promise<void>;
  /** How many failed attempts are recorded for one Pub/Sub message (at most `max`). */
  countForMessage(tenant: string, queue: string, messageId: string, max: number): Promise<number>;
  /** Newest first. */
  list(tenant: string, queue: string, limit: number, pageToken?: string): Promise<FailurePage>;
}

const failuresPath = (tenant: string, queue: string) =>
  `${queueDocPath(tenant, queue)}/${collections.failures}`;

export const encodePageToken = (cursor: PageCursor): string => encodePageCursor(cursor);

/** Firestore Timestamps span years 1 to 9999; auto-ids are 20 alphanumerics. */
const MAX_TIMESTAMP_MS = 253_402_300_799_999;
const MIN_TIMESTAMP_MS = -62_135_596_800_000;
const DOC_ID = /^[A-Za-z0-9]{1,64}$/;

/** The cursor in a page token, or InvalidArgumentError (400). */
export function decodePageToken(token: string): PageCursor {
  return decodePageCursor(
    token,
    ({ t, id }) => t >= MIN_TIMESTAMP_MS && t <= MAX_TIMESTAMP_MS && DOC_ID.test(id),
  );
}

export function firestoreFailureStore(db: () => Firestore): FailureStore {
  return {
    async record(f) {
      const { Timestamp } = firestoreLibrary();
      await withStoreDeadline('record failure', () =>
        db()
          .collection(failuresPath(f.tenant, f.queue))
          .add({
            eventId: f.eventId,
            type: f.type,
            source: f.source,
            webhookId: f.webhookId,
            messageId: f.messageId,
            time: Timestamp.fromMillis(f.timeMs),
            status: f.status,
            error: f.error,
            latencyMs: f.latencyMs,
            attempt: f.attempt,
            [FAILURE_TTL_FIELD]: Timestamp.fromMillis(f.expireAtMs),
          }),
      );
    },
    async countForMessage(tenant, queue, messageId, max) {
      const snap = await withStoreDeadline('count failures', () =>
        db()
          .collection(failuresPath(tenant, queue))
          .where('messageId', '==', messageId)
          .select()
          .limit(max)
          .get(),
      );
      return snap.size;
    },
    async list(tenant, queue, limit, pageToken) {
      const { FieldPath, Timestamp } = firestoreLibrary();
      let query = db()
        .collection(failuresPath(tenant, queue))
        .orderBy('time', 'desc')
        .orderBy(FieldPath.documentId(), 'desc')
        .limit(limit + 1);
      if (pageToken !== undefined) {
        const cursor = decodePageToken(pageToken);
        query = query.startAfter(Timestamp.fromMillis(cursor.t), cursor.id);
      }
      const snap = await withStoreDeadline('list failures', () => query.get());
      const docs = snap.docs.slice(0, limit);
      const failures = docs.map((d) => {
        const v = d.data();
        return {
          time: (v.time as InstanceType<typeof Timestamp>).toDate().toISOString(),
          eventId: v.eventId,
          type: v.type,
          source: v.source,
          webhookId: v.webhookId,
          messageId: v.messageId,
          status: v.status ?? null,
          error: v.error,
          latencyMs: v.latencyMs ?? null,
          attempt: v.attempt ?? null,
        } as PublicFailure;
      });
      const last = docs[docs.length - 1];
      return snap.docs.length > limit && last
        ? {
            failures,
            nextPageToken: encodePageToken({
              t: (last.get('time') as InstanceType<typeof Timestamp>).toMillis(),
              id: last.id,
            }),
          }
        : { failures };
    },
  };
}
