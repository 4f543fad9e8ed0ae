import { replayTime } from '../../../../functions/src/api/queues/replay-queue';
import { ValidationError } from '../../../../functions/src/errors';

const NOW = Date.UTC(2030, 0, 8, 12);

describe('replayTime', () => {
  it('takes an RFC 3339 time within retention', () => {
    expect(replayTime('2030-01-08T10:00:00+01:00', NOW).toISOString()).toBe('2030-01-08T09:00:00.000Z');
  });
  it.each<[string, string, RegExp]>([
    ['older than retention', '2030-01-01T11:59:00Z', /retention of 7 days/],
    ['in the future', '2030-01-08T13:00:00Z', /future/],
    ['not RFC 3339', '2030-01-08 12:00', /RFC 3339/],
  ])('refuses a time %s', (_what, since, message) => {
    expect(() => replayTime(since, NOW)).toThrow(ValidationError);
    expect(() => replayTime(since, NOW)).toThrow(message);
  });
});
