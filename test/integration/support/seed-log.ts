// Writes message-log entries straight into the Firestore emulator, in the
// stored shape (functions/src/message-log/log-entry.ts), for the api's tests:
// what dispatch's log writer would have written for these events.
import type { Firestore } from '@google-cloud/firestore';
import { webhookId } from '../../../functions/src/delivery/webhook-id';
import {
  LOG_KEPT_DATA_BYTES,
  LOG_STATE,
  type LogStatus,
  logEntryPath,
  type StoredAttempt,
  type StoredLogEntry,
} from '../../../functions/src/message-log/log-entry';
import { subjectPrefixes } from '../../../functions/src/message-log/subject-prefixes';
import { stack } from './stack';

let db: Firestore | undefined;

export function testFirestore(): Firestore {
  if (!db) {
    const info = stack();
    const { Firestore: FirestoreClass } =
      require('@google-cloud/firestore') as typeof import('@google-cloud/firestore');
    db = new FirestoreClass({ projectId: info.projectId, ignoreUndefinedProperties: true });
  }
  return db;
}

export async function closeTestFirestore(): Promise<void> {
  await db?.terminate();
  db = undefined;
}

export interface SeedEvent {
  readonly tenant?: string;
  readonly queue: string;
  readonly id: string;
  readonly source: string;
  readonly type?: string;
  readonly subject?: string;
  readonly publishTimeMs: number;
  readonly status?: LogStatus;
  readonly attempts?: StoredAttempt[];
  /** JSON data of the event; `dataSize` over the kept size leaves it out. */
  readonly data?: unknown;
  readonly dataSize?: number;
  readonly reason?: string;
}

/** The stored document of one event; its id is the webhook-id dispatch would give it. */
export function storedEntry(e: SeedEvent): { tenant: string; webhookId: string; entry: StoredLogEntry } {
  const tenant = e.tenant ?? 'acme';
  const type = e.type ?? 'DEVICE_FIRST_SEEN';
  const status = e.status ?? 'delivered';
  const attempts =
    e.attempts ??
    (status === 'delivered' ? [{ atMs: e.publishTimeMs + 50, attempt: 1, status: 204, latencyMs: 5 }] : []);
  const dataText = e.data === undefined ? undefined : JSON.stringify(e.data);
  const dataSize = e.dataSize ?? Buffer.byteLength(dataText ?? '');
  const omitted = dataSize > LOG_KEPT_DATA_BYTES;
  const event = {
    specversion: '1.0',
    id: e.id,
    source: e.source,
    type,
    ...(e.subject !== undefined ? { subject: e.subject } : {}),
    time: new Date(e.publishTimeMs).toISOString(),
    ...(dataText !== undefined ? { datacontenttype: 'application/json' } : {}),
    ...(dataText !== undefined && !omitted ? { data: e.data } : {}),
  };
  const entry: StoredLogEntry = {
    queue: e.queue,
    id: e.id,
    type,
    source: e.source,
    ...(e.subject !== undefined ? { subject: e.subject, subjectPrefixes: subjectPrefixes(e.subject) } : {}),
    time: event.time,
    publishTimeMs: e.publishTimeMs,
    state: LOG_STATE[status],
    attempts,
    ...(status === 'delivered' && attempts.length > 0
      ? { deliveredAtMs: attempts[attempts.length - 1]!.atMs }
      : {}),
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    event: JSON.stringify(event),
    ...(omitted ? { dataOmitted: true } : {}),
    dataSize,
    expireAt: new Date(e.publishTimeMs + 7 * 86_400_000),
  };
  return { tenant, webhookId: webhookId(tenant, e.queue, e.source, e.id), entry };
}

/** Writes the entries in batched commits (500 a commit, Firestore's limit); resolves to their webhook-ids. */
export async function seedLog(events: readonly SeedEvent[]): Promise<string[]> {
  const firestore = testFirestore();
  const ids: string[] = [];
  for (let i = 0; i < events.length; i += 500) {
    const batch = firestore.batch();
    for (const e of events.slice(i, i + 500)) {
      const { tenant, webhookId: id, entry } = storedEntry(e);
      batch.set(firestore.doc(logEntryPath(tenant, id)), entry);
      ids.push(id);
    }
    await batch.commit();
  }
  return ids;
}

/** Deletes what seedLog wrote (and whatever dispatch logged for these queues). */
export async function deleteLogOf(tenant: string, queues: readonly string[]): Promise<void> {
  const firestore = testFirestore();
  for (const queue of queues) {
    const snap = await firestore
      .collection(`tenants/${tenant}/log`)
      .where('queue', '==', queue)
      .select()
      .get();
    for (let i = 0; i < snap.docs.length; i += 500) {
      const batch = firestore.batch();
      for (const d of snap.docs.slice(i, i + 500)) batch.delete(d.ref);
      await batch.commit();
    }
  }
}
