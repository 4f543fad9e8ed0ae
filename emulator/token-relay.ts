// The local stand-in for Google's push authentication. The Pub/Sub emulator
// sends no OIDC token, so local push subscriptions point here; the relay reads
// the subscription's own oidcToken settings from the emulator, mints the token
// Google would (RS256, same claims, one hour, reused until near expiry), and
// forwards the push to dispatch, which verifies it against this relay's JWKS
// with the same code as in production.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

const TOKEN_LIFETIME_SECONDS = 3600;
const RENEW_BEFORE_SECONDS = 300;
/**
 * How long a subscription's OIDC settings are trusted. The fetch goes to the
 * emulator that is waiting on this very push, so it is rare, coalesced and
 * bounded in time.
 */
const SUBSCRIPTION_CACHE_MS = 60_000;
const SETTINGS_FETCH_TIMEOUT_MS = 5_000;

export interface TokenRelay {
  readonly url: string;
  readonly pushEndpoint: string;
  readonly certsUrl: string;
  /** How many tokens were minted: Google reuses a token for many pushes, and so does the relay. */
  readonly mintedTokens: () => number;
  close(): Promise<void>;
}

interface OidcSettings {
  readonly serviceAccountEmail: string;
  readonly audience: string;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function getJson(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: SETTINGS_FETCH_TIMEOUT_MS }, (res) => {
      readBody(res).then(
        (b) => resolve({ status: res.statusCode ?? 0, body: JSON.parse(b.toString() || '{}') }),
        reject,
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
  });
}

/** A stable numeric id for a service account, as Google puts in `sub` and `azp`. */
function uniqueId(email: string): string {
  return BigInt(`0x${createHash('sha256').update(email).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(21, '1');
}

export async function startTokenRelay(options: {
  port: number;
  dispatchUrl: string;
  pubsubEmulatorHost: string;
}): Promise<TokenRelay> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `relay-${Date.now().toString(36)}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const subscriptions = new Map<string, { settings: OidcSettings | undefined; at: number }>();
  const fetching = new Map<string, Promise<OidcSettings | undefined>>();
  const tokens = new Map<string, { token: string; renewAt: number }>();
  let minted = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let pushEndpoint = '';

  function oidcSettings(subscription: string): Promise<OidcSettings | undefined> {
    const cached = subscriptions.get(subscription);
    if (cached && Date.now() - cached.at < SUBSCRIPTION_CACHE_MS) return Promise.resolve(cached.settings);
    let pending = fetching.get(subscription);
    if (!pending) {
      pending = fetchOidcSettings(subscription).finally(() => fetching.delete(subscription));
      fetching.set(subscription, pending);
    }
    return pending;
  }

  async function fetchOidcSettings(subscription: string): Promise<OidcSettings | undefined> {
    const { status, body } = await getJson(`http://${options.pubsubEmulatorHost}/v1/${subscription}`);
    if (status !== 200) throw new Error(`subscription ${subscription} not found (${status})`);
    const oidc = (body as { pushConfig?: { oidcToken?: Partial<OidcSettings> } }).pushConfig?.oidcToken;
    const settings = oidc?.serviceAccountEmail
      ? { serviceAccountEmail: oidc.serviceAccountEmail, audience: oidc.audience || pushEndpoint }
      : undefined;
    subscriptions.set(subscription, { settings, at: Date.now() });
    return settings;
  }

  async function tokenFor(settings: OidcSettings): Promise<string> {
    const key = `${settings.serviceAccountEmail}\n${settings.audience}`;
    const now = Math.floor(Date.now() / 1000);
    const cached = tokens.get(key);
    if (cached && cached.renewAt > now) return cached.token;
    const id = uniqueId(settings.serviceAccountEmail);
    const token = await new SignJWT({
      azp: id,
      email: settings.serviceAccountEmail,
      email_verified: true,
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer('https://accounts.google.com')
      .setAudience(settings.audience)
      .setSubject(id)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .sign(privateKey);
    minted += 1;
    tokens.set(key, { token, renewAt: now + TOKEN_LIFETIME_SECONDS - RENEW_BEFORE_SECONDS });
    return token;
  }

  function forward(body: Buffer, token: string | undefined, res: http.ServerResponse): void {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': body.length,
    };
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request(options.dispatchUrl, { method: 'POST', headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, {
        'content-type': answer.headers['content-type'] ?? 'text/plain',
      });
      answer.pipe(res);
    });
    req.on('error', (error) => {
      res
        .writeHead(502, { 'content-type': 'text/plain' })
        .end(`relay could not reach dispatch: ${error.message}`);
    });
    req.end(body);
  }

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/certs') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
        res.end(JSON.stringify({ keys: [publicJwk] }));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/push') {
        res.writeHead(404).end();
        return;
      }
      const body = await readBody(req);
      const { subscription } = JSON.parse(body.toString()) as { subscription?: string };
      const settings = subscription ? await oidcSettings(subscription) : undefined;
      forward(body, settings ? await tokenFor(settings) : undefined, res);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`relay failed: ${(error as Error).message}`);
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pushEndpoint = `${url}/push`;
  return {
    url,
    pushEndpoint,
    certsUrl: `${url}/certs`,
    mintedTokens: () => minted,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
