// `eventq filters test` and `eventq events route` as a user runs them, against
// the stack's api: tables for people, --json for scripts, the event inline or
// from a file, and a bad filter refused as `code: detail` with exit code 1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli';
import { stack, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let eventFile: string;
const event = {
  specversion: '1.0',
  id: 'cli-1',
  source: '/devices',
  type: 'DEVICE_FIRST_SEEN',
  subject: '/devices/42',
};

beforeAll(async () => {
  stack();
  receiver = await WebhookReceiver.start();
  eventFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'eventq-cli-')), 'event.json');
  writeFileSync(eventFile, JSON.stringify(event));
});

afterAll(async () => {
  await receiver.close();
});

test('filters test says whether the filters take the event, in a table and as JSON', async () => {
  const table = await runCli([
    'filters',
    'test',
    '--event',
    `@${eventFile}`,
    '--sql',
    "subject LIKE '/devices/%'",
  ]);
  expect(table).toMatchObject({ code: 0, stderr: '' });
  expect(table.stdout).toMatch(/^matches\s+yes$/m);

  const refused = await runCli([
    '--json',
    'filters',
    'test',
    '--event',
    JSON.stringify(event),
    '--filter',
    '{"prefix":{"subject":"/devices/"}}',
    '--sql',
    "region = 'eu'",
  ]);
  expect(refused.code).toBe(0);
  expect(JSON.parse(refused.stdout)).toEqual({
    matches: false,
    refusedBy: 'filters[1]',
    errors: [
      { filter: 'filters[1].sql', kind: 'missingAttribute', detail: 'the event has no attribute "region"' },
    ],
  });

  const errors = await runCli(['filters', 'test', '--event', `@${eventFile}`, '--sql', "region = 'eu'"]);
  expect(errors.stdout).toMatch(/^matches\s+no$/m);
  expect(errors.stdout).toMatch(
    /^filters\[0\]\.sql\s+missingAttribute\s+the event has no attribute "region"$/m,
  );
});

test('filters test refuses an expression that does not parse, with its position', async () => {
  const bad = await runCli(['filters', 'test', '--event', `@${eventFile}`, '--sql', 'subject LIKE']);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(
    /ERR_VALIDATION: filters\[0\]\.sql: not valid CloudEvents SQL: .* at position 13/,
  );
  const noJson = await runCli(['filters', 'test', '--event', '{nope', '--sql', 'true']);
  expect(noJson.code).toBe(2);
});

test('events route lists which queues would receive the event and why not', async () => {
  const takes = uniqueName('cli-route-yes');
  const refuses = uniqueName('cli-route-no');
  for (const [name, filter] of [
    [takes, "subject = '/devices/42'"],
    [refuses, "subject = '/devices/7'"],
  ] as const) {
    const made = await runCli([
      'queues',
      'mk-push',
      name,
      receiver.url,
      '--filter',
      JSON.stringify({ sql: filter }),
    ]);
    expect(made.code).toBe(0);
  }
  try {
    const table = await runCli(['events', 'route', '--event', `@${eventFile}`]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+RECEIVES\s+REASON$/m);
    expect(table.stdout).toMatch(new RegExp(`^${takes}\\s+yes$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^${refuses}\\s+no\\s+filters\\[0\\] refused it$`, 'm'));
    const json = JSON.parse(
      (await runCli(['--json', 'events', 'route', '--event', JSON.stringify(event)])).stdout,
    );
    expect(json).toEqual(expect.arrayContaining([{ name: takes, matches: true }]));
  } finally {
    await Promise.all([runCli(['queues', 'rm', takes]), runCli(['queues', 'rm', refuses])]);
  }
});
