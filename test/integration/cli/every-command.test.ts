// Every eventq command once, as scripts use it: --json parsed, errors with
// their documented exit codes, and --help that is readable and has an example.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../../cli/eventq';
import { freePort } from '../../../emulator/free-port';
import { repoRoot } from '../../../emulator/repo-root';
import { publishDeviceEvent, runCli } from '../support/run-cli';
import { callApi, closePubsub, pubsub, stack, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import { LongRunning, sleep } from './support/long-running';

let receiver: WebhookReceiver;

beforeAll(async () => {
  stack();
  receiver = await WebhookReceiver.start();
});

afterAll(async () => {
  await receiver.close();
  await closePubsub();
});

function allCommands(command: Command, prefix: string[] = []): string[][] {
  return command.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => [[...prefix, c.name()], ...allCommands(c, [...prefix, c.name()])]);
}

test("eventq --help and every command's --help are readable and show an example", async () => {
  const commands = [[], ...allCommands(buildProgram())];
  expect(commands.map((c) => c.join(' '))).toEqual(
    expect.arrayContaining([
      'queues mk-push',
      'queues mk-pull',
      'queues listen',
      'queues ls',
      'queues show',
      'queues rm',
      'queues rotate-secret',
      'queues test',
      'queues replay',
      'queues redrive',
      'queues failures',
      'queues stats',
      'queues events',
      'queues event',
      'queues resend',
      'event-types',
      'publish',
      'tenants create',
      'filters test',
      'events route',
    ]),
  );
  const results = await Promise.all(commands.map((c) => runCli([...c, '--help'])));
  results.forEach((result, i) => {
    const where = `eventq ${commands[i]!.join(' ')} --help`;
    expect({ where, code: result.code, stderr: result.stderr }).toEqual({ where, code: 0, stderr: '' });
    expect({ where, usage: result.stdout.startsWith('Usage: eventq') }).toEqual({ where, usage: true });
    expect({ where, example: /Examples?:\n {2}\$ eventq /.test(result.stdout) }).toEqual({
      where,
      example: true,
    });
  });
  expect(results[0]!.stdout).toMatch(/Exit codes:\n {2}0 {2}ok\n {2}1 .*\n {2}2 .*\n {2}3 /);
});

test('queues mk-push, show, ls and rm print JSON that scripts can parse', async () => {
  const name = uniqueName('json');
  const made = await runCli(['--json', 'queues', 'mk-push', name, receiver.url, '--source', '/devices/7f3c']);
  expect(made.code).toBe(0);
  const created = JSON.parse(made.stdout);
  expect(created).toMatchObject({ name, kind: 'push', sink: receiver.url, source: '/devices/7f3c' });
  expect(created.secret).toMatch(/^whsec_/);

  const shown = JSON.parse((await runCli(['queues', 'show', name, '--json'])).stdout);
  expect(shown).toMatchObject({ name, kind: 'push', status: 'active' });
  expect(shown.secret).toBeUndefined();

  const listed = JSON.parse((await runCli(['queues', 'ls', '--json'])).stdout) as Array<{ name: string }>;
  expect(listed.map((q) => q.name)).toContain(name);

  const table = await runCli(['queues', 'ls']);
  expect(table.stdout).toMatch(/^NAME\s+KIND\s+STATUS\s+SINK\s+TYPES\n/);
  expect(table.stdout).toMatch(new RegExp(`^${name}\\s+push\\s+active\\s+${receiver.url}`, 'm'));

  const removed = await runCli(['queues', 'rm', name, '--json']);
  expect(JSON.parse(removed.stdout)).toEqual({ deleted: name });
});

test('queues mk-pull --json answers with the queue and its credentials; a bad principal is an API error with exit code 1', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventq-cli-'));
  const name = uniqueName('pulljson');
  const made = await runCli([
    '--json',
    'queues',
    'mk-pull',
    name,
    path.join(dir, 'creds.json'),
    '--principal',
    'serviceAccount:puller@tenant-project.iam.gserviceaccount.com',
  ]);
  expect(made.stderr).toBe('');
  const answer = JSON.parse(made.stdout);
  expect(answer).toMatchObject({
    name,
    kind: 'pull',
    credentials: { type: 'eventq-pull-queue', queue: name },
  });
  // The emulator answers UNIMPLEMENTED to IAM calls: reported, not hidden.
  expect(answer.credentials.access).toBe('emulator: no IAM, any client can pull');

  const refused = await runCli([
    'queues',
    'mk-pull',
    uniqueName('pull'),
    path.join(dir, 'refused.json'),
    '--principal',
    'everyone',
  ]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^eventq: ERR_VALIDATION: principal/m);
  // Nothing was created, so no credentials document is left behind.
  expect(existsSync(path.join(dir, 'refused.json'))).toBe(false);
  await runCli(['queues', 'rm', name]);
});

/** A tenant of its own: its topic has no other test's events, and other tests see none of its events. */
async function freshTenant(): Promise<{ id: string; token: string; topic: string }> {
  const id = uniqueName('tenant');
  const result = await runCli(['tenants', 'create', id, '--json']);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  return { id, ...JSON.parse(result.stdout) };
}

test("tenants create makes the tenant's topics and a token that works, and refuses a bad id with exit code 2", async () => {
  const created = await freshTenant();
  expect(created).toEqual({
    id: created.id,
    tenant: created.id,
    topic: `projects/${stack().projectId}/topics/eventq-${created.id}`,
    token: expect.stringMatching(/^eqt_/),
  });
  const [topicExists] = await pubsub().topic(`eventq-${created.id}`).exists();
  const [deadLettersExist] = await pubsub().subscription(`eventq-${created.id}-dead`).exists();
  expect([topicExists, deadLettersExist]).toEqual([true, true]);
  // The new tenant's token works and sees none of acme's queues.
  const listed = await runCli(['--token', created.token, '--json', 'queues', 'ls']);
  expect(listed.code).toBe(0);
  expect(JSON.parse(listed.stdout)).toEqual([]);
  expect((await callApi('GET', '/v1/queues', { token: created.token })).status).toBe(200);

  const human = await runCli(['tenants', 'create', uniqueName('tenant')]);
  expect(human.stdout).toMatch(/^token\s+eqt_\S+\n\(the token is shown only now: keep it\)\n$/m);

  const bad = await runCli(['tenants', 'create', 'Not_A_Tenant']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/tenant id/);
});

test('publish --json answers with the message id, and dev-receiver prints the delivery with its signature checked', async () => {
  const { id: tenantId, token } = await freshTenant();
  const bin = path.join(repoRoot(), 'bin', 'eventq.js');
  const port = await freePort();
  const name = uniqueName('dev');
  const waitListening = async (receiver: LongRunning) => {
    const deadline = Date.now() + 20_000;
    while (!receiver.stderr.includes('listening') && Date.now() < deadline) await sleep(100);
  };
  const dev = LongRunning.start([bin, 'dev-receiver', '--port', String(port)]);
  let checking: LongRunning | undefined;
  try {
    await waitListening(dev);
    const made = await runCli([
      '--token',
      token,
      '--json',
      'queues',
      'mk-push',
      name,
      `http://127.0.0.1:${port}/hook`,
    ]);
    expect(made.code).toBe(0);
    expect(dev.stderr).toMatch(/validation handshake from \S+: granted/);
    const { secret } = JSON.parse(made.stdout);
    // Restarted with the secret, as the README says, it checks every signature.
    expect(await dev.interrupt()).toBe(0);
    // With --verify-token it checks the bearer JWT too, as the README tells receivers to: sub is the queue.
    const queueSub = `${tenantId}/${name}`;
    checking = LongRunning.start([
      bin,
      'dev-receiver',
      '--port',
      String(port),
      '--secret',
      secret,
      '--verify-token',
      '--sub',
      queueSub,
    ]);
    await waitListening(checking);

    const published = await publishDeviceEvent(
      tenantId,
      '/devices/1',
      '{"deviceUuid":"7f3c0a52-1d2e-4b8f-9a61-3c5d2e8f0b41"}',
      { json: true },
    );
    expect(published.code).toBe(0);
    expect(JSON.parse(published.stdout)).toEqual({
      messageId: expect.any(String),
      topic: `eventq-${tenantId}`,
    });

    const [line] = await checking.waitForLines(1);
    expect(line).toMatchObject({
      webhookId: expect.stringMatching(/^msg_/),
      signatureValid: true,
      tokenValid: true,
      tokenSubject: queueSub,
      attributes: { type: 'DEVICE_FIRST_SEEN', source: '/devices/1' },
      // JSON data is printed as JSON, not as an escaped string.
      data: { deviceUuid: '7f3c0a52-1d2e-4b8f-9a61-3c5d2e8f0b41' },
    });
    expect(await checking.interrupt()).toBe(0);

    // A receiver that expects another queue refuses this one's token, and says whose it was.
    checking = LongRunning.start([
      bin,
      'dev-receiver',
      '--port',
      String(port),
      '--verify-token',
      '--sub',
      `${tenantId}/someone-else`,
    ]);
    await waitListening(checking);
    const again = await publishDeviceEvent(
      tenantId,
      '/devices/2',
      '{"deviceUuid":"7f3c0a52-1d2e-4b8f-9a61-3c5d2e8f0b42"}',
    );
    expect(again.code).toBe(0);
    const [refused] = await checking.waitForLines(1);
    expect(refused).toMatchObject({
      tokenValid: false,
      tokenSubject: queueSub,
      tokenProblem: expect.stringMatching(/"sub"/),
    });
    expect(await checking.interrupt()).toBe(0);
  } finally {
    dev.kill();
    checking?.kill();
  }
});

test('mk-push --signature v1a prints the public key, and dev-receiver --public-key checks the Ed25519 signature', async () => {
  const { id: tenantId, token } = await freshTenant();
  const bin = path.join(repoRoot(), 'bin', 'eventq.js');
  const port = await freePort();
  const dev = LongRunning.start([bin, 'dev-receiver', '--port', String(port)]);
  let checking: LongRunning | undefined;
  try {
    while (!dev.stderr.includes('listening')) await sleep(100);
    const made = await runCli([
      '--token',
      token,
      'queues',
      'mk-push',
      uniqueName('ed'),
      `http://127.0.0.1:${port}/hook`,
      '--signature',
      'v1a',
    ]);
    expect(made.code).toBe(0);
    expect(made.stdout).not.toMatch(/whsec_|whsk_/);
    const publicKey = /publicKey\s+(whpk_\S+)/.exec(made.stdout)?.[1];
    expect(publicKey).toBeDefined();
    expect(await dev.interrupt()).toBe(0);
    const bad = await runCli(['dev-receiver', '--port', String(port), '--public-key', 'whpk_AAAA']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--public-key must be a whpk_ key/);
    checking = LongRunning.start([bin, 'dev-receiver', '--port', String(port), '--public-key', publicKey!]);
    while (!checking.stderr.includes('listening')) await sleep(100);
    const published = await publishDeviceEvent(
      tenantId,
      '/devices/1',
      '{"deviceUuid":"7f3c0a52-1d2e-4b8f-9a61-3c5d2e8f0b41"}',
    );
    expect(published.code).toBe(0);
    const [line] = await checking.waitForLines(1);
    expect(line).toMatchObject({
      signatureValid: true,
      data: { deviceUuid: '7f3c0a52-1d2e-4b8f-9a61-3c5d2e8f0b41' },
    });
    expect(await checking.interrupt()).toBe(0);
  } finally {
    dev.kill();
    checking?.kill();
  }
});

test('an API error prints code: detail and exits 1; a bad flag value exits 2', async () => {
  const missing = await runCli(['queues', 'stats', uniqueName('missing')]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/^eventq: ERR_NOT_FOUND: /m);

  const badSince = await runCli(['queues', 'replay', 'orders', '--since', 'last tuesday']);
  expect(badSince.code).toBe(2);
  expect(badSince.stderr).toMatch(/--since must be an RFC 3339 time/);

  const unknown = await runCli(['queues', 'frobnicate']);
  expect(unknown.code).toBe(2);
});
