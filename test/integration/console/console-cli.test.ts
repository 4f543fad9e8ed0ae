// `eventq console` against the test stack: it prints a link that opens the
// console once, and refuses what the API refuses with the API's words.
import { runCli } from '../support/run-cli';
import { exchangeCode } from './portal-session-link';

test('eventq console prints a one-time manage link for the first tenant', async () => {
  const result = await runCli(['console']);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  const url = new URL(result.stdout.split('\n')[0]!);
  expect(url.pathname).toBe('/console/');
  expect(result.stdout).toMatch(/manage session, until .*; the link works once/);
  const code = url.hash.replace('#code=', '');
  expect((await exchangeCode(code)).body).toMatchObject({ tenant: 'acme', access: 'manage' });
  expect((await exchangeCode(code)).status).toBe(401);
});

test('eventq --json console --read --ttl 120 answers a read link that ends in two minutes', async () => {
  const before = Date.now();
  const result = await runCli(['--json', 'console', '--read', '--ttl', '120']);
  expect(result.code).toBe(0);
  const answer = JSON.parse(result.stdout) as { url: string; access: string; expiresAt: string };
  expect(answer.access).toBe('read');
  expect(Date.parse(answer.expiresAt) - before).toBeGreaterThan(110_000);
  expect(Date.parse(answer.expiresAt) - before).toBeLessThan(130_000);
});

test.each([
  [['console', '--ttl', '5'], 1, /ERR_VALIDATION: .*ttlSeconds/],
  [['console', '--ttl', 'soon'], 2, /whole number of seconds/],
])('eventq %j exits %i', async (args, code, message) => {
  const result = await runCli(args);
  expect(result.code).toBe(code);
  expect(result.stderr).toMatch(message);
});
