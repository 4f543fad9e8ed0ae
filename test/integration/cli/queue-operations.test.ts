// The queue operations and the event-type catalog through the CLI, against
// the routes the api serves: --json parsed, tables readable, refusals as
// `code: detail` with exit code 1.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli';
import { stack, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let queue: string;

beforeAll(async () => {
  stack();
  receiver = await WebhookReceiver.start();
  queue = uniqueName('ops');
  const made = await runCli(['queues', 'mk-push', queue, receiver.url, '--source', `/tests/${queue}`]);
  expect(made.code).toBe(0);
});

afterAll(async () => {
  await runCli(['queues', 'rm', queue]);
  await receiver.close();
});

test('queues rotate-secret shows the new secret once, and when the old one stops signing', async () => {
  const rotated = await runCli(['--json', 'queues', 'rotate-secret', queue, '--grace', '60']);
  expect(rotated.stderr).toBe('');
  const answer = JSON.parse(rotated.stdout);
  expect(answer.secret).toMatch(/^whsec_/);
  expect(Date.parse(answer.previousSecretExpiresAt)).toBeGreaterThan(Date.now());

  const table = await runCli(['queues', 'rotate-secret', queue]);
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^secret\s+whsec_/m);
});

test("queues test delivers a test event and shows the webhook's answer", async () => {
  const tested = await runCli(['queues', 'test', queue, '--json']);
  expect(tested.code).toBe(0);
  expect(JSON.parse(tested.stdout)).toMatchObject({ status: 200, latencyMs: expect.any(Number) });
  const [delivery] = await receiver.waitForAccepted(1);
  expect(delivery!.headers['ce-type']).toBe('eventq.test');

  const table = await runCli(['queues', 'test', queue]);
  expect(table.stdout).toMatch(/^status\s+200$/m);
});

test('a pull queue has no secret to rotate: the API refuses with code: detail and exit code 1', async () => {
  const name = uniqueName('pullops');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'eventq-ops-')), 'creds.json');
  expect((await runCli(['queues', 'mk-pull', name, file])).code).toBe(0);
  const refused = await runCli(['queues', 'rotate-secret', name]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe('eventq: ERR_VALIDATION: a pull queue has no signing secret\n');
  await runCli(['queues', 'rm', name]);
});

test('event-types lists the catalog as a table, and with --json each type with its schema', async () => {
  const json = await runCli(['event-types', '--json']);
  expect(json.code).toBe(0);
  const types = JSON.parse(json.stdout) as Array<{ type: string; description: string; schema: object }>;
  expect(types.length).toBeGreaterThan(0);
  for (const t of types)
    expect(t).toEqual({
      type: expect.any(String),
      description: expect.any(String),
      schema: expect.any(Object),
    });

  const table = await runCli(['event-types']);
  expect(table.stdout).toMatch(/^TYPE\s+DESCRIPTION\n/);
  expect(table.stdout).toContain(types[0]!.type);
});
