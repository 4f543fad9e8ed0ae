// Hour buckets: which hour a flush's counts land in, and the series an answer
// carries (every hour of the span present, zeros where nobody counted).
import {
  fillHourBuckets,
  HOUR_MS,
  hourBucketExpiry,
  hourBucketId,
  hourStart,
} from '../../../functions/src/stats/hour-buckets';

const T0 = Date.parse('2030-01-01T07:00:00Z');

describe('hour buckets', () => {
  it('puts a time in the hour that contains it', () => {
    expect(hourStart(T0 + 59 * 60_000 + 59_999)).toBe(T0);
    expect(hourStart(T0 + HOUR_MS)).toBe(T0 + HOUR_MS);
  });

  it('names a bucket by its hour and the instance, so that instances never share one', () => {
    expect(hourBucketId(T0, 'rev-1-abc')).toBe('2030-01-01T07Z_rev-1-abc');
  });

  it('keeps a bucket a day longer than the 7 days a request may span', () => {
    expect(hourBucketExpiry(T0).toISOString()).toBe('2030-01-09T07:00:00.000Z');
  });

  it("sums each hour's instances and answers every hour of the span, empty ones as zeros", () => {
    const docs = [
      { hourMs: T0, instance: 'a', delivered: 2, failedAttempts: 1 },
      { hourMs: T0, instance: 'b', delivered: 3 },
      { hourMs: T0 + 2 * HOUR_MS, instance: 'a', deadLettered: 4, filteredOut: 5 },
    ];
    const buckets = fillHourBuckets(docs, T0 + 10 * 60_000, T0 + 2 * HOUR_MS + 1);
    expect(buckets.map((b) => b.start)).toEqual([
      '2030-01-01T07:00:00.000Z',
      '2030-01-01T08:00:00.000Z',
      '2030-01-01T09:00:00.000Z',
    ]);
    expect(buckets[0]).toMatchObject({ delivered: 5, failedAttempts: 1, deadLettered: 0, filteredOut: 0 });
    expect(buckets[1]).toMatchObject({ delivered: 0, failedAttempts: 0, deadLettered: 0, filteredOut: 0 });
    expect(buckets[2]).toMatchObject({ delivered: 0, deadLettered: 4, filteredOut: 5 });
  });

  it('answers 168 buckets for 7 days that start on the hour', () => {
    expect(fillHourBuckets([], T0, T0 + 7 * 24 * HOUR_MS)).toHaveLength(168);
  });
});
