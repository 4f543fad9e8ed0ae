// The audit trail and the ops stream of API actions, against the emulators:
// one queue taken through created → updated → secret rotated → paused →
// resumed → deleted. Its ops subscription receives those six events in that
// order, each naming the acting token's id and none holding a secret; GET
// /v1/audit lists each action's request and completion linked by parent, a
// refused call as failed with its code; another tenant sees none of it; no
// route changes or deletes an entry; `eventq audit` shows the same.
import { tokenIdOf } from '../../../functions/src/store/token-store';
import { runCli } from '../support/run-cli';
import { callApi, closePubsub, tenant, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import { type OpsSubscription, opsSubscription, pullOps } from './ops-topic';

jest.setTimeout(120_000);

interface Entry {
  id: string;
  type: string;
  actor: string;
  actorLabel: string;
  resource: string;
  outcome?: 'completed' | 'failed';
  parent?: string;
  detail?: Record<string, unknown>;
}

let receiver: WebhookReceiver;
let subscription: OpsSubscription;
const queue = uniqueName('audit');
const acmeTokenId = () => tokenIdOf(tenant('acme').token);

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  subscription = await opsSubscription('acme', queue);
  const steps: [string, string, unknown?][] = [
    ['POST', '/v1/queues', { name: queue, kind: 'push', sink: receiver.url }],
    ['PATCH', `/v1/queues/${queue}`, { types: ['DEVICE_FIRST_SEEN'] }],
    ['POST', `/v1/queues/${queue}:rotate-secret`, undefined],
    ['PATCH', `/v1/queues/${queue}`, { status: 'paused' }],
    ['PATCH', `/v1/queues/${queue}`, { status: 'active' }],
  ];
  for (const [method, path, body] of steps) {
    const answer = await callApi(method, path, body === undefined ? {} : { body });
    expect([method, path, answer.status]).toEqual([
      method,
      path,
      method === 'POST' && path === '/v1/queues' ? 201 : 200,
    ]);
  }
  // A call that fails: refused by the schema, after its request was recorded.
  expect((await callApi('PATCH', `/v1/queues/${queue}`, { body: { status: 'disabled' } })).status).toBe(422);
  expect((await callApi('DELETE', `/v1/queues/${queue}`)).status).toBe(204);
});

afterAll(async () => {
  await Promise.all([receiver?.close(), closePubsub()]);
});

const trail = async (query: string, token?: string) => {
  const answer = await callApi<{ entries: Entry[]; nextPageToken?: string }>('GET', `/v1/audit?${query}`, {
    ...(token ? { token } : {}),
  });
  expect(answer.status).toBe(200);
  return answer.body;
};

test('the ops subscription receives the six events in order, with the token id as actor and no secret', async () => {
  const messages = await pullOps(subscription, 6);
  expect(messages.map((m) => m.attributes['ce-type'])).toEqual([
    'io.eventq.queue.created',
    'io.eventq.queue.updated',
    'io.eventq.queue.secret.rotated',
    'io.eventq.queue.paused',
    'io.eventq.queue.resumed',
    'io.eventq.queue.deleted',
  ]);
  for (const m of messages) {
    expect(m.attributes['ce-actor']).toBe(acmeTokenId());
    expect(m.attributes['ce-subject']).toBe(queue);
    expect(JSON.stringify(m)).not.toContain('whsec_');
    expect(JSON.stringify(m)).not.toContain(tenant('acme').token);
  }
  // Each event's causationid is the audit entry of its completion.
  const { entries } = await trail(`resource=${queue}&limit=200`);
  const completed = new Set(entries.filter((e) => e.outcome === 'completed').map((e) => e.id));
  for (const m of messages) expect(completed.has(m.attributes['ce-causationid']!)).toBe(true);
});

test('GET /v1/audit?resource= lists each action as a request and its completion, linked by parent', async () => {
  const { entries } = await trail(`resource=${queue}&limit=200`);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const outcomes = entries.filter(
    (e) =>
      e.outcome !== undefined && !e.type.startsWith('queue.stats') && !e.type.startsWith('queue.failures'),
  );
  // Newest first: the DELETE's outcome leads.
  expect(outcomes.map((e) => `${e.type}:${e.outcome}`).reverse()).toEqual([
    'queue.created:completed',
    'queue.updated:completed',
    'queue.secret.rotated:completed',
    'queue.paused:completed',
    'queue.resumed:completed',
    'queue.updated:failed',
    'queue.deleted:completed',
  ]);
  for (const outcome of outcomes) {
    const requested = byId.get(outcome.parent!);
    expect(requested).toEqual(expect.objectContaining({ type: outcome.type, resource: queue }));
    expect(requested!.outcome).toBeUndefined();
    expect(requested!.actor).toBe(acmeTokenId());
  }
  const failed = outcomes.find((e) => e.outcome === 'failed')!;
  expect(failed.detail).toEqual({ code: 'ERR_VALIDATION', status: 422 });
  // The DELETE's further actions hang off its request.
  const deleteRequest = outcomes.find((e) => e.type === 'queue.deleted')!.parent;
  expect(
    entries
      .filter((e) => e.parent === deleteRequest)
      .map((e) => e.type)
      .sort(),
  ).toEqual(['queue.deleted', 'queue.failures.deleted', 'queue.stats.deleted']);
  expect(JSON.stringify(entries)).not.toContain('whsec_');
  expect(JSON.stringify(entries)).not.toContain(tenant('acme').token);
});

test('pages are newest first, without overlap, and a forged page token is a 400', async () => {
  const first = await trail(`resource=${queue}&limit=3`);
  expect(first.entries).toHaveLength(3);
  const second = await trail(`resource=${queue}&limit=3&pageToken=${first.nextPageToken}`);
  expect(second.entries.map((e) => e.id).filter((id) => first.entries.some((f) => f.id === id))).toEqual([]);
  const ids = [...first.entries, ...second.entries].map((e) => e.id);
  expect([...ids].sort().reverse()).toEqual(ids);
  const forged = await callApi(
    'GET',
    `/v1/audit?pageToken=${Buffer.from('{"t":1,"id":"../x"}').toString('base64url')}`,
  );
  expect(forged.status).toBe(400);
  expect(forged.body.code).toBe('ERR_INVALID_ARGUMENT');
  const bad = await callApi('GET', '/v1/audit?since=yesterday');
  expect(bad.status).toBe(422);
  expect(bad.body).toEqual({ code: 'ERR_VALIDATION', detail: expect.stringMatching(/^since:/) });
});

test('another tenant sees none of it; its own trail has its token, issued by the operator', async () => {
  const other = uniqueName('aud');
  const created = await runCli(['--json', 'tenants', 'create', other]);
  expect(created.code).toBe(0);
  const token = JSON.parse(created.stdout).token as string;
  expect((await trail(`resource=${queue}`, token)).entries).toEqual([]);
  const own = await trail('', token);
  expect(own.entries.map((e) => [e.type, e.outcome ?? 'requested', e.actor, e.resource])).toEqual([
    ['token.created', 'completed', 'operator', tokenIdOf(token)],
    ['token.created', 'requested', 'operator', tokenIdOf(token)],
  ]);
  expect(JSON.stringify(own)).not.toContain(token);
  // And acme's trail has nothing of the other tenant's.
  expect((await trail(`resource=${tokenIdOf(token)}`)).entries).toEqual([]);

  // A token revoked by the operator: recorded, and read with the tenant's next token.
  const again = await runCli(['--json', 'tenants', 'create', other]);
  const next = JSON.parse(again.stdout).token as string;
  expect((await runCli(['tenants', 'revoke-token', other, tokenIdOf(token)])).code).toBe(0);
  const revoked = await trail(`resource=${tokenIdOf(token)}&type=token.revoked`, next);
  expect(revoked.entries.map((e) => [e.outcome ?? 'requested', e.actor])).toEqual([
    ['completed', 'operator'],
    ['requested', 'operator'],
  ]);
  expect(revoked.entries[0]!.actorLabel).toMatch(/^operator \(os user .+\)$/);
});

test('no route changes or deletes an entry', async () => {
  const { entries } = await trail(`resource=${queue}&limit=1`);
  const [entry] = entries;
  for (const method of ['PATCH', 'DELETE', 'PUT', 'POST']) {
    for (const path of ['/v1/audit', `/v1/audit/${entry!.id}`]) {
      const answer = await callApi(method, path, { body: { outcome: 'completed' } });
      expect([method, path, answer.status]).toEqual([method, path, expect.any(Number)]);
      expect([404, 405]).toContain(answer.status);
    }
  }
  expect((await trail(`resource=${queue}&limit=1`)).entries).toEqual([entry]);
});

test('eventq audit --resource lists the same entries', async () => {
  const result = await runCli(['--json', 'audit', '--resource', queue, '--since', '1h', '--limit', '200']);
  expect(result.code).toBe(0);
  const listed = JSON.parse(result.stdout) as { entries: Entry[] };
  expect(listed.entries).toEqual((await trail(`resource=${queue}&limit=200`)).entries);
  const table = await runCli(['audit', '--resource', queue, '--type', 'queue.deleted']);
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/queue\.deleted\s+\S+\s+completed/);
  expect(table.stdout).toMatch(/queue\.deleted\s+\S+\s+requested/);
});

test('the Subscriptions API is audited as the queues it makes and deletes, with its ops events', async () => {
  const id = uniqueName('aud-sub');
  const ops = await opsSubscription('acme', id);
  {
    const made = await callApi('POST', '/subscriptions', {
      body: { id, protocol: 'HTTP', sink: receiver.url },
    });
    expect(made.status).toBe(201);
    expect((await callApi('DELETE', `/subscriptions/${id}`)).status).toBe(200);
    const { entries } = await trail(`resource=${id}`);
    expect(
      entries
        .filter((e) => e.type === 'queue.created' || e.type === 'queue.deleted')
        .map((e) => `${e.type}:${e.outcome ?? 'requested'}`)
        .reverse(),
    ).toEqual([
      'queue.created:requested',
      'queue.created:completed',
      'queue.deleted:requested',
      'queue.deleted:completed',
    ]);
    expect(JSON.stringify(entries)).not.toContain('whsec_');
    const messages = await pullOps(ops, 2);
    expect(messages.map((m) => m.attributes['ce-type'])).toEqual([
      'io.eventq.queue.created',
      'io.eventq.queue.deleted',
    ]);
    expect(JSON.stringify(messages)).not.toContain('whsec_');
  }
});
