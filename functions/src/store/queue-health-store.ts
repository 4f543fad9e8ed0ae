// The one field of a queue definition that dispatch writes: `failingSince`,
// set when a sink starts failing and removed at its next success.
import type { Firestore } from '@google-cloud/firestore';
import { queueDocPath } from '../tenancy/resource-names';
import { firestoreLibrary, withStoreDeadline } from './firestore-client';

export interface QueueHealthStore {
  setFailingSince(tenant: string, queue: string, since: string): Promise<void>;
  clearFailingSince(tenant: string, queue: string): Promise<void>;
}

export function firestoreQueueHealthStore(db: () => Firestore): QueueHealthStore {
  return {
    async setFailingSince(tenant, queue, since) {
      await withStoreDeadline('mark queue failing', () =>
        db().doc(queueDocPath(tenant, queue)).update({ failingSince: since }),
      );
    },
    async clearFailingSince(tenant, queue) {
      const { FieldValue } = firestoreLibrary();
      await withStoreDeadline('mark queue healthy', () =>
        db().doc(queueDocPath(tenant, queue)).update({ failingSince: FieldValue.delete() }),
      );
    },
  };
}
