import {
  isRetainedBeforeCreation,
  NEW_SUBSCRIPTION_WINDOW_MS,
} from '../../../../emulator/push-engine/push-engine';

const seen = Date.parse('2026-12-01T20:00:00.000Z');

test.each<[string, string | undefined, number, boolean]>([
  [
    'published minutes before the subscription appeared, in its first seconds',
    '2026-12-01T19:55:00.000Z',
    seen + 300,
    true,
  ],
  [
    'published just before it appeared (within 2 s): may be after its creation',
    '2026-12-01T19:59:59.000Z',
    seen + 300,
    false,
  ],
  ['published after it appeared', '2026-12-01T20:00:00.100Z', seen + 300, false],
  [
    'old, but pushed after the first seconds (a replay)',
    '2026-12-01T19:55:00.000Z',
    seen + NEW_SUBSCRIPTION_WINDOW_MS + 1,
    false,
  ],
  ['without a publish time', undefined, seen + 300, false],
])('a message %s: dropped %s', (_what, publishTime, now, expected) => {
  expect(isRetainedBeforeCreation(publishTime, seen, now)).toBe(expected);
});
