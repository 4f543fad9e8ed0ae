// The key of one tenant's queue in dispatch's per-instance maps (caches, rate
// buckets, holds, counters). Tenant ids and queue names cannot contain "/",
// so the pair is unambiguous.
export const queueKey = (tenant: string, queue: string): string => `${tenant}/${queue}`;
