// What a refused request must not leave behind: a queue document in Firestore
// or a subscription in Pub/Sub.
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

export async function leftBehind(tenant: string, queue: string): Promise<string[]> {
  const found: string[] = [];
  if (await queueDocumentExists(tenant, queue)) found.push('Firestore document');
  if (await subscriptionExists(tenant, queue)) found.push('Pub/Sub subscription');
  return found;
}
