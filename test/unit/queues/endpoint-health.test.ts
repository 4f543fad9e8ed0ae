import { afterFailure } from '../../../functions/src/queues/endpoint-health';

const HOUR = 3_600_000;
const NOW = Date.UTC(2030, 0, 6);

describe('afterFailure', () => {
  it('starts a run of failures at the first one', () => {
    expect(afterFailure(undefined, NOW, HOUR)).toEqual({
      kind: 'start-failing',
      since: new Date(NOW).toISOString(),
    });
  });
  it('does nothing within the allowed time', () => {
    expect(afterFailure(new Date(NOW - HOUR + 1).toISOString(), NOW, HOUR)).toEqual({ kind: 'none' });
  });
  it('disables once the sink has failed for the whole allowed time, naming since when', () => {
    const since = new Date(NOW - HOUR).toISOString();
    const step = afterFailure(since, NOW, HOUR);
    expect(step.kind).toBe('disable');
    expect(step.kind === 'disable' && step.reason).toContain(since);
  });
});
