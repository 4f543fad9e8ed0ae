// Delivery counts per hour, for the console's charts and GET
// /v1/queues/{name}/stats?from=&to=. dispatch adds each flush's counts to an
// hour-bucket document beside its total shard, in the same commit, so a
// bucket costs no write of its own per delivery: one document per queue per
// hour per dispatch instance, expired by Firestore's TTL policy on
// STATS_HOUR_TTL_FIELD. Counts land in the hour of the flush that writes
// them, so at an hour's edge they may fall up to one flush interval late.
import { type StatCounter, sumShards } from './delivery-counters';

export const HOUR_MS = 3_600_000;
/** How far back GET /stats answers buckets; also the longest span it takes. */
export const STATS_HOURS_KEPT_DAYS = 7;
const KEPT_MS = STATS_HOURS_KEPT_DAYS * 86_400_000;
/** Buckets outlive the span a request may ask for by a day, so that a span's first hour is whole. */
const EXPIRE_AFTER_MS = KEPT_MS + 86_400_000;

/** The collection of hour buckets under each queue: tenants/{t}/queues/{q}/statsHours/{hour}_{instance}. */
export const STATS_HOURS_COLLECTION = 'statsHours';
/** The timestamp field Firestore's TTL policy deletes hour buckets by. */
export const STATS_HOUR_TTL_FIELD = 'expireAt';
/** The bucket's hour as Unix milliseconds: the field the range query reads. */
export const STATS_HOUR_FIELD = 'hourMs';

export const hourStart = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** `2030-01-01T07Z_<instance>`: sorts by hour, one per instance. */
export const hourBucketId = (hourMs: number, instanceId: string): string =>
  `${new Date(hourMs).toISOString().slice(0, 13)}Z_${instanceId}`;

export const hourBucketExpiry = (hourMs: number): Date => new Date(hourMs + EXPIRE_AFTER_MS);

export type HourBucket = { readonly start: string } & Record<StatCounter, number>;

/**
 * One bucket per hour from the hour of `fromMs` up to `toMs` (exclusive), each
 * the sum of that hour's shard documents; hours nobody wrote are zeros.
 */
export function fillHourBuckets(
  docs: readonly Record<string, unknown>[],
  fromMs: number,
  toMs: number,
): HourBucket[] {
  const byHour = new Map<number, Record<string, unknown>[]>();
  for (const doc of docs) {
    const hour = doc[STATS_HOUR_FIELD];
    if (typeof hour !== 'number') continue;
    const list = byHour.get(hour) ?? [];
    list.push(doc);
    byHour.set(hour, list);
  }
  const buckets: HourBucket[] = [];
  for (let hour = hourStart(fromMs); hour < toMs; hour += HOUR_MS) {
    buckets.push({ start: new Date(hour).toISOString(), ...sumShards(byHour.get(hour) ?? []) });
  }
  return buckets;
}
