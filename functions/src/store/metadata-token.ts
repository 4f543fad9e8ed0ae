// An OAuth access token for the function's own service account, from the
// metadata server that Cloud Functions (and every Google runtime) provides:
// no client library, so nothing to import at cold start. One fetch is shared
// by concurrent callers; the token is reused until shortly before it expires.
import http from 'node:http';

const RENEW_BEFORE_MS = 60_000;
const TIMEOUT_MS = 3_000;

export type AccessTokenSource = () => Promise<string>;

function fetchToken(host: string): Promise<{ token: string; expiresAt: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host,
        path: '/computeMetadata/v1/instance/service-accounts/default/token',
        headers: { 'metadata-flavor': 'Google' },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`the metadata server answered ${res.statusCode} for an access token`));
            return;
          }
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              access_token?: unknown;
              expires_in?: unknown;
            };
            if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
              throw new Error('the metadata server gave no access token');
            }
            resolve({ token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`the metadata server did not answer within ${TIMEOUT_MS} ms`)),
    );
    req.on('error', reject);
  });
}

/** `host` as google-auth-library reads it: GCE_METADATA_HOST, else metadata.google.internal. */
export function metadataAccessTokens(
  host = process.env.GCE_METADATA_HOST || 'metadata.google.internal',
  now: () => number = Date.now,
): AccessTokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  return () => {
    if (cached && cached.expiresAt - RENEW_BEFORE_MS > now()) return Promise.resolve(cached.token);
    inFlight ??= fetchToken(host).then(
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
