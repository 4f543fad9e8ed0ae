// The Firestore client, created on first use: importing it costs ~225 ms, which
// dispatch must not pay at cold start. The client switches to the emulator by
// itself when FIRESTORE_EMULATOR_HOST is set; there is no emulator branch here.
import type { Firestore } from '@google-cloud/firestore';
import { GrpcStatus } from '../grpc-status';
import { withDeadline } from '../with-deadline';

const clients = new Map<string, Firestore>();

/**
 * The client library itself (FieldValue, FieldPath, Timestamp…), required on
 * first use for the same reason: no module dispatch loads may import it for
 * its values (test/unit/dispatch/dispatch-imports.test.ts).
 */
export const firestoreLibrary = (): typeof import('@google-cloud/firestore') =>
  require('@google-cloud/firestore') as typeof import('@google-cloud/firestore');

export function firestoreClient(projectId: string, databaseId: string): Firestore {
  const key = `${projectId}/${databaseId}`;
  let client = clients.get(key);
  if (!client) {
    const { Firestore: FirestoreClass } = firestoreLibrary();
    client = new FirestoreClass({ projectId, databaseId, ignoreUndefinedProperties: true });
    clients.set(key, client);
  }
  return client;
}

/** How long a store call may take before the caller answers 503 rather than waiting on gRPC's own retries. */
export const STORE_DEADLINE_MS = 5_000;

/** Runs a Firestore call with a deadline; any failure becomes a retryable UnavailableError, but ALREADY_EXISTS, which the caller maps. */
export function withStoreDeadline<T>(
  what: string,
  call: () => Promise<T>,
  deadlineMs = STORE_DEADLINE_MS,
): Promise<T> {
  return withDeadline('the queue store', what, call, {
    deadlineMs,
    passThrough: [GrpcStatus.ALREADY_EXISTS],
  });
}
