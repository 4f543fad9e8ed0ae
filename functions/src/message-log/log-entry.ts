// The message log's stored shape: one Firestore document per event per queue,
// tenants/{t}/log/{webhookId} (the webhook-id already names one event of one
// queue, and a resend or redrive of it lands on the same document). dispatch
// writes it in batched REST commits off the push path (log-writer), the api
// reads and searches it (log-store), and Firestore's TTL policy deletes it by
// `expireAt`. Every field a search filters on has a composite index with
// `publishTimeMs` descending, declared in terraform/ (indexes are checked
// against the queries the api makes).
//
// Writes are commutative, so that two instances flushing attempts of one
// event in either order give the same document: attempts are appended with
// appendMissingElements (a retried commit adds nothing twice), `state` only
// rises (maximum transform), `publishTimeMs` and `deliveredAtMs` keep the
// earliest value (minimum transform).

/** The collection under tenants/{t}. */
export const LOG_COLLECTION = 'log';
/** The timestamp field Firestore's TTL policy deletes entries by. */
export const LOG_TTL_FIELD = 'expireAt';

export const logEntryPath = (tenant: string, webhookId: string): string =>
  `tenants/${tenant}/${LOG_COLLECTION}/${webhookId}`;

export type LogStatus = 'delivered' | 'failing' | 'dead-lettered' | 'filtered' | 'invalid';

/**
 * Stored as `state`, a number that only rises: an entry delivered after a
 * resend shows `delivered` even if an older instance flushes a failed attempt
 * later; a dead-lettered one that is resent and delivered becomes `delivered`.
 */
export const LOG_STATE: Readonly<Record<LogStatus, number>> = {
  filtered: 1,
  invalid: 2,
  failing: 10,
  'dead-lettered': 20,
  delivered: 30,
};

export function statusOfState(state: number): LogStatus | undefined {
  for (const [status, n] of Object.entries(LOG_STATE)) if (n === state) return status as LogStatus;
  return undefined;
}

/** Event data up to this many bytes is kept in the entry; beyond it, `dataOmitted` and the size. */
export const LOG_KEPT_DATA_BYTES = 64 * 1024;
/** The first bytes of the sink's answer kept with each attempt. */
export const LOG_RESPONSE_EXCERPT_BYTES = 512;

/** Operator's setting, per tenant or per queue: what the log keeps. */
export type MessageLogLevel = 'all' | 'failures' | 'off';

export interface StoredAttempt {
  /** Epoch ms of the attempt. */
  readonly atMs: number;
  readonly attempt: number;
  /** The sink's status; absent when it did not answer. */
  readonly status?: number;
  readonly error?: string;
  readonly latencyMs: number;
  readonly responseExcerpt?: string;
}

/** The document as stored (Firestore field names). */
export interface StoredLogEntry {
  readonly queue: string;
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject?: string;
  /** The subject and each of its prefixes that ends in "/", for `subject=<prefix>*` searches. */
  readonly subjectPrefixes?: readonly string[];
  readonly time?: string;
  readonly publishTimeMs: number;
  readonly state: number;
  readonly attempts: readonly StoredAttempt[];
  readonly deliveredAtMs?: number;
  /** Why it was filtered (the filter that refused it), invalid (the rule it broke) or dead-lettered. */
  readonly reason?: string;
  /** The structured-mode CloudEvent as JSON text, `data` or `data_base64` left out when omitted. */
  readonly event: string;
  readonly dataOmitted?: boolean;
  /** Bytes of the event's data. */
  readonly dataSize: number;
  /** Firestore Timestamp (TTL). */
  readonly expireAt: Date;
}
