import { parseSince } from '../../../cli/commands/queue-operations-command';

const now = Date.parse('2026-11-22T12:00:00Z');

test.each([
  ['90m', '2026-11-22T10:30:00.000Z'],
  ['6h', '2026-11-22T06:00:00.000Z'],
  ['2d', '2026-11-20T12:00:00.000Z'],
  ['45s', '2026-11-22T11:59:15.000Z'],
  ['2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z'],
  ['2026-11-22T10:00:00.5+01:00', '2026-11-22T10:00:00.5+01:00'],
])('--since %s means %s', (given, expected) => {
  expect(parseSince(given, now)).toBe(expected);
});

test.each(['yesterday', '2026-11-22', '6 h', '2026-13-45T99:00:00Z'])(
  'refuses --since %s with exit code 2',
  (given) => {
    expect(() => parseSince(given, now)).toThrow(expect.objectContaining({ exitCode: 2 }));
  },
);
