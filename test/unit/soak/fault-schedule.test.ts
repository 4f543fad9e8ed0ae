// The fault schedule has every fault issue 20 lists, for the default run and
// the quick one alike, each starting within the publishing period.
import { faultSchedule } from '../../soak/fault-schedule';

const ISSUE_FAULTS: readonly RegExp[] = [
  /5xx to 10 %/,
  /after dispatch's \d+ ms timeout/,
  /429 Retry-After/,
  /down for 30 s/,
  /dispatch killed and restarted \(1 of 2\)/,
  /dispatch killed and restarted \(2 of 2\)/,
  /api restarted; filters patched, a queue paused and resumed/,
  /deleted/,
  /created/,
  /replays the last minute/,
];

test.each([60, 300])('a %i s soak schedules every fault of the issue within its duration', (duration) => {
  const steps = faultSchedule(duration);
  for (const fault of ISSUE_FAULTS)
    expect(steps.map((s) => s.what)).toContainEqual(expect.stringMatching(fault));
  for (const step of steps) {
    expect(step.at).toBeGreaterThanOrEqual(0);
    expect(step.at).toBeLessThan(duration);
  }
});

test('the outage lasts at most half of a short run, so that the sink is back before publishing ends', () => {
  expect(faultSchedule(40).map((s) => s.what)).toContainEqual('sinks down for 20 s');
});
