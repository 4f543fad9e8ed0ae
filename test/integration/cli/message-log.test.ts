// `eventq queues events | event | resend` against the api and the Firestore
// emulator: tables for people (a sink's answer with escape sequences shown
// escaped), --json for scripts, refusals as `code: detail` with exit code 1.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli';
import { closeTestFirestore, deleteLogOf, seedLog } from '../support/seed-log';
import { uniqueName } from '../support/stack';

const T0 = Date.now() - 3_600_000;
let queue: string;
let delivered: string;
let failing: string;
let large: string;

beforeAll(async () => {
  queue = uniqueName('cli-log');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'eventq-log-')), 'creds.json');
  expect((await runCli(['queues', 'mk-pull', queue, file])).code).toBe(0);
  const source = `/tests/${queue}`;
  [delivered, failing, large] = (await seedLog([
    { queue, id: 'e-1', source, subject: '/devices/7f3c', publishTimeMs: T0, data: { n: 1 } },
    {
      queue,
      id: 'e-2',
      source,
      type: 'DEVICE_OTA_STARTED',
      publishTimeMs: T0 + 60_000,
      status: 'failing',
      attempts: [
        {
          atMs: T0 + 60_100,
          attempt: 1,
          status: 500,
          latencyMs: 9,
          responseExcerpt: '\u001b[2J\u001b]0;pwned\u0007oops',
        },
      ],
    },
    { queue, id: 'e-3', source, publishTimeMs: T0 + 120_000, data: { big: true }, dataSize: 100_000 },
  ])) as [string, string, string];
});

afterAll(async () => {
  await deleteLogOf('acme', [queue]);
  await runCli(['queues', 'rm', queue]);
  await closeTestFirestore();
});

test('queues events prints the log newest first as a table, and as JSON with --json', async () => {
  const table = await runCli(['queues', 'events', queue]);
  expect(table.stderr).toBe('');
  const lines = table.stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^PUBLISHTIME\s+STATUS\s+TYPE\s+SUBJECT\s+ATTEMPTS\s+LAST\s+WEBHOOKID$/);
  expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(['delivered', 'failing', 'delivered']);
  expect(lines[2]).toContain(failing);

  const json = await runCli(['--json', 'queues', 'events', queue, '--status', 'failing', '--since', '2h']);
  expect(JSON.parse(json.stdout).events.map((e: { webhookId: string }) => e.webhookId)).toEqual([failing]);
  const bySubject = await runCli(['--json', 'queues', 'events', queue, '--subject', '/devices/*']);
  expect(JSON.parse(bySubject.stdout).events.map((e: { id: string }) => e.id)).toEqual(['e-1']);
});

test("queues event shows the attempts with a sink's escape sequences escaped, and the event", async () => {
  const shown = await runCli(['queues', 'event', queue, failing]);
  expect(shown.code).toBe(0);
  expect(shown.stdout).not.toContain('\u001b');
  expect(shown.stdout).not.toContain('\u0007');
  expect(shown.stdout).toContain('\\x1b[2J\\x1b]0;pwned\\x07oops');
  expect(shown.stdout).toMatch(/^status\s+failing$/m);

  const json = JSON.parse((await runCli(['--json', 'queues', 'event', queue, delivered])).stdout);
  expect(json.event).toMatchObject({ id: 'e-1', data: { n: 1 } });
  expect(json.attempts).toHaveLength(1);
});

test('queues resend queues the event again; one whose data the log did not keep is refused, pointing to replay', async () => {
  const resent = await runCli(['--json', 'queues', 'resend', queue, delivered]);
  expect(resent.stderr).toBe('');
  expect(JSON.parse(resent.stdout)).toEqual({ webhookId: delivered });

  const refused = await runCli(['queues', 'resend', queue, large]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^eventq: ERR_CONFLICT: the event's data \(100000 bytes\) .*:replay/);
});

test('an entry that does not exist is a 404 with exit code 1', async () => {
  const missing = await runCli(['queues', 'event', queue, 'msg_doesnotexist0000000000000']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/^eventq: ERR_NOT_FOUND: no event with webhook-id/);
});
