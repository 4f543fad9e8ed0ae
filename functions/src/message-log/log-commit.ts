// One pending entry as a write of Firestore's REST `documents:commit`, and the
// writes cut into commits: at most 500 writes (Firestore's limit) and at most
// `maxBytes` of body (well under its 10 MiB request limit). Pure: no I/O.
//
// The write is commutative (log-entry.ts), so that instances flushing touches
// of one entry in any order, or one commit retried, give the same document:
// the descriptive fields are set (each write sets the same values for one
// event), `state` by maximum, `publishTimeMs` and `deliveredAtMs` by minimum,
// attempts by appendMissingElements.
import type { CloudEventAttributeValue } from '../cloudevents/cloudevent';
import { keptEvent } from './kept-event';
import { LOG_TTL_FIELD, logEntryPath, type StoredAttempt } from './log-entry';
import type { PendingEntry } from './log-touch';
import { subjectPrefixes } from './subject-prefixes';

export const MAX_COMMIT_WRITES = 500;
/** Firestore refuses requests above 10 MiB; a commit stays well below. */
export const MAX_COMMIT_BYTES = 4 * 2 ** 20;

type Value = Record<string, unknown>;

const str = (value: string): Value => ({ stringValue: value });
const int = (value: number): Value => ({ integerValue: String(Math.round(value)) });

function attemptValue(a: StoredAttempt): Value {
  const fields: Record<string, Value> = {
    atMs: int(a.atMs),
    attempt: int(a.attempt),
    latencyMs: int(a.latencyMs),
  };
  if (a.status !== undefined) fields.status = int(a.status);
  if (a.error !== undefined) fields.error = str(a.error);
  if (a.responseExcerpt !== undefined) fields.responseExcerpt = str(a.responseExcerpt);
  return { mapValue: { fields } };
}

const text = (value: CloudEventAttributeValue | undefined): string | undefined =>
  value === undefined ? undefined : String(value);

/** The commit write of one entry, as JSON text. */
export function logEntryWrite(
  databasePath: string,
  entry: PendingEntry,
  options: { readonly expireAtMs: number; readonly keptDataBytes?: number },
): string {
  const attributes = entry.event.attributes;
  const kept = keptEvent(entry.event, options.keptDataBytes);
  const fields: Record<string, Value> = {
    queue: str(entry.queue),
    id: str(text(attributes.id) ?? ''),
    type: str(text(attributes.type) ?? ''),
    source: str(text(attributes.source) ?? ''),
    event: str(kept.event),
    dataSize: int(kept.dataSize),
    [LOG_TTL_FIELD]: { timestampValue: new Date(options.expireAtMs).toISOString() },
  };
  const subject = text(attributes.subject);
  if (subject !== undefined) {
    fields.subject = str(subject);
    fields.subjectPrefixes = { arrayValue: { values: subjectPrefixes(subject).map(str) } };
  }
  const time = text(attributes.time);
  if (time !== undefined) fields.time = str(time);
  if (kept.dataOmitted) fields.dataOmitted = { booleanValue: true };
  if (entry.reason !== undefined) fields.reason = str(entry.reason);

  const transforms: Value[] = [
    { fieldPath: 'state', maximum: int(entry.state) },
    { fieldPath: 'publishTimeMs', minimum: int(entry.publishTimeMs) },
  ];
  if (entry.deliveredAtMs !== undefined) {
    transforms.push({ fieldPath: 'deliveredAtMs', minimum: int(entry.deliveredAtMs) });
  }
  // Always present, so that an entry without attempts (filtered, invalid) has `attempts: []`.
  transforms.push({
    fieldPath: 'attempts',
    appendMissingElements: { values: entry.attempts.map(attemptValue) },
  });
  return JSON.stringify({
    update: { name: `${databasePath}/documents/${logEntryPath(entry.tenant, entry.webhookId)}`, fields },
    // Only the fields this write sets: a later write without `reason` keeps the earlier one.
    updateMask: { fieldPaths: Object.keys(fields) },
    updateTransforms: transforms,
  });
}

export interface CommitChunk {
  /** The commit's JSON body. */
  readonly body: string;
  /** How many of the writes (in order) it carries. */
  readonly count: number;
}

/** Cuts writes (JSON texts) into commit bodies of at most `maxWrites` writes and `maxBytes` bytes. */
export function commitChunks(
  writes: readonly string[],
  maxWrites = MAX_COMMIT_WRITES,
  maxBytes = MAX_COMMIT_BYTES,
): CommitChunk[] {
  const chunks: CommitChunk[] = [];
  const frame = '{"writes":[]}'.length;
  let start = 0;
  let bytes = frame;
  const close = (end: number) => {
    if (end > start)
      chunks.push({ body: `{"writes":[${writes.slice(start, end).join(',')}]}`, count: end - start });
    start = end;
    bytes = frame;
  };
  for (let i = 0; i < writes.length; i++) {
    // One write larger than maxBytes goes alone (Firestore judges it; a document is at most 1 MiB).
    const size = Buffer.byteLength(writes[i]!) + 1;
    if (i > start && (i - start === maxWrites || bytes + size > maxBytes)) close(i);
    bytes += size;
  }
  close(writes.length);
  return chunks;
}
