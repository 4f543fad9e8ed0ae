// One failed delivery attempt as eventq keeps it (Firestore
// tenants/{t}/queues/{q}/failures/{auto-id}) and lists it (GET .../failures).
// Only what a tenant needs to see what went wrong: never a secret or a token.

export interface FailureRecord {
  readonly tenant: string;
  readonly queue: string;
  readonly eventId: string;
  readonly type: string;
  readonly source: string;
  readonly webhookId: string;
  readonly messageId: string;
  /** When the attempt was made (epoch ms). */
  readonly timeMs: number;
  /** The sink's HTTP status, or null when it did not answer (timeout, connection error, refused). */
  readonly status: number | null;
  readonly error: string;
  readonly latencyMs: number | null;
  /** 1 for the first delivery; Pub/Sub's deliveryAttempt when it sends one. */
  readonly attempt: number | null;
  /** When Firestore's TTL policy may delete the record (epoch ms). */
  readonly expireAtMs: number;
}

/** The longest error text kept. */
export const MAX_ERROR_CHARS = 500;

export function failureError(status: number | null, detail: string, bodyExcerpt = ''): string {
  const base = status === null ? detail : `sink answered ${status}`;
  const body = bodyExcerpt.trim();
  return (body ? `${base}: ${body}` : base).slice(0, MAX_ERROR_CHARS);
}

/** The attempt number: Pub/Sub's own count when present (production), else the failures recorded before + 1. */
export function attemptNumber(deliveryAttempt: number | undefined, failedBefore: number | undefined) {
  if (deliveryAttempt !== undefined && deliveryAttempt > 0) return deliveryAttempt;
  return failedBefore === undefined ? undefined : failedBefore + 1;
}

/** What the API shows of a failure record. */
export interface PublicFailure {
  readonly time: string;
  readonly eventId: string;
  readonly type: string;
  readonly source: string;
  readonly webhookId: string;
  readonly messageId: string;
  readonly status: number | null;
  readonly error: string;
  readonly latencyMs: number | null;
  readonly attempt: number | null;
}
