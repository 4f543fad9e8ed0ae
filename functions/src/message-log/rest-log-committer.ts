// Sends the message log's commits over Firestore's REST `documents:commit`
// with node:http(s), as the delivery counters are written
// (store/stats-store.ts says why not the client, nor `fetch`).
import { httpRequest } from '../net/http-request';
import {
  type FirestoreRestTarget,
  firestoreAccessToken,
  firestoreAgent,
  firestoreAnswerError,
} from '../store/firestore-rest-reader';
import type { AccessTokenSource } from '../store/metadata-token';

/** Request bodies of a commit are at most a few MiB; Firestore's answer echoes one result per write. */
const MAX_ANSWER_BYTES = 4 * 2 ** 20;

export function restLogCommitter(options: {
  readonly target: FirestoreRestTarget;
  /** For the whole exchange, not an idle timeout. */
  readonly timeoutMs: number;
  readonly accessToken?: AccessTokenSource;
}): (body: string) => Promise<void> {
  const accessToken = firestoreAccessToken(options.target, options.accessToken);
  const origin = new URL(options.target.origin);
  // One flush at a time, its commits one after another: one kept-alive connection.
  const agent = firestoreAgent(origin, 1);
  const url = new URL(`${options.target.documentsPath}:commit`, origin);
  return async (body) => {
    const answer = await httpRequest(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
      body,
      timeoutMs: options.timeoutMs,
      agent,
      maxBytes: MAX_ANSWER_BYTES,
    });
    if (answer.status < 200 || answer.status >= 300) {
      throw firestoreAnswerError('Firestore commit of the message log', answer.status, answer.text);
    }
  };
}

/** `projects/{p}/databases/{d}`: the prefix of every document name in a write. */
export const databasePath = (projectId: string, databaseId: string): string =>
  `projects/${projectId}/databases/${databaseId}`;
