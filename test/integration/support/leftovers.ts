// What a refused request, or a deleted queue, must not leave behind: a queue
// document in Firestore or its records below it, or a subscription in Pub/Sub.
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

export async function leftBehind(tenant: string, queue: string): Promise<string[]> {
  const found: string[] = [];
  if (await queueDocumentExists(tenant, queue)) found.push('Firestore document');
  for (const records of ['stats', 'failures']) {
    if ((await queueRecordCount(tenant, queue, records)) > 0) found.push(`Firestore ${records}`);
  }
  if (await subscriptionExists(tenant, queue)) found.push('Pub/Sub subscription');
  return found;
}
