import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../functions/src/delivery/retry-after';

const NOW = Date.UTC(2030, 0, 1, 12);

describe('parseRetryAfter', () => {
  it.each<[string, string | undefined, number | undefined]>([
    ['delay-seconds', '120', 120_000],
    ['an HTTP date 30 s ahead', new Date(NOW + 30_000).toUTCString(), 30_000],
    ['an HTTP date in the past', new Date(NOW - 30_000).toUTCString(), undefined],
    ['zero', '0', undefined],
    ['no header', undefined, undefined],
    ['garbage', 'soon', undefined],
    ['a date without weekday', '2030-01-01', undefined],
    ['more than the cap', '86400', MAX_RETRY_AFTER_MS],
  ])('reads %s', (_what, header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });
});
