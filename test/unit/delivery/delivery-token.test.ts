import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose';
import type { PrivateSigningJwk } from '../../../functions/src/config/signing-keys-variable';
import { createDeliveryTokenIssuer, publicJwks } from '../../../functions/src/delivery/delivery-token';

const NOW_MS = Date.UTC(2030, 0, 1);
const ISSUER = 'https://api.eventq.test';
const SINK = 'https://hooks.acme.example/eventq';
const QUEUE = 'acme/orders';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

async function signingJwk(alg: PrivateSigningJwk['alg'], kid = `key-${alg}`): Promise<PrivateSigningJwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg } as PrivateSigningJwk;
}

describe('createDeliveryTokenIssuer', () => {
  it.each<PrivateSigningJwk['alg']>(['RS256', 'ES256', 'EdDSA'])(
    'issues a %s token that verifies against the published JWKS, for the sink, by the API, for at most 300 s',
    async (alg) => {
      const jwk = await signingJwk(alg);
      const token = createDeliveryTokenIssuer(jwk, ISSUER, () => NOW_MS).tokenFor(SINK, QUEUE);

      const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(publicJwks([jwk])), {
        issuer: ISSUER,
        audience: SINK,
        algorithms: [alg],
        currentDate: new Date(NOW_MS),
      });
      expect(protectedHeader).toMatchObject({ alg, kid: jwk.kid, typ: 'JWT' });
      expect(payload.sub).toBe(QUEUE);
      expect(payload.iat).toBe(NOW_MS / 1000);
      expect(payload.exp! - NOW_MS / 1000).toBeGreaterThan(0);
      expect(payload.exp! - NOW_MS / 1000).toBeLessThanOrEqual(300);
    },
  );

  it('gives each sink its own token', async () => {
    const issuer = createDeliveryTokenIssuer(await signingJwk('ES256'), ISSUER, () => NOW_MS);
    const other = 'https://hooks.globex.example/';
    const [a, b] = [issuer.tokenFor(SINK, QUEUE), issuer.tokenFor(other, 'globex/orders')];
    expect(decodeJwt(a).aud).toBe(SINK);
    expect(decodeJwt(b).aud).toBe(other);
  });

  it("tells two queues that share a sink URL apart by sub: another tenant cannot pass as the receiver's own", async () => {
    const issuer = createDeliveryTokenIssuer(await signingJwk('ES256'), ISSUER, () => NOW_MS);
    const [mine, theirs] = [issuer.tokenFor(SINK, 'acme/orders'), issuer.tokenFor(SINK, 'globex/sneaky')];
    expect([decodeJwt(mine).sub, decodeJwt(theirs).sub]).toEqual(['acme/orders', 'globex/sneaky']);
    expect([decodeJwt(mine).aud, decodeJwt(theirs).aud]).toEqual([SINK, SINK]);
  });

  it("signs anew when a queue's sink changes", async () => {
    const issuer = createDeliveryTokenIssuer(await signingJwk('ES256'), ISSUER, () => NOW_MS);
    issuer.tokenFor(SINK, QUEUE);
    expect(decodeJwt(issuer.tokenFor('https://new.acme.example/', QUEUE)).aud).toBe(
      'https://new.acme.example/',
    );
  });

  it('reuses a token until shortly before it expires, then issues a fresh one', async () => {
    let now = NOW_MS;
    const issuer = createDeliveryTokenIssuer(await signingJwk('ES256'), ISSUER, () => now);
    const first = issuer.tokenFor(SINK, QUEUE);

    now += 200_000;
    expect(issuer.tokenFor(SINK, QUEUE)).toBe(first);

    now = NOW_MS + 250_000;
    const second = issuer.tokenFor(SINK, QUEUE);
    expect(second).not.toBe(first);
    expect(decodeJwt(second).iat).toBe((NOW_MS + 250_000) / 1000);
    expect(issuer.tokenFor(SINK, QUEUE)).toBe(second);
  });

  it('never hands out a token with less than a minute left', async () => {
    let now = NOW_MS;
    const issuer = createDeliveryTokenIssuer(await signingJwk('ES256'), ISSUER, () => now);
    for (let elapsed = 0; elapsed <= 900_000; elapsed += 10_000) {
      now = NOW_MS + elapsed;
      const { exp } = decodeJwt(issuer.tokenFor(SINK, QUEUE));
      expect(exp! - Math.floor(now / 1000)).toBeGreaterThanOrEqual(60);
    }
  });

  it('signs with the kid of its key so that a receiver picks the right published key', async () => {
    const [first, second] = [await signingJwk('ES256', 'first'), await signingJwk('ES256', 'second')];
    const token = createDeliveryTokenIssuer(second, ISSUER, () => NOW_MS).tokenFor(SINK, QUEUE);
    expect(decodeProtectedHeader(token).kid).toBe('second');
    await expect(
      jwtVerify(token, createLocalJWKSet(publicJwks([first, second])), { currentDate: new Date(NOW_MS) }),
    ).resolves.toBeDefined();
  });
});

describe('publicJwks', () => {
  it.each<PrivateSigningJwk['alg']>(['RS256', 'ES256', 'EdDSA'])(
    'publishes the public half of a %s key with its kid, alg and use',
    async (alg) => {
      const jwk = await signingJwk(alg);
      const [published] = publicJwks([jwk]).keys;
      for (const member of PRIVATE_MEMBERS) expect(published).not.toHaveProperty(member);
      expect(published).toMatchObject({ kid: jwk.kid, alg, kty: jwk.kty, use: 'sig' });
      expect(Object.keys(jwk).filter((m) => !PRIVATE_MEMBERS.includes(m))).toEqual(
        Object.keys(published!).filter((m) => m !== 'use'),
      );
    },
  );

  it('publishes every key, in order', async () => {
    const keys = [await signingJwk('ES256', 'a'), await signingJwk('RS256', 'b')];
    expect(publicJwks(keys).keys.map((k) => k.kid)).toEqual(['a', 'b']);
  });

  it('leaves the private keys it was given untouched', async () => {
    const jwk = await signingJwk('ES256');
    const copy = { ...jwk };
    publicJwks([jwk]);
    expect(jwk).toEqual(copy);
  });
});
