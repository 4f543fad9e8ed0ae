import { listenStatus } from '../../../cli/pull/listen-status';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream,
  };
}

const counts = { delivered: 2, failed: 1, filteredOut: 3, invalid: 0 };

test('keeps stderr silent when it is not a terminal, except for warnings', () => {
  const { written, stream: s } = stream(false);
  const status = listenStatus(s);
  status.say('listening');
  status.update(counts);
  status.warn('eventq: something odd');
  status.end();
  expect(written).toEqual(['eventq: something odd\n']);
});

test('on a terminal, rewrites one counts line in place and keeps other lines above it', () => {
  const { written, stream: s } = stream(true);
  const status = listenStatus(s);
  status.say('listening');
  status.update(counts);
  status.warn('eventq: something odd');
  status.update(counts);
  status.end();
  expect(written).toEqual([
    'listening\n',
    '\r\x1b[2Kdelivered 2 · failed 1 · filtered out 3 · invalid 0',
    '\r\x1b[2Keventq: something odd\n',
    '\r\x1b[2Kdelivered 2 · failed 1 · filtered out 3 · invalid 0',
    '\n',
  ]);
});
