// Portal links for the console tests: made as the platform makes them (POST
// /v1/portal-sessions with the tenant token), and exchanged as the console
// exchanges them.
import { createHash } from 'node:crypto';
import { firestoreClient } from '../../../functions/src/store/firestore-client';
import { collections } from '../../../functions/src/tenancy/resource-names';
import { callApi, stack } from '../support/stack';

export async function portalLink(
  tenant: string,
  body: { access?: 'read' | 'manage'; ttlSeconds?: number } = {},
): Promise<{ url: string; code: string; expiresAt: string }> {
  const answer = await callApi('POST', '/v1/portal-sessions', { tenant, body });
  if (answer.status !== 201)
    throw new Error(`portal session: ${answer.status} ${JSON.stringify(answer.body)}`);
  const code = new URL(answer.body.url).hash.replace(/^#code=/, '');
  return { url: answer.body.url, code, expiresAt: answer.body.expiresAt };
}

export async function exchangeCode(code: string): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${stack().apiUrl}/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** A session token, signed in from a fresh link. */
export async function sessionToken(tenant: string, access: 'read' | 'manage' = 'manage'): Promise<string> {
  const { code } = await portalLink(tenant, { access });
  const exchanged = await exchangeCode(code);
  if (exchanged.status !== 200) throw new Error(`exchange: ${exchanged.status}`);
  return exchanged.body.token!;
}

/** Moves a session's end into the past, as time passing would (the api checks expireAt itself). */
export async function expireSession(token: string): Promise<void> {
  stack();
  const hash = createHash('sha256').update(token).digest('hex');
  await firestoreClient(stack().projectId, '(default)')
    .collection(collections.portalSessions)
    .doc(hash)
    .update({ expireAt: new Date(Date.now() - 1000) });
}
