// The queue operations and the event-type catalog through the CLI, against
// the routes the api serves: --json parsed, tables readable, refusals as
// `code: detail` with exit code 1.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { publishDeviceEvent, runCli } from '../support/run-cli';
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
  const types = JSON.parse(json.stdout) as Array<{
    type: string;
    description: string;
    schema: object;
    category?: string;
  }>;
  expect(types.length).toBeGreaterThan(0);
  for (const t of types)
    expect(t).toEqual({
      type: expect.any(String),
      description: expect.any(String),
      schema: expect.any(Object),
      // eventq's own operational types say so; the operator's catalog has no category.
      ...(t.category === undefined ? {} : { category: 'operational' }),
    });
  expect(types.some((t) => t.category === 'operational')).toBe(true);

  const table = await runCli(['event-types']);
  expect(table.stdout).toMatch(/^TYPE\s+CATEGORY\s+DESCRIPTION\n/);
  expect(table.stdout).toContain(types[0]!.type);
});

/** A tenant of its own, so that no other test's events reach its queues. */
async function freshTenantToken(): Promise<{ id: string; token: string }> {
  const result = await runCli(['tenants', 'create', uniqueName('ops'), '--json']);
  expect(result.code).toBe(0);
  const { tenant, token } = JSON.parse(result.stdout);
  return { id: tenant, token };
}

const DEVICE_DATA = '{"deviceUuid":"7f3c0a52-1d2e-4b8f-9a61-3c5d2e8f0b41"}';

test('queues replay delivers an acked event again, with the same webhook-id', async () => {
  const { id: tenantId, token } = await freshTenantToken();
  const sink = await WebhookReceiver.start();
  const name = uniqueName('replay');
  try {
    expect((await runCli(['--token', token, 'queues', 'mk-push', name, sink.url])).code).toBe(0);
    const published = await publishDeviceEvent(tenantId, '/devices/1', DEVICE_DATA);
    expect(published.code).toBe(0);
    const [first] = await sink.waitForAccepted(1);

    const replayed = await runCli(['--token', token, '--json', 'queues', 'replay', name, '--since', '10m']);
    expect(replayed.stderr).toBe('');
    const answer = JSON.parse(replayed.stdout);
    expect(answer.queue).toBe(name);
    expect(Date.now() - Date.parse(answer.since)).toBeGreaterThanOrEqual(10 * 60_000 - 5_000);

    const deliveries = await sink.waitForAccepted(2, 60_000);
    expect(deliveries[1]!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
  } finally {
    await runCli(['--token', token, 'queues', 'rm', name]);
    await sink.close();
  }
});

test('queues failures lists what the sink refused, and stats counts it', async () => {
  const { id: tenantId, token } = await freshTenantToken();
  // Grants the handshake, then refuses every delivery, with an answer that tries to clear the screen.
  const sink = await WebhookReceiver.start({ responder: () => 503, answerBody: 'busy \u001b[2J\u001b[H' });
  const name = uniqueName('failing');
  try {
    expect((await runCli(['--token', token, 'queues', 'mk-push', name, sink.url])).code).toBe(0);
    const eventId = `${name}-evt`;
    const published = await publishDeviceEvent(tenantId, '/devices/1', DEVICE_DATA, { id: eventId });
    expect(published.code).toBe(0);

    let failures: Array<Record<string, unknown>> = [];
    const deadline = Date.now() + 60_000;
    while (failures.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const listed = await runCli(['--token', token, '--json', 'queues', 'failures', name, '--limit', '10']);
      expect(listed.code).toBe(0);
      failures = JSON.parse(listed.stdout).failures;
    }
    expect(failures[0]).toMatchObject({ eventId, type: 'DEVICE_FIRST_SEEN', status: 503 });

    const table = await runCli(['--token', token, 'queues', 'failures', name]);
    expect(table.stdout).toMatch(/^TIME\s+EVENTID\s+TYPE\s+STATUS\s+ERROR\n/);
    expect(table.stdout).toContain(eventId);
    // The sink's escape sequence is shown, not obeyed.
    expect(table.stdout).not.toContain('\u001b');
    expect(table.stdout).toContain('busy \\x1b[2J\\x1b[H');

    const stats = await runCli(['--token', token, '--json', 'queues', 'stats', name]);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toEqual(
      expect.objectContaining({
        delivered: expect.any(Number),
        failedAttempts: expect.any(Number),
        deadLettered: expect.any(Number),
        filteredOut: expect.any(Number),
        buckets: expect.any(Array),
      }),
    );
    // The totals, then the hours of the span (2 h back: 2 or 3 hour buckets) that counted anything.
    const hours = await runCli(['--token', token, 'queues', 'stats', name, '--since', '2h']);
    expect(hours.code).toBe(0);
    expect(hours.stdout).toMatch(/failedAttempts/i);
    expect(hours.stdout).toMatch(/\n[0-3] of [23] hours counted deliveries:\n/);
    expect((await runCli(['--token', token, 'queues', 'stats', name, '--since', '8d'])).stderr).toContain(
      'at most 7 days',
    );
  } finally {
    await runCli(['--token', token, 'queues', 'rm', name]);
    await sink.close();
  }
});

test('queues redrive moves nothing when the queue has no dead letters, and says so', async () => {
  const redriven = await runCli(['--json', 'queues', 'redrive', queue]);
  expect(redriven.stderr).toBe('');
  expect(JSON.parse(redriven.stdout)).toEqual({ queue, redriven: 0, skippedInvalid: 0 });
  const table = await runCli(['queues', 'redrive', queue]);
  expect(table.stdout).toMatch(/^redriven\s+0$/m);
});
