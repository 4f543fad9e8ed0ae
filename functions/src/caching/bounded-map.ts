// The one bounded map behind every per-instance cache of eventq (verified
// tokens, queue definitions, rate buckets, Retry-After holds, delivery tokens,
// HMAC keys, sink targets). One eviction policy for all: when full, the entry
// written longest ago goes first (a write moves its key to the newest place).
// Reads do not reorder, so a hit costs one Map lookup and nothing else; the
// caches hold values that are cheap to rebuild, so least-recently-written is
// as good as least-recently-used here and keeps the hot path free.

import { InternalError } from '../errors';

export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new InternalError(`maxEntries must be a positive integer, not ${maxEntries}`);
    }
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    // Deleted first, so that writing a key again neither evicts another nor keeps its old place.
    if (!this.entries.delete(key) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
