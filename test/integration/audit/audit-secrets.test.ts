// What the audit trail and the ops stream never hold: a pull queue's
// credentials, a portal link's code, a session token. And who they name for a
// console session: the session's own id, on behalf of the token whose link
// made it (the ops event's actor is that token's id).
import { tokenIdOf } from '../../../functions/src/store/token-store';
import { portalLink, sessionToken } from '../console/portal-session-link';
import { callApi, closePubsub, tenant, uniqueName } from '../support/stack';
import { type OpsSubscription, opsSubscription, pullOps } from './ops-topic';

jest.setTimeout(90_000);

let subscription: OpsSubscription | undefined;
afterAll(async () => {
  await closePubsub();
});

/** Every string of at least 8 characters in a JSON value: what must not leak. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 8 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

test('a pull queue made, paused by a console session and deleted: no credential, code or token in the trail', async () => {
  const queue = uniqueName('aud-pull');
  subscription = await opsSubscription('acme', queue);
  const created = await callApi('POST', '/v1/queues', { body: { name: queue, kind: 'pull' } });
  expect(created.status).toBe(201);
  const credentials = strings(created.body.credentials).filter(
    (s) => !s.includes(queue) && !s.startsWith('http'),
  );
  expect(credentials.length).toBeGreaterThan(0);

  const link = await portalLink('acme', { access: 'manage' });
  const session = await sessionToken('acme', 'manage');
  const paused = await callApi('PATCH', `/v1/queues/${queue}`, {
    token: session,
    body: { status: 'paused' },
  });
  expect(paused.status).toBe(200);
  expect((await callApi('DELETE', `/v1/queues/${queue}`)).status).toBe(204);

  const trail = (await callApi('GET', `/v1/audit?resource=${queue}&limit=200`)).body;
  const sessions = (await callApi('GET', '/v1/audit?resource=console&limit=5')).body;
  const messages = await pullOps(subscription, 3);
  const everything = JSON.stringify([trail, sessions, messages]);
  for (const secret of [...credentials, link.code, session, tenant('acme').token]) {
    expect(everything).not.toContain(secret);
  }

  const tokenId = tokenIdOf(tenant('acme').token);
  const bySession = trail.entries.filter((e: { type: string }) => e.type === 'queue.paused');
  expect(bySession).toHaveLength(2);
  for (const e of bySession) {
    expect(e).toEqual(
      expect.objectContaining({ actor: tokenIdOf(session), actorVia: 'portal-session', onBehalfOf: tokenId }),
    );
  }
  expect(messages.map((m) => [m.attributes['ce-type'], m.attributes['ce-actor']])).toEqual([
    ['io.eventq.queue.created', tokenId],
    ['io.eventq.queue.paused', tokenId],
    ['io.eventq.queue.deleted', tokenId],
  ]);
  expect(sessions.entries[0]).toEqual(
    expect.objectContaining({ type: 'portal-session.created', actor: tokenId }),
  );
});
