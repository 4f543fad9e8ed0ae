// Reads message-log entries back from the Firestore emulator with the Node
// client, as the api does: what dispatch's batched writer actually stored.
import { LOCAL_PROJECT_ID } from '../../../emulator/start-stack';
import { firestoreClient } from '../../../functions/src/store/firestore-client';
import { stack } from './stack';

export interface ReadEntry {
  readonly webhookId: string;
  // biome-ignore lint/suspicious/noExplicitAny: stored documents are asserted on field by field.
  readonly data: Record<string, any>;
}

const db = () => {
  stack();
  return firestoreClient(LOCAL_PROJECT_ID, '(default)');
};

export async function logEntriesOf(tenant: string, queue: string): Promise<ReadEntry[]> {
  const snap = await db().collection(`tenants/${tenant}/log`).where('queue', '==', queue).get();
  return snap.docs.map((d) => ({ webhookId: d.id, data: d.data() }));
}

/** Polls the queue's entries until `until` holds (the writer flushes once a second locally). */
export async function waitForLogEntries(
  tenant: string,
  queue: string,
  until: (entries: ReadEntry[]) => boolean,
  timeoutMs = 30_000,
): Promise<ReadEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entries = await logEntriesOf(tenant, queue);
    if (until(entries)) return entries;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for the log entries of ${tenant}/${queue}: ${JSON.stringify(entries, null, 1).slice(0, 2000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export async function deleteLogEntriesOf(tenant: string, queue: string): Promise<void> {
  const snap = await db().collection(`tenants/${tenant}/log`).where('queue', '==', queue).get();
  await Promise.all(snap.docs.map((d) => d.ref.delete()));
}
