import { PassThrough } from 'node:stream';
import { execPerEvent, printEventLine } from '../../../cli/pull/deliver-event';

const event = { specversion: '1.0', id: 'e1', source: '/s', type: 'T', data: { text: 'two\nlines' } };

test('prints an event as exactly one JSON line', async () => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  expect(await printEventLine(out)(event)).toBe(true);
  expect(chunks.join('')).toBe(`${JSON.stringify(event)}\n`);
  expect(chunks.join('').split('\n')).toHaveLength(2);
});

test('--exec hands the event on stdin and its id, type and source in the environment; exit 0 takes it', async () => {
  const script = `let s = ''; process.stdin.on('data', (c) => (s += c)).on('end', () => {
    const e = JSON.parse(s);
    const ok = e.id === 'e1' && process.env.EVENTQ_EVENT_ID === 'e1' && process.env.EVENTQ_EVENT_TYPE === 'T' && process.env.EVENTQ_EVENT_SOURCE === '/s';
    process.exit(ok ? 0 : 1);
  });`;
  const { deliver } = execPerEvent(
    `"${process.execPath}" -e "${script.replace(/"/g, '\\"').replace(/\$/g, '\\$')}"`,
  );
  expect(await deliver(event)).toBe(true);
});

test('--exec refuses the event when the command fails, cannot start, or ignores its stdin and fails', async () => {
  expect(await execPerEvent('exit 3').deliver(event)).toBe(false);
  expect(await execPerEvent('/nonexistent/command 2>/dev/null').deliver(event)).toBe(false);
  expect(await execPerEvent('true').deliver(event)).toBe(true);
});

test('abandon stops commands still running, and their events are refused', async () => {
  const exec = execPerEvent('sleep 30');
  const verdict = exec.deliver(event);
  await new Promise((resolve) => setTimeout(resolve, 200));
  exec.abandon();
  expect(await verdict).toBe(false);
});
