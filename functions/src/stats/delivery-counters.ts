// Delivery counters without a database write per event: dispatch adds to
// in-memory counts per queue, and a flush takes them all at once (to be added
// with FieldValue.increment to this instance's shard document). A failed flush
// puts its counts back, so nothing is lost short of the instance dying.

import { queueKey } from '../tenancy/queue-key';

export const STAT_COUNTERS = [
  'delivered',
  'failedAttempts',
  'deadLettered',
  'filteredOut',
  // Queues with "replies": true (dispatch/publish-reply.ts).
  'repliesPublished',
  'repliesRefused',
  'repliesDropped',
] as const;
export type StatCounter = (typeof STAT_COUNTERS)[number];
export type QueueCounts = Partial<Record<StatCounter, number>>;

export interface CountsBatch {
  readonly tenant: string;
  readonly queue: string;
  readonly counts: QueueCounts;
}

export class DeliveryCounters {
  private pending = new Map<string, CountsBatch & { counts: Record<string, number> }>();

  add(tenant: string, queue: string, counter: StatCounter, n = 1): void {
    const key = queueKey(tenant, queue);
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { tenant, queue, counts: {} };
      this.pending.set(key, entry);
    }
    entry.counts[counter] = (entry.counts[counter] ?? 0) + n;
  }

  get empty(): boolean {
    return this.pending.size === 0;
  }

  /** Everything counted since the last take, and starts counting afresh. */
  take(): CountsBatch[] {
    const batches = [...this.pending.values()];
    this.pending = new Map();
    return batches;
  }

  /** Puts back what a failed flush took. */
  restore(batches: readonly CountsBatch[]): void {
    for (const batch of batches) {
      for (const [counter, n] of Object.entries(batch.counts)) {
        if (n) this.add(batch.tenant, batch.queue, counter as StatCounter, n);
      }
    }
  }
}

/** Sums per-instance shard documents into one set of counts, every counter present. */
export function sumShards(shards: readonly Record<string, unknown>[]): Record<StatCounter, number> {
  const total = Object.fromEntries(STAT_COUNTERS.map((c) => [c, 0])) as Record<StatCounter, number>;
  for (const shard of shards) {
    for (const counter of STAT_COUNTERS) {
      const n = shard[counter];
      if (typeof n === 'number' && Number.isFinite(n)) total[counter] += n;
    }
  }
  return total;
}
