// A small bounded cache whose entries go stale after a TTL, and which runs one
// load per key at a time, so a burst of pushes for a cold queue reads its
// definition once. Staleness is bounded by the TTL: the documented delay before
// a PATCH reaches dispatch.

import { BoundedMap } from '../caching/bounded-map';

interface Entry<V> {
  readonly value: V;
  readonly loadedAt: number;
}

export class TtlCache<V> {
  private readonly entries: BoundedMap<string, Entry<V>>;
  /** Bounded by the loads in flight, which end. */
  private readonly loading = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new BoundedMap(maxEntries);
  }

  /** A hit is answered synchronously, with no promise: the hot path of dispatch is mostly hits. */
  get(key: string, load: () => Promise<V>): V | Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.loadedAt < this.ttlMs) return entry.value;
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    let loaded: Promise<V>;
    try {
      loaded = load();
    } catch (error) {
      return Promise.reject(error);
    }
    // A load that a delete overtook must not put back the value the delete removed.
    const current = () => this.loading.get(key) === promise;
    const promise: Promise<V> = loaded.then(
      (value) => {
        if (current()) {
          this.set(key, value);
          this.loading.delete(key);
        }
        return value;
      },
      (error: unknown) => {
        if (current()) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  set(key: string, value: V): void {
    this.entries.set(key, { value, loadedAt: this.now() });
  }

  delete(key: string): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
