// What a refused request, or a deleted queue, must not leave behind: a queue
// document in Firestore or its records below it, its message-log entries, or a
// subscription in Pub/Sub.
import { pubsub, stack } from './stack';

export async function subscriptionExists(tenant: string, queue: string): Promise<boolean> {
  const [exists] = await pubsub().subscription(`eventq-${tenant}.${queue}`).exists();
  return exists;
}

export async function queueDocumentExists(tenant: string, queue: string): Promise<boolean> {
  const info = stack();
  const url = `http://${info.firestoreEmulatorHost}/v1/projects/${info.projectId}/databases/(default)/documents/tenants/${tenant}/queues/${queue}`;
  const res = await fetch(url, { headers: { authorization: 'Bearer owner' } });
  await res.arrayBuffer();
  return res.status === 200;
}

/** How many documents the queue's subcollection holds (`stats`, `failures`). */
export async function queueRecordCount(
  tenant: string,
  queue: string,
  subcollection: string,
): Promise<number> {
  const info = stack();
  const url = `http://${info.firestoreEmulatorHost}/v1/projects/${info.projectId}/databases/(default)/documents/tenants/${tenant}/queues/${queue}/${subcollection}?pageSize=300`;
  const res = await fetch(url, { headers: { authorization: 'Bearer owner' } });
  const body = (await res.json()) as { documents?: unknown[] };
  return body.documents?.length ?? 0;
}

/** How many message-log entries (tenants/{t}/log) name the queue. */
export async function queueLogEntryCount(tenant: string, queue: string): Promise<number> {
  const info = stack();
  const url = `http://${info.firestoreEmulatorHost}/v1/projects/${info.projectId}/databases/(default)/documents/tenants/${tenant}:runQuery`;
  const query = {
    structuredQuery: {
      from: [{ collectionId: 'log' }],
      where: { fieldFilter: { field: { fieldPath: 'queue' }, op: 'EQUAL', value: { stringValue: queue } } },
      select: { fields: [] },
      limit: 300,
    },
  };
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
    body: JSON.stringify(query),
  });
  const rows = (await res.json()) as { document?: unknown }[];
  return rows.filter((row) => row.document !== undefined).length;
}

export async function leftBehind(tenant: string, queue: string): Promise<string[]> {
  const found: string[] = [];
  if (await queueDocumentExists(tenant, queue)) found.push('Firestore document');
  for (const records of ['stats', 'failures']) {
    if ((await queueRecordCount(tenant, queue, records)) > 0) found.push(`Firestore ${records}`);
  }
  if ((await queueLogEntryCount(tenant, queue)) > 0) found.push('message-log entries');
  if (await subscriptionExists(tenant, queue)) found.push('Pub/Sub subscription');
  return found;
}
