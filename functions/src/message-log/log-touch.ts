// What the push path hands the message log about one entry at one moment (a
// touch), and how the writer coalesces the touches of one entry within a
// flush into one pending entry, hence one write. Coalescing follows the
// stored shape's commutative rules (log-entry.ts): attempts accumulate, the
// state only rises, the publish and delivery times keep the earliest value.
import type { CloudEvent } from '../cloudevents/cloudevent';
import type { StoredAttempt } from './log-entry';

export interface LogTouch {
  readonly tenant: string;
  readonly queue: string;
  readonly webhookId: string;
  /** A LOG_STATE value. */
  readonly state: number;
  /**
   * The event as it arrived; it is encoded (kept data, its size) when the
   * entry is flushed, once per entry and off the push. An event that could
   * not be decoded is its message's bytes, without attributes.
   */
  readonly event: CloudEvent;
  readonly publishTimeMs: number;
  readonly attempt?: StoredAttempt;
  readonly deliveredAtMs?: number;
  readonly reason?: string;
}

/** The touches of one entry since the last flush, as one write. */
export interface PendingEntry {
  readonly tenant: string;
  readonly queue: string;
  readonly webhookId: string;
  state: number;
  event: CloudEvent;
  publishTimeMs: number;
  readonly attempts: StoredAttempt[];
  deliveredAtMs?: number;
  reason?: string;
  /** A cheap upper estimate of the entry's bytes in a commit, so that a batch is flushed before it is too big. */
  estimatedBytes: number;
}

/** Fields, map keys and the write's framing, beyond the event and the attempts. */
const ENTRY_OVERHEAD_BYTES = 1024;
const ATTEMPT_OVERHEAD_BYTES = 256;

/**
 * Generous on purpose (no encoding on the push path): base64 grows data by
 * 4/3, and the event travels as a JSON string inside the commit's JSON, where
 * quotes and control characters are escaped.
 */
function eventBytes(event: CloudEvent, keptDataBytes: number): number {
  let attributes = 0;
  for (const name in event.attributes) attributes += name.length + String(event.attributes[name]).length + 8;
  return 2 * attributes + 3 * Math.min(event.data?.length ?? 0, keptDataBytes);
}

const attemptBytes = (attempt: StoredAttempt): number =>
  ATTEMPT_OVERHEAD_BYTES + 2 * ((attempt.responseExcerpt?.length ?? 0) + (attempt.error?.length ?? 0));

export function pendingEntryOf(touch: LogTouch, keptDataBytes: number): PendingEntry {
  const entry: PendingEntry = {
    tenant: touch.tenant,
    queue: touch.queue,
    webhookId: touch.webhookId,
    state: touch.state,
    event: touch.event,
    publishTimeMs: touch.publishTimeMs,
    attempts: [],
    deliveredAtMs: touch.deliveredAtMs,
    reason: touch.reason,
    estimatedBytes: ENTRY_OVERHEAD_BYTES + eventBytes(touch.event, keptDataBytes),
  };
  if (touch.attempt) {
    entry.attempts.push(touch.attempt);
    entry.estimatedBytes += attemptBytes(touch.attempt);
  }
  return entry;
}

/** Adds a later touch of the same entry; returns the bytes the entry grew by. */
export function addTouch(entry: PendingEntry, touch: LogTouch): number {
  let grew = 0;
  entry.state = Math.max(entry.state, touch.state);
  entry.publishTimeMs = Math.min(entry.publishTimeMs, touch.publishTimeMs);
  if (touch.deliveredAtMs !== undefined) {
    entry.deliveredAtMs =
      entry.deliveredAtMs === undefined
        ? touch.deliveredAtMs
        : Math.min(entry.deliveredAtMs, touch.deliveredAtMs);
  }
  if (touch.reason !== undefined) entry.reason = touch.reason;
  if (touch.attempt) {
    entry.attempts.push(touch.attempt);
    grew = attemptBytes(touch.attempt);
    entry.estimatedBytes += grew;
  }
  return grew;
}

/** Puts an older pending entry (a failed flush's) in front of a newer one of the same document. */
export function mergeOlder(older: PendingEntry, newer: PendingEntry): PendingEntry {
  const merged: PendingEntry = { ...older, attempts: [...older.attempts, ...newer.attempts] };
  merged.state = Math.max(older.state, newer.state);
  merged.publishTimeMs = Math.min(older.publishTimeMs, newer.publishTimeMs);
  if (newer.deliveredAtMs !== undefined) {
    merged.deliveredAtMs =
      older.deliveredAtMs === undefined
        ? newer.deliveredAtMs
        : Math.min(older.deliveredAtMs, newer.deliveredAtMs);
  }
  if (newer.reason !== undefined) merged.reason = newer.reason;
  merged.event = newer.event;
  merged.estimatedBytes = older.estimatedBytes + newer.estimatedBytes - ENTRY_OVERHEAD_BYTES;
  return merged;
}
