// The message log's batched writer in dispatch. The push path hands it touches
// (record) synchronously and never waits; touches of one entry are coalesced
// into one pending entry, and pending entries go to Firestore in commits of at
// most 500 writes and MAX_COMMIT_BYTES, on the flush schedule
// (flush-schedule.ts: at most once per interval, at once when a batch is
// full, and on SIGTERM; one flush at a time).
//
// When Firestore is down, a failed commit's entries are put back in front of
// the newer ones, and memory stays bounded: beyond `maxPendingEntries` or
// `maxPendingBytes` the oldest entries are dropped, counted and logged. A
// commit Firestore refuses outright (a 4xx other than 408/429: it would fail
// again) is dropped too, so that one bad write cannot hold the log back.

import { FlushSchedule } from '../flush-schedule';
import { commitChunks, MAX_COMMIT_BYTES, MAX_COMMIT_WRITES } from './log-commit';
import { LOG_KEPT_DATA_BYTES } from './log-entry';
import { addTouch, type LogTouch, mergeOlder, type PendingEntry, pendingEntryOf } from './log-touch';

export interface LogWriterOptions {
  readonly intervalMs: number;
  /** Encodes one entry as a commit write (log-commit.ts `logEntryWrite`), at flush time. */
  readonly encode: (entry: PendingEntry, nowMs: number) => string;
  /** Sends one commit body; rejects when it was not applied. */
  readonly commit: (body: string) => Promise<void>;
  readonly onError: (error: unknown, entries: number) => void;
  /** Entries dropped (the cap, or a commit Firestore refused for good). */
  readonly onDropped: (entries: number, why: string) => void;
  readonly maxCommitWrites?: number;
  readonly maxCommitBytes?: number;
  readonly maxPendingEntries?: number;
  readonly maxPendingBytes?: number;
  readonly keptDataBytes?: number;
  readonly now?: () => number;
}

export const DEFAULT_MAX_PENDING_ENTRIES = 20_000;
export const DEFAULT_MAX_PENDING_BYTES = 32 * 2 ** 20;

const keyOf = (tenant: string, webhookId: string): string => `${tenant}/${webhookId}`;

/** Whether a failed commit would fail again as it is: Firestore refused its content. */
function refusedForGood(error: unknown): boolean {
  const status = (error as { firestoreStatus?: unknown } | null)?.firestoreStatus;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export class MessageLogWriter {
  /** Insertion order is age: the first entry is the oldest. */
  private pending = new Map<string, PendingEntry>();
  private pendingBytes = 0;
  private readonly schedule: FlushSchedule;
  private droppedTotal = 0;
  /** Dropped since the last report: reported once per flush, not once per touch. */
  private unreported = new Map<string, number>();
  private readonly now: () => number;
  private readonly maxWrites: number;
  private readonly maxBytes: number;
  private readonly maxPendingEntries: number;
  private readonly maxPendingBytes: number;
  private readonly keptDataBytes: number;

  constructor(private readonly options: LogWriterOptions) {
    this.now = options.now ?? Date.now;
    this.schedule = new FlushSchedule({
      intervalMs: options.intervalMs,
      now: this.now,
      hasWork: () => this.pending.size > 0,
      isFull: () => this.pending.size >= this.maxWrites || this.pendingBytes >= this.maxBytes,
      run: () => this.takeAndWrite(),
    });
    this.maxWrites = options.maxCommitWrites ?? MAX_COMMIT_WRITES;
    this.maxBytes = options.maxCommitBytes ?? MAX_COMMIT_BYTES;
    this.maxPendingEntries = options.maxPendingEntries ?? DEFAULT_MAX_PENDING_ENTRIES;
    this.maxPendingBytes = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
    this.keptDataBytes = options.keptDataBytes ?? LOG_KEPT_DATA_BYTES;
  }

  /** Entries waiting for a flush. */
  get size(): number {
    return this.pending.size;
  }

  /** Entries dropped since start (cap or refused commits). */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Synchronous and cheap: the push path never waits for the log. */
  record(touch: LogTouch): void {
    const key = keyOf(touch.tenant, touch.webhookId);
    const entry = this.pending.get(key);
    if (entry) {
      this.pendingBytes += addTouch(entry, touch);
    } else {
      const created = pendingEntryOf(touch, this.keptDataBytes);
      this.pending.set(key, created);
      this.pendingBytes += created.estimatedBytes;
      this.enforceCap();
    }
    this.poke();
  }

  /** Arms the timer, or flushes now when a batch is full or the interval has passed. */
  poke(): void {
    this.schedule.poke();
  }

  /** Writes every pending entry; resolves when written, or put back (or dropped) after a failure. */
  flush(): Promise<void> {
    return this.schedule.flush();
  }

  private takeAndWrite(): Promise<void> | undefined {
    this.reportDropped();
    if (this.pending.size === 0) return undefined;
    const entries = [...this.pending.values()];
    this.pending = new Map();
    this.pendingBytes = 0;
    return this.write(entries).finally(() => this.reportDropped());
  }

  private async write(entries: PendingEntry[]): Promise<void> {
    const nowMs = this.now();
    let writes: string[];
    try {
      writes = entries.map((entry) => this.options.encode(entry, nowMs));
    } catch (error) {
      // A bug in encoding: retrying would fail the same way.
      this.options.onError(error, entries.length);
      this.drop(entries.length, 'could not be encoded');
      return;
    }
    let done = 0;
    for (const chunk of commitChunks(writes, this.maxWrites, this.maxBytes)) {
      try {
        await this.options.commit(chunk.body);
      } catch (error) {
        this.options.onError(error, chunk.count);
        if (refusedForGood(error)) {
          this.drop(chunk.count, 'refused by Firestore');
          done += chunk.count;
          continue;
        }
        this.putBack(entries.slice(done));
        return;
      }
      done += chunk.count;
    }
  }

  /** A failed flush's entries go back in front of what came since, merged with newer touches of them. */
  private putBack(older: PendingEntry[]): void {
    const merged = new Map<string, PendingEntry>();
    let bytes = 0;
    for (const entry of older) {
      const key = keyOf(entry.tenant, entry.webhookId);
      const newer = this.pending.get(key);
      const kept = newer ? mergeOlder(entry, newer) : entry;
      merged.set(key, kept);
      bytes += kept.estimatedBytes;
    }
    for (const [key, entry] of this.pending) {
      if (merged.has(key)) continue;
      merged.set(key, entry);
      bytes += entry.estimatedBytes;
    }
    this.pending = merged;
    this.pendingBytes = bytes;
    this.enforceCap();
  }

  private enforceCap(): void {
    let dropped = 0;
    for (const [key, entry] of this.pending) {
      if (this.pending.size <= this.maxPendingEntries && this.pendingBytes <= this.maxPendingBytes) break;
      this.pending.delete(key);
      this.pendingBytes -= entry.estimatedBytes;
      dropped++;
    }
    if (dropped > 0) this.drop(dropped, 'over the pending cap (Firestore unreachable or too slow)');
  }

  private drop(entries: number, why: string): void {
    this.droppedTotal += entries;
    this.unreported.set(why, (this.unreported.get(why) ?? 0) + entries);
  }

  private reportDropped(): void {
    if (this.unreported.size === 0) return;
    const reports = this.unreported;
    this.unreported = new Map();
    for (const [why, entries] of reports) this.options.onDropped(entries, why);
  }
}
