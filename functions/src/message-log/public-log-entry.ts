// A stored log entry (log-entry.ts) as the api shows it: times as RFC 3339,
// `state` as its status, the attempts in the order they were made, the kept
// event parsed back into the structured-mode CloudEvent.
import type { LogStatus, StoredAttempt, StoredLogEntry } from './log-entry';
import { LOG_STATE, statusOfState } from './log-entry';

export interface PublicAttempt {
  readonly at: string;
  readonly attempt: number;
  readonly status?: number;
  readonly error?: string;
  readonly latencyMs: number;
  readonly responseExcerpt?: string;
}

export interface PublicLogEntry {
  readonly webhookId: string;
  readonly queue: string;
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject?: string;
  readonly time?: string;
  readonly publishTime: string;
  readonly status: LogStatus;
  readonly reason?: string;
  readonly attemptCount: number;
  readonly lastAttempt?: Omit<PublicAttempt, 'attempt' | 'responseExcerpt'>;
  readonly deliveredAt?: string;
}

export interface PublicLogDetail extends PublicLogEntry {
  readonly attempts: readonly PublicAttempt[];
  /** The structured-mode CloudEvent; without `data`/`data_base64` when `dataOmitted`. */
  readonly event?: Record<string, unknown>;
  readonly dataOmitted?: true;
  readonly dataSize?: number;
}

/** What a list read gives: the stored entry without its kept event. */
export type ListedLogEntry = Omit<StoredLogEntry, 'event' | 'dataOmitted' | 'dataSize' | 'expireAt'>;

const iso = (ms: number) => new Date(ms).toISOString();

/** Instances flush in any order, so the stored array is not always in the order attempts were made. */
function inOrder(attempts: readonly StoredAttempt[] | undefined): StoredAttempt[] {
  return [...(attempts ?? [])].sort((a, b) => a.atMs - b.atMs || a.attempt - b.attempt);
}

function publicAttempt(a: StoredAttempt): PublicAttempt {
  return {
    at: iso(a.atMs),
    attempt: a.attempt,
    ...(a.status !== undefined ? { status: a.status } : {}),
    ...(a.error !== undefined ? { error: a.error } : {}),
    latencyMs: a.latencyMs,
    ...(a.responseExcerpt !== undefined ? { responseExcerpt: a.responseExcerpt } : {}),
  };
}

export function publicLogEntry(webhookId: string, stored: ListedLogEntry): PublicLogEntry {
  const attempts = inOrder(stored.attempts);
  const last = attempts[attempts.length - 1];
  return {
    webhookId,
    queue: stored.queue,
    id: stored.id,
    type: stored.type,
    source: stored.source,
    ...(stored.subject !== undefined ? { subject: stored.subject } : {}),
    ...(stored.time !== undefined ? { time: stored.time } : {}),
    publishTime: iso(stored.publishTimeMs),
    // A state written by a newer writer than this api is shown as the nearest one below it.
    status: statusOfState(stored.state) ?? nearestStatus(stored.state),
    ...(stored.reason !== undefined ? { reason: stored.reason } : {}),
    attemptCount: attempts.length,
    ...(last
      ? {
          lastAttempt: {
            at: iso(last.atMs),
            ...(last.status !== undefined ? { status: last.status } : {}),
            ...(last.error !== undefined ? { error: last.error } : {}),
            latencyMs: last.latencyMs,
          },
        }
      : {}),
    ...(stored.deliveredAtMs !== undefined ? { deliveredAt: iso(stored.deliveredAtMs) } : {}),
  };
}

function nearestStatus(state: number): LogStatus {
  let nearest: LogStatus = 'filtered';
  for (const [status, n] of Object.entries(LOG_STATE)) {
    if (n <= state && n >= LOG_STATE[nearest]) nearest = status as LogStatus;
  }
  return nearest;
}

function keptEvent(text: string): Record<string, unknown> | undefined {
  try {
    const event: unknown = JSON.parse(text);
    return typeof event === 'object' && event !== null && !Array.isArray(event)
      ? (event as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function publicLogDetail(webhookId: string, stored: StoredLogEntry): PublicLogDetail {
  const event = typeof stored.event === 'string' ? keptEvent(stored.event) : undefined;
  return {
    ...publicLogEntry(webhookId, stored),
    attempts: inOrder(stored.attempts).map(publicAttempt),
    ...(event ? { event } : {}),
    ...(stored.dataOmitted ? { dataOmitted: true as const, dataSize: stored.dataSize } : {}),
  };
}
