// The README's five-minute tour, run with the real CLI against the local stack:
// create a push queue, list and show it, publish an event, see it arrive, remove it.
import { runCli } from '../support/run-cli';
import { uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;

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
  ]);
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
    '--data',
    '{"deviceUuid":"7f3c"}',
  ]);
  expect(published.stderr).toBe('');
  expect(published.stdout).toMatch(/published message \S+ to eventq-acme/);
  const [delivery] = await receiver.waitForAccepted(1);
  expect(JSON.parse(delivery!.body.toString())).toEqual({ deviceUuid: '7f3c' });
  expect(delivery!.headers['ce-type']).toBe('DEVICE_FIRST_SEEN');

  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(receiver.received.map((d) => d.headers['ce-type'])).toEqual(['DEVICE_FIRST_SEEN']);

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
