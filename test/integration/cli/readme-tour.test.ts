// The README's five-minute tour, run with the real CLI against the local stack:
// create a push queue, list and show it, publish an event, see it arrive, remove it.
import { runCli } from '../support/run-cli';
import { uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
const DEVICE = '6c4f8a9e-0b1d-4f53-9a7e-2f1c3d4b5a60';

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});

afterAll(async () => {
  await receiver.close();
});

test('mk-push, ls, show, publish and rm work as the README says', async () => {
  const name = uniqueName('tour');
  // Its own source, so that events other tests publish to acme meanwhile do not reach this queue.
  const source = `/tests/${name}`;
  const mineId = `tour-${name}`;
  const otherId = `tour-other-${name}`;
  const made = await runCli([
    'queues',
    'mk-push',
    name,
    receiver.url,
    '--type',
    'DEVICE_FIRST_SEEN',
    '--source',
    source,
  ]);
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
  expect(made.stdout).toMatch(/secret\s+whsec_/);

  const listed = await runCli(['--json', 'queues', 'ls']);
  expect(listed.code).toBe(0);
  const queues = JSON.parse(listed.stdout) as Array<{ name: string; types: string[]; secret?: string }>;
  const mine = queues.find((q) => q.name === name);
  expect(mine?.types).toEqual(['DEVICE_FIRST_SEEN']);
  expect(mine?.secret).toBeUndefined();

  const shown = await runCli(['queues', 'show', name]);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toContain(receiver.url);

  // An event of another type first: the queue's types filter it out.
  const other = await runCli([
    'publish',
    '--tenant',
    'acme',
    '--type',
    'DEVICE_OTA_STARTED',
    '--source',
    source,
    '--id',
    otherId,
    '--data',
    `{"deviceUuid":"${DEVICE}","correlationId":"c-1","target":"v2"}`,
  ]);
  expect(other.stderr).toBe('');
  expect(other.code).toBe(0);
  const published = await runCli([
    'publish',
    '--tenant',
    'acme',
    '--type',
    'DEVICE_FIRST_SEEN',
    '--source',
    source,
    '--subject',
    'devices/7f3c',
    '--id',
    mineId,
    '--data',
    `{"deviceUuid":"${DEVICE}"}`,
  ]);
  expect(published.stderr).toBe('');
  expect(published.stdout).toMatch(/published message \S+ to eventq-acme/);
  // Other tests publish to acme too: this test's events are told apart by id.
  await receiver.waitUntil((r) => r.accepted().some((d) => d.headers['ce-id'] === mineId));
  const delivery = receiver.accepted().find((d) => d.headers['ce-id'] === mineId)!;
  expect(JSON.parse(delivery.body.toString())).toEqual({ deviceUuid: DEVICE });
  expect(delivery.headers['ce-type']).toBe('DEVICE_FIRST_SEEN');

  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(receiver.received.some((d) => d.headers['ce-id'] === otherId)).toBe(false);

  const removed = await runCli(['queues', 'rm', name]);
  expect(removed.code).toBe(0);
  const gone = await runCli(['queues', 'show', name]);
  expect(gone.code).toBe(1);
  expect(gone.stderr).toMatch(/ERR_NOT_FOUND: /);
});

test('an invalid event is refused before it is published, with a clear error and exit code 2', async () => {
  const result = await runCli(['publish', '--tenant', 'acme', '--type', 'X', '--source', 'has spaces']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/ERR_INVALID_CLOUDEVENT: .*source/);
});

test('without any API configured the CLI says how to configure one, with exit code 3', async () => {
  const result = await runCli(['queues', 'ls'], { EVENTQ_STACK_FILE: '/nonexistent/stack.json' });
  expect(result.code).toBe(3);
  expect(result.stderr).toMatch(/EVENTQ_API_URL/);
});
