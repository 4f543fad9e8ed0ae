// The queue store dispatch uses: definitions are read over Firestore's REST
// API (no client library on the hot path or at cold start), and the rare
// writes (retiring a queue after a 410) go through the Node client, which is
// loaded only then.
import type { QueueDefinition } from '../queues/queue-definition';
import { queueDocPath } from '../tenancy/resource-names';
import { withStoreDeadline } from './firestore-client';
import type { FirestoreDocumentReader } from './firestore-rest-reader';
import type { QueueStore } from './queue-store';

export function restReadQueueStore(reader: FirestoreDocumentReader, writes: QueueStore): QueueStore {
  return {
    // Everything but the read is the client's (firestoreQueueStore returns a plain object).
    ...writes,
    async get(tenant, name) {
      const document = await withStoreDeadline('read queue', () => reader.get(queueDocPath(tenant, name)));
      // The same unchecked shape as the client's snapshot.data(): the api wrote it.
      return document as QueueDefinition | undefined;
    },
  };
}
