// The message log as the api reads it: searches (log-query.ts plans them,
// each served by an index) and one entry's detail. Lists read a field mask
// that leaves out the kept event; only the detail reads it.
import type { Firestore, Query } from '@google-cloud/firestore';
import { firestoreLibrary, withStoreDeadline } from '../store/firestore-client';
import { tenantDocPath } from '../tenancy/resource-names';
import { LOG_COLLECTION, type StoredLogEntry } from './log-entry';
import { LOG_LIST_FIELDS, LOG_ORDER_FIELD, logQueryPlan } from './log-query';
import { encodeLogPageToken, type LogSearch } from './log-search';
import { type ListedLogEntry, type PublicLogEntry, publicLogEntry } from './public-log-entry';

export interface LogPage {
  readonly events: PublicLogEntry[];
  readonly nextPageToken?: string;
}

/** A page of whole stored entries (the bulk resend needs their events). */
export interface StoredLogPage {
  readonly entries: { readonly webhookId: string; readonly entry: StoredLogEntry }[];
  readonly nextPageToken?: string;
}

export interface LogStore {
  /** Newest first. */
  search(tenant: string, search: LogSearch): Promise<LogPage>;
  /** The same search, each entry read whole, kept event included. */
  searchWhole(tenant: string, search: LogSearch): Promise<StoredLogPage>;
  /** The whole stored entry, or undefined. */
  get(tenant: string, webhookId: string): Promise<StoredLogEntry | undefined>;
}

const logPath = (tenant: string) => `${tenantDocPath(tenant)}/${LOG_COLLECTION}`;

/** `deadlineMs`: how long a read may take before it is a 503 (the store's default; the bench allows the emulator's scans more). */
export function firestoreLogStore(
  db: () => Firestore,
  options: { readonly deadlineMs?: number } = {},
): LogStore {
  /** One page of documents, and the token of the next one when there is more. */
  async function page(tenant: string, search: LogSearch, whole: boolean) {
    const { FieldPath } = firestoreLibrary();
    const plan = logQueryPlan(search);
    let query: Query = db().collection(logPath(tenant));
    for (const f of plan.filters) query = query.where(f.field, f.op, f.value);
    if (plan.sinceMs !== undefined) query = query.where(LOG_ORDER_FIELD, '>=', plan.sinceMs);
    if (plan.untilMs !== undefined) query = query.where(LOG_ORDER_FIELD, '<', plan.untilMs);
    query = query.orderBy(LOG_ORDER_FIELD, 'desc').orderBy(FieldPath.documentId(), 'desc');
    if (!whole) query = query.select(...LOG_LIST_FIELDS);
    query = query.limit(plan.fetch);
    if (plan.after) query = query.startAfter(plan.after.t, plan.after.id);
    const snap = await withStoreDeadline('search the message log', () => query.get(), options.deadlineMs);
    const docs = snap.docs.slice(0, search.limit);
    const last = docs[docs.length - 1];
    const nextPageToken =
      snap.docs.length > search.limit && last
        ? encodeLogPageToken({ t: last.get(LOG_ORDER_FIELD) as number, id: last.id })
        : undefined;
    return { docs, ...(nextPageToken ? { nextPageToken } : {}) };
  }
  return {
    async search(tenant, search) {
      const { docs, ...next } = await page(tenant, search, false);
      return { events: docs.map((d) => publicLogEntry(d.id, d.data() as ListedLogEntry)), ...next };
    },
    async searchWhole(tenant, search) {
      const { docs, ...next } = await page(tenant, search, true);
      return { entries: docs.map((d) => ({ webhookId: d.id, entry: d.data() as StoredLogEntry })), ...next };
    },
    async get(tenant, webhookId) {
      const snap = await withStoreDeadline('read a message-log entry', () =>
        db().collection(logPath(tenant)).doc(webhookId).get(),
      );
      return snap.exists ? (snap.data() as StoredLogEntry) : undefined;
    },
  };
}
