// An OAuth access token for the function's own service account, from the
// metadata server that Cloud Functions (and every Google runtime) provides:
// no client library, so nothing to import at cold start. One fetch is shared
// by concurrent callers; the token is reused until shortly before it expires.
import { getJson } from '../net/http-request';

const RENEW_BEFORE_MS = 60_000;
const TIMEOUT_MS = 3_000;

export type AccessTokenSource = () => Promise<string>;

async function fetchToken(host: string, now: number): Promise<{ token: string; expiresAt: number }> {
  const { status, body } = await getJson(
    `http://${host}/computeMetadata/v1/instance/service-accounts/default/token`,
    { headers: { 'metadata-flavor': 'Google' }, timeoutMs: TIMEOUT_MS },
  );
  if (status !== 200) throw new Error(`the metadata server answered ${status} for an access token`);
  const { access_token, expires_in } = (body ?? {}) as { access_token?: unknown; expires_in?: unknown };
  if (typeof access_token !== 'string' || typeof expires_in !== 'number') {
    throw new Error('the metadata server gave no access token');
  }
  return { token: access_token, expiresAt: now + expires_in * 1000 };
}

/** `host`: the configuration's metadataHost (GCE_METADATA_HOST, else metadata.google.internal). */
export function metadataAccessTokens(host: string, now: () => number = Date.now): AccessTokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  return () => {
    if (cached && cached.expiresAt - RENEW_BEFORE_MS > now()) return Promise.resolve(cached.token);
    inFlight ??= fetchToken(host, now()).then(
      (fresh) => {
        cached = fresh;
        inFlight = undefined;
        return fresh.token;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };
}
