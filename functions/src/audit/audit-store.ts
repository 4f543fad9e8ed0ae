// The audit trail in Firestore: tenants/{t}/audit/{id}. Entries are only ever
// created (create() fails rather than overwrite), never updated or deleted
// by eventq's code: Firestore's TTL policy removes them after expireAt.
// Searches are newest first, served by the indexes terraform/ declares
// ("field, then timeMs descending", one per filter field; Firestore merges
// them), checked by test/unit/audit/audit-indexes.test.ts.
import type { Firestore, Query } from '@google-cloud/firestore';
import { firestoreLibrary, withStoreDeadline } from '../store/firestore-client';
import { tenantDocPath } from '../tenancy/resource-names';
import {
  AUDIT_COLLECTION,
  AUDIT_ORDER_FIELD,
  type PublicAuditEntry,
  publicAuditEntry,
  type StoredAuditEntry,
} from './audit-entry';
import { type AuditSearch, encodeAuditPageToken } from './audit-search';

export interface AuditPage {
  readonly entries: PublicAuditEntry[];
  readonly nextPageToken?: string;
}

export interface AuditStore {
  /** Writes the entries at once, all or none; rejects (UnavailableError) when Firestore did not take them. */
  record(tenant: string, entries: readonly StoredAuditEntry[]): Promise<void>;
  /** Newest first. */
  search(tenant: string, search: AuditSearch): Promise<AuditPage>;
}

const auditPath = (tenant: string) => `${tenantDocPath(tenant)}/${AUDIT_COLLECTION}`;

export function firestoreAuditStore(db: () => Firestore): AuditStore {
  return {
    async record(tenant, entries) {
      const collection = db().collection(auditPath(tenant));
      if (entries.length === 1) {
        const [entry] = entries;
        await withStoreDeadline('write an audit entry', () => collection.doc(entry!.id).create(entry!));
        return;
      }
      const batch = db().batch();
      for (const entry of entries) batch.create(collection.doc(entry.id), entry);
      await withStoreDeadline('write audit entries', () => batch.commit());
    },
    async search(tenant, search) {
      const { FieldPath } = firestoreLibrary();
      let query: Query = db().collection(auditPath(tenant));
      for (const f of search.filters) query = query.where(f.field, '==', f.value);
      if (search.sinceMs !== undefined) query = query.where(AUDIT_ORDER_FIELD, '>=', search.sinceMs);
      if (search.untilMs !== undefined) query = query.where(AUDIT_ORDER_FIELD, '<', search.untilMs);
      query = query.orderBy(AUDIT_ORDER_FIELD, 'desc').orderBy(FieldPath.documentId(), 'desc');
      if (search.after) query = query.startAfter(search.after.t, search.after.id);
      query = query.limit(search.limit + 1);
      const snap = await withStoreDeadline('search the audit trail', () => query.get());
      const docs = snap.docs.slice(0, search.limit);
      const last = docs[docs.length - 1];
      const nextPageToken =
        snap.docs.length > search.limit && last
          ? encodeAuditPageToken({ t: last.get(AUDIT_ORDER_FIELD) as number, id: last.id })
          : undefined;
      return {
        entries: docs.map((d) => publicAuditEntry(d.data() as StoredAuditEntry)),
        ...(nextPageToken ? { nextPageToken } : {}),
      };
    },
  };
}
