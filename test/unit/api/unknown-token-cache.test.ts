import { generateKeyPairSync } from 'node:crypto';
import { createApi } from '../../../functions/src/api/create-api';
import { cacheUnknownTokens, UNKNOWN_TOKEN_TTL_MS } from '../../../functions/src/api/unknown-token-cache';
import { parseApiConfig } from '../../../functions/src/config/api-config';
import type { TokenStore } from '../../../functions/src/store/token-store';
import { fakeRequest, fakeResponse } from './fake-http';

const GOOD = 'eqt_a-token-of-acme-000';
const RANDOM = 'eqt_made-up-token-0000000';

function countingStore(known: Map<string, string>) {
  const reads: string[] = [];
  const store = {
    tenantOf: async (token: string) => {
      reads.push(token);
      return known.get(token);
    },
  } as TokenStore;
  return { store, reads };
}

describe('cacheUnknownTokens', () => {
  it('reads the store once for a token that is not ours, however often it is tried within the TTL', async () => {
    let now = 0;
    const { store, reads } = countingStore(new Map());
    const cached = cacheUnknownTokens(store, () => now);
    for (let i = 0; i < 1000; i++) {
      expect(await cached.tenantOf(RANDOM)).toBeUndefined();
      now += 1;
    }
    expect(reads).toHaveLength(1);
  });

  it('lets a token issued after it was tried work once the TTL is over', async () => {
    let now = 0;
    const known = new Map<string, string>();
    const { store } = countingStore(known);
    const cached = cacheUnknownTokens(store, () => now);
    expect(await cached.tenantOf(GOOD)).toBeUndefined();
    known.set(GOOD, 'acme');
    now += UNKNOWN_TOKEN_TTL_MS - 1;
    expect(await cached.tenantOf(GOOD)).toBeUndefined();
    now += 1;
    expect(await cached.tenantOf(GOOD)).toBe('acme');
  });

  it('never caches a token that is ours, so a revoked token stops at once', async () => {
    const known = new Map([[GOOD, 'acme']]);
    const { store, reads } = countingStore(known);
    const cached = cacheUnknownTokens(store, () => 0);
    expect(await cached.tenantOf(GOOD)).toBe('acme');
    known.delete(GOOD);
    expect(await cached.tenantOf(GOOD)).toBeUndefined();
    expect(reads).toHaveLength(2);
  });

  it('holds at most maxEntries unknown tokens, dropping the oldest', async () => {
    const { store, reads } = countingStore(new Map());
    const cached = cacheUnknownTokens(store, () => 0, { maxEntries: 2 });
    for (const t of [
      'eqt_one-000000000000',
      'eqt_two-000000000000',
      'eqt_three-0000000000',
      'eqt_one-000000000000',
    ]) {
      await cached.tenantOf(t);
    }
    expect(reads).toEqual([
      'eqt_one-000000000000',
      'eqt_two-000000000000',
      'eqt_three-0000000000',
      'eqt_one-000000000000',
    ]);
  });
});

test('createApi answers 1,000 requests with one random token with one token-store read', async () => {
  const config = parseApiConfig({
    EVENTQ_PROJECT_ID: 'eventq-test',
    EVENTQ_API_URL: 'https://api.eventq.test',
    EVENTQ_SIGNING_KEYS: JSON.stringify([
      {
        ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
        kid: 'k1',
        alg: 'ES256',
      },
    ]),
    EVENTQ_PUSH_AUDIENCE: 'https://dispatch.eventq.test',
    EVENTQ_PUSH_SERVICE_ACCOUNT: 'push@eventq-test.iam.gserviceaccount.com',
    EVENTQ_PUSH_ENDPOINT: 'https://dispatch.eventq.test',
  });
  const { store, reads } = countingStore(new Map());
  const handler = createApi(config, { tokens: store, now: () => 0, log: () => undefined });
  for (let i = 0; i < 1000; i++) {
    const { res, answer } = fakeResponse();
    await handler(fakeRequest('GET', '/v1/queues', { token: RANDOM }), res);
    expect(answer.status).toBe(401);
  }
  expect(reads).toHaveLength(1);
});
