// Page tokens of the API's searches (failure records, the message log, the
// audit trail): base64url of {t, id}, the last entry's order value and its
// document id, opaque to callers. Decoding checks both against what the
// search can have given out, so that a forged token is a 400 and never
// reaches Firestore, where a bad time or document id throws as a 500.
import { InvalidArgumentError } from '../errors';

export interface PageCursor {
  readonly t: number;
  readonly id: string;
}

const MAX_TOKEN_LENGTH = 256;

export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.t, id: cursor.id })).toString('base64url');
}

/** The cursor in `token`, or InvalidArgumentError when it is not one `valid` admits. */
export function decodePageCursor(token: string, valid: (cursor: PageCursor) => boolean): PageCursor {
  if (token.length <= MAX_TOKEN_LENGTH && /^[A-Za-z0-9_-]+$/.test(token)) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      const { t, id } = (parsed ?? {}) as Record<string, unknown>;
      if (typeof t === 'number' && Number.isSafeInteger(t) && typeof id === 'string' && valid({ t, id })) {
        return { t, id };
      }
    } catch {
      // falls through to the refusal
    }
  }
  throw new InvalidArgumentError('pageToken: is not a token this API gave');
}
