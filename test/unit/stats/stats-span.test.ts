// The span of GET /v1/queues/{name}/stats: defaults, limits and the 422s that
// name the parameter at fault.
import { ValidationError } from '../../../functions/src/errors';
import { parseStatsSpan } from '../../../functions/src/stats/stats-span';

const NOW = Date.parse('2030-01-08T12:30:00Z');
const DAY = 86_400_000;

describe('parseStatsSpan', () => {
  it('defaults to the last 24 hours in 1-hour buckets', () => {
    expect(parseStatsSpan({}, NOW)).toEqual({ fromMs: NOW - DAY, toMs: NOW, bucket: '1h' });
  });

  it('takes RFC 3339 times with an offset, up to now from `from` alone', () => {
    expect(parseStatsSpan({ from: '2030-01-08T13:30:00+02:00' }, NOW)).toEqual({
      fromMs: Date.parse('2030-01-08T11:30:00Z'),
      toMs: NOW,
      bucket: '1h',
    });
    expect(parseStatsSpan({ to: '2030-01-02T00:00:00.5Z' }, NOW).fromMs).toBe(
      Date.parse('2030-01-01T00:00:00.5Z'),
    );
  });

  it('takes a span of exactly 7 days', () => {
    expect(parseStatsSpan({ from: '2030-01-01T12:30:00Z' }, NOW).fromMs).toBe(NOW - 7 * DAY);
  });

  it.each([
    [{ from: 'yesterday' }, 'from: must be an RFC 3339 time'],
    [{ from: '2030-01-08' }, 'from: must be an RFC 3339 time'],
    [{ to: '2030-01-08T10:00:00' }, 'to: must be an RFC 3339 time'],
    [{ to: ['2030-01-08T10:00:00Z'] }, 'to: must be an RFC 3339 time'],
    [{ from: '2030-02-30T00:00:00Z' }, 'from: must be an RFC 3339 time'],
    [{ bucket: '1d' }, 'bucket: must be one of 1h'],
    [{ from: '2030-01-08T12:30:00Z' }, 'from: must be before to'],
    [{ from: '2030-01-01T12:29:59Z' }, 'from, to: at most 7 days apart'],
  ])('refuses %j with 422: %s', (query, detail) => {
    let thrown: unknown;
    try {
      parseStatsSpan(query, NOW);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).status).toBe(422);
    expect((thrown as ValidationError).message).toContain(detail);
  });
});
