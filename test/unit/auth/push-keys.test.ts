// The push-key sources against a real HTTP server on 127.0.0.1 serving a JWKS,
// as Google's certs URL does: what is fetched, when, and what a failure does.
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { localPushKeys, remotePushKeys, rs256KeysOf } from '../../../functions/src/auth/push-keys';

function rsaJwk(kid: string, modulusLength = 2048): JsonWebKey {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength });
  return { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

const KEY_A = rsaJwk('a');
const KEY_B = rsaJwk('b');

/** A certs server whose answer the test changes; counts the requests it gets. */
async function certsServer(): Promise<{
  url: string;
  requests: () => number;
  serve: (status: number, body: unknown, cacheControl?: string) => void;
  close: () => Promise<void>;
}> {
  let answer = { status: 200, body: { keys: [KEY_A] } as unknown, cacheControl: 'public, max-age=600' };
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'cache-control': answer.cacheControl,
    });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/v3/certs`,
    requests: () => requests,
    serve: (status, body, cacheControl = 'public, max-age=600') => {
      answer = { status, body, cacheControl };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('rs256KeysOf', () => {
  it('keeps RSA signing keys of at least 2048 bits, by kid, and ignores the rest', () => {
    const { publicKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keys = rs256KeysOf({
      keys: [
        KEY_A,
        { ...KEY_B, use: 'enc' },
        { ...rsaJwk('rs512'), alg: 'RS512' },
        rsaJwk('short', 1024),
        { ...ec.export({ format: 'jwk' }), kid: 'ec', alg: 'ES256' },
        { ...KEY_A, kid: undefined },
        { kty: 'RSA', kid: 'broken', n: 'AQAB', e: '' },
        'not a key',
      ],
    });
    expect([...keys.keys()]).toEqual(['a']);
    expect(keys.get('a')?.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('refuses a document that is not a JWKS', () => {
    expect(() => rs256KeysOf({ certs: [] })).toThrow(/"keys"/);
    expect(() => rs256KeysOf(undefined)).toThrow(/"keys"/);
  });
});

describe('localPushKeys', () => {
  it('finds a key by kid and names an unknown kid', async () => {
    const keys = localPushKeys({ keys: [KEY_A] });
    expect((await keys('a')).type).toBe('public');
    await expect(keys('z')).rejects.toMatchObject({
      reason: expect.stringMatching(/no applicable key .*"z"/),
    });
  });
});

describe('remotePushKeys', () => {
  let certs: Awaited<ReturnType<typeof certsServer>>;
  let now: number;
  const clock = () => now;

  beforeEach(async () => {
    certs = await certsServer();
    now = 1_000_000;
  });
  afterEach(() => certs.close());

  it('fetches the JWKS once for concurrent and later lookups within its max-age', async () => {
    const keys = remotePushKeys(certs.url, { now: clock });
    const found = await Promise.all([keys('a'), keys('a'), keys('a')]);
    now += 599_000;
    await keys('a');
    expect(found.every((key) => key.type === 'public')).toBe(true);
    expect(certs.requests()).toBe(1);
  });

  it('fetches again once the max-age Google sent has passed, and uses the new keys', async () => {
    const keys = remotePushKeys(certs.url, { now: clock });
    await keys('a');
    certs.serve(200, { keys: [KEY_B] });
    now += 601_000;
    await expect(keys('b')).resolves.toBeDefined();
    await expect(keys('a')).rejects.toMatchObject({ reason: expect.stringMatching(/no applicable key/) });
    expect(certs.requests()).toBe(2);
  });

  it('fetches early for a key id it has not seen (a rotation), but not more than once per cooldown', async () => {
    const keys = remotePushKeys(certs.url, { now: clock, cooldownMs: 30_000 });
    await keys('a');
    certs.serve(200, { keys: [KEY_A, KEY_B] });
    now += 30_000;
    await expect(keys('b')).resolves.toBeDefined();
    expect(certs.requests()).toBe(2);

    // Made-up key ids right after: refused without another fetch.
    await expect(keys('made-up-1')).rejects.toMatchObject({
      reason: expect.stringMatching(/no applicable key/),
    });
    await expect(keys('made-up-2')).rejects.toMatchObject({
      reason: expect.stringMatching(/no applicable key/),
    });
    expect(certs.requests()).toBe(2);
    now += 30_000;
    await expect(keys('made-up-3')).rejects.toMatchObject({
      reason: expect.stringMatching(/no applicable key/),
    });
    expect(certs.requests()).toBe(3);
  });

  it('keeps using a known key when the certs URL fails after its max-age', async () => {
    const keys = remotePushKeys(certs.url, { now: clock });
    await keys('a');
    certs.serve(503, { error: 'unavailable' });
    now += 601_000;
    await expect(keys('a')).resolves.toBeDefined();
    expect(certs.requests()).toBe(2);
  });

  it('says the keys could not be fetched, with the status, when it has none', async () => {
    certs.serve(500, { error: 'boom' });
    await expect(remotePushKeys(certs.url, { now: clock })('a')).rejects.toThrow(
      /could not fetch the push keys: .* answered 500/,
    );
  });

  it('says the keys could not be fetched when nothing listens', async () => {
    await certs.close();
    await expect(remotePushKeys(certs.url, { now: clock })('a')).rejects.toThrow(
      /could not fetch the push keys: .*ECONNREFUSED/,
    );
    certs = await certsServer(); // for afterEach
  });

  it('gives up on a certs URL that does not answer within the timeout', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/certs`;
    try {
      await expect(remotePushKeys(url, { timeoutMs: 200 })('a')).rejects.toThrow(
        /did not answer within 200 ms/,
      );
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('defaults to an hour when the certs URL sends no max-age', async () => {
    certs.serve(200, { keys: [KEY_A] }, 'no-cache');
    const keys = remotePushKeys(certs.url, { now: clock });
    await keys('a');
    now += 3_599_000;
    await keys('a');
    expect(certs.requests()).toBe(1);
    now += 2_000;
    await keys('a');
    expect(certs.requests()).toBe(2);
  });
});
