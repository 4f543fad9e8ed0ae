// Pull queues end to end with the real CLI: mk-pull writes the credentials
// document, listen prints matching events as JSON lines and acks them, --exec
// decides the ack, and a listener rides out the network going away and back.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../emulator/repo-root';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { runCli } from '../support/run-cli';
import { closePubsub, stack, uniqueName } from '../support/stack';
import { LongRunning, sleep } from './support/long-running';
import { TcpProxy } from './support/tcp-proxy';

const eventqBin = path.join(repoRoot(), 'bin', 'eventq.js');
let dir: string;
const started: LongRunning[] = [];
const queues: string[] = [];

beforeAll(() => {
  stack();
  dir = mkdtempSync(path.join(os.tmpdir(), 'eventq-pull-'));
});

afterEach(() => {
  for (const process of started.splice(0)) process.kill();
});

afterAll(async () => {
  await Promise.all(queues.map((name) => runCli(['queues', 'rm', name])));
  await closePubsub();
});

/**
 * Every queue here takes only events from its own source: the emulator hands a
 * new subscription messages published before it existed, so other tests' events
 * reach it too (and are acked silently as filtered out).
 */
const sourceOf = (name: string) => `/tests/${name}`;

async function mkPull(name: string, ...flags: string[]): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  queues.push(name);
  const made = await runCli(['queues', 'mk-pull', name, file, '--source', sourceOf(name), ...flags]);
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
  return file;
}

function listen(name: string, file: string, ...flags: string[]): LongRunning {
  const process = LongRunning.start([eventqBin, 'queues', 'listen', name, file, ...flags]);
  started.push(process);
  return process;
}

test('mk-pull writes a 0600 credentials document that says the emulator has no IAM', async () => {
  const name = uniqueName('pull');
  const file = await mkPull(name, '--type', 'DEVICE_FIRST_SEEN');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  expect(doc).toMatchObject({
    type: 'eventq-pull-queue',
    projectId: stack().projectId,
    tenant: 'acme',
    queue: name,
    subscription: `projects/${stack().projectId}/subscriptions/eventq-acme.${name}`,
    filters: [{ any: [{ exact: { type: 'DEVICE_FIRST_SEEN' } }] }, { exact: { source: sourceOf(name) } }],
    emulatorHost: stack().pubsubEmulatorHost,
    access: 'emulator: no IAM, any client can pull',
  });
});

test('listen prints the 20 matching events as 20 JSON lines, and a second listen gets nothing more', async () => {
  const name = uniqueName('pull');
  const file = await mkPull(
    name,
    '--type',
    'DEVICE_FIRST_SEEN',
    '--filter',
    '{"prefix":{"subject":"devices/"}}',
  );
  const ids = Array.from({ length: 20 }, (_, i) => `${name}-match-${i}`);
  await Promise.all([
    ...ids.map((id, i) =>
      publishRaw('acme', {
        data: JSON.stringify({ n: i }),
        attributes: binaryAttributes({
          'ce-id': id,
          'ce-source': sourceOf(name),
          'ce-subject': `devices/${i}`,
        }),
      }),
    ),
    // Neither the type nor the subject filter lets these through.
    ...[0, 1, 2, 3, 4].map((i) =>
      publishRaw('acme', {
        attributes: binaryAttributes({
          'ce-id': `${name}-type-${i}`,
          'ce-source': sourceOf(name),
          'ce-type': 'DEVICE_OTA_STARTED',
          'ce-subject': 'devices/1',
        }),
      }),
    ),
    ...[0, 1, 2, 3, 4].map((i) =>
      publishRaw('acme', {
        attributes: binaryAttributes({
          'ce-id': `${name}-subject-${i}`,
          'ce-source': sourceOf(name),
          'ce-subject': `sites/${i}`,
        }),
      }),
    ),
  ]);

  const first = listen(name, file);
  const lines = await first.waitForLines(20);
  await sleep(1500);
  expect(await first.interrupt()).toBe(0);
  expect(first.lines).toHaveLength(20);
  expect(first.stderr).toBe('');
  expect(new Set(lines.map((l) => l.id))).toEqual(new Set(ids));
  const one = lines.find((l) => l.id === ids[3]);
  expect(one).toEqual({
    specversion: '1.0',
    id: ids[3],
    source: sourceOf(name),
    type: 'DEVICE_FIRST_SEEN',
    subject: 'devices/3',
    time: '2026-11-22T10:00:00.123Z',
    datacontenttype: 'application/json',
    data: { n: 3 },
  });

  const second = listen(name, file);
  await sleep(4000);
  expect(await second.interrupt()).toBe(0);
  expect(second.lines).toEqual([]);
});

test('with --exec, the event whose command fails comes again and the others do not', async () => {
  const name = uniqueName('exec');
  const file = await mkPull(name);
  const log = path.join(dir, `${name}.log`);
  const marker = path.join(dir, `${name}.failed-once`);
  const script = path.join(dir, `${name}.js`);
  // Fails the first time it sees the "bad" event, takes everything else.
  writeFileSync(
    script,
    `const fs = require('node:fs');
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', () => {
  const event = JSON.parse(input);
  fs.appendFileSync(${JSON.stringify(log)}, event.id + ' ' + process.env.EVENTQ_EVENT_ID + '\\n');
  if (event.data.bad && !fs.existsSync(${JSON.stringify(marker)})) {
    fs.writeFileSync(${JSON.stringify(marker)}, '');
    process.exit(3);
  }
});
`,
  );
  const ids = ['a', 'b', 'bad', 'c', 'd'].map((s) => `${name}-${s}`);
  for (const id of ids) {
    await publishRaw('acme', {
      data: JSON.stringify({ bad: id.endsWith('-bad') }),
      attributes: binaryAttributes({ 'ce-id': id, 'ce-source': sourceOf(name) }),
    });
  }

  const listener = listen(name, file, '--exec', `"${process.execPath}" "${script}"`);
  const seen = () => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  };
  const deadline = Date.now() + 60_000;
  while (seen().length < 6 && Date.now() < deadline) await sleep(200);
  await sleep(3000); // time for anything else to come again, if it wrongly would
  expect(await listener.interrupt()).toBe(0);
  expect(listener.lines).toEqual([]); // --exec replaces the JSON lines

  const counts = new Map<string, number>();
  for (const line of seen()) {
    const [fromStdin, fromEnv] = line.split(' ');
    expect(fromEnv).toBe(fromStdin);
    counts.set(fromStdin!, (counts.get(fromStdin!) ?? 0) + 1);
  }
  expect(Object.fromEntries(counts)).toEqual({
    [ids[0]!]: 1,
    [ids[1]!]: 1,
    [ids[2]!]: 2,
    [ids[3]!]: 1,
    [ids[4]!]: 1,
  });
});

test('listen rides out the network to Pub/Sub going away and coming back', async () => {
  const name = uniqueName('outage');
  const file = await mkPull(name);
  const proxy = await TcpProxy.start(stack().pubsubEmulatorHost);
  const viaProxy = path.join(dir, `${name}.proxy.json`);
  writeFileSync(
    viaProxy,
    JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), emulatorHost: proxy.host }),
  );
  const listener = listen(name, viaProxy);
  try {
    await publishRaw('acme', {
      attributes: binaryAttributes({ 'ce-id': `${name}-before`, 'ce-source': sourceOf(name) }),
    });
    await listener.waitForLines(1);

    await proxy.cut();
    await publishRaw('acme', {
      attributes: binaryAttributes({ 'ce-id': `${name}-during`, 'ce-source': sourceOf(name) }),
    });
    await sleep(4000);
    expect(listener.lines).toHaveLength(1);
    await proxy.restore();

    const lines = await listener.waitForLines(2, 90_000);
    expect(lines.map((l) => l.id)).toEqual([`${name}-before`, `${name}-during`]);
    expect(await listener.interrupt()).toBe(0);
  } finally {
    await proxy.close();
  }
});

test('listen refuses a credentials document of another queue, with exit code 2', async () => {
  const name = uniqueName('pull');
  const file = await mkPull(name);
  const result = await runCli(['queues', 'listen', 'another-queue', file]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(new RegExp(`credentials document of queue "${name}"`));
});
