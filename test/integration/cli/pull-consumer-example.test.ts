// The TypeScript example of examples/pull-consumer/ consumes a pull queue with
// @google-cloud/pubsub and the credentials document alone: no eventq code, no
// API token, no environment from the stack.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../emulator/repo-root';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { runCli } from '../support/run-cli';
import { closePubsub, stack, uniqueName } from '../support/stack';
import { LongRunning } from './support/long-running';

let consumer: LongRunning | undefined;

afterEach(() => consumer?.kill());
afterAll(async () => {
  await closePubsub();
});

test("the example consumer receives the queue's events with only the credentials document", async () => {
  const root = repoRoot();
  // Type-checks the example as a tenant would compile it, into dist/examples/pull-consumer/.
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      path.join(root, 'examples', 'pull-consumer'),
    ],
    {
      stdio: 'pipe',
    },
  );

  stack();
  const name = uniqueName('example');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'eventq-example-')), 'creds.json');
  const made = await runCli([
    'queues',
    'mk-pull',
    name,
    file,
    '--source',
    `/tests/${name}`,
    '--type',
    'DEVICE_FIRST_SEEN',
  ]);
  expect(made.code).toBe(0);
  await publishRaw('acme', {
    attributes: binaryAttributes({
      'ce-id': `${name}-other`,
      'ce-source': `/tests/${name}`,
      'ce-type': 'DEVICE_OTA_STARTED',
    }),
  });
  await publishRaw('acme', {
    data: '{"deviceUuid":"7f3c"}',
    attributes: binaryAttributes({ 'ce-id': `${name}-1`, 'ce-source': `/tests/${name}` }),
  });

  // Only PATH and HOME: no PUBSUB_EMULATOR_HOST, no EVENTQ_*, nothing from the stack.
  consumer = LongRunning.start(
    [path.join(root, 'dist', 'examples', 'pull-consumer', 'pull-consumer.js'), file],
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
    },
  );
  const [event] = await consumer.waitForLines(1);
  expect(event).toEqual({
    specversion: '1.0',
    id: `${name}-1`,
    source: `/tests/${name}`,
    type: 'DEVICE_FIRST_SEEN',
    time: '2026-11-22T10:00:00.123Z',
    datacontenttype: 'application/json',
    data: { deviceUuid: '7f3c' },
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(consumer.lines).toHaveLength(1);
  expect(await consumer.interrupt()).toBe(0);
  await runCli(['queues', 'rm', name]);
});
