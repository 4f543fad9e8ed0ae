// The console links `npm start` prints, one per local tenant: each a fresh
// one-time portal link (POST /v1/portal-sessions with the tenant's token), a
// manage session for a working day, since a local stack often runs that long.
import type { StackTenant } from './stack-info';

export const LOCAL_CONSOLE_SESSION_SECONDS = 8 * 3600;

export interface ConsoleLink {
  readonly tenant: string;
  readonly url: string;
}

export async function consoleLinks(apiUrl: string, tenants: readonly StackTenant[]): Promise<ConsoleLink[]> {
  return Promise.all(
    tenants.map(async (tenant) => {
      const res = await fetch(`${apiUrl}/v1/portal-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ access: 'manage', ttlSeconds: LOCAL_CONSOLE_SESSION_SECONDS }),
      });
      if (res.status !== 201)
        throw new Error(`portal session for ${tenant.id}: HTTP ${res.status} ${await res.text()}`);
      return { tenant: tenant.id, url: ((await res.json()) as { url: string }).url };
    }),
  );
}
