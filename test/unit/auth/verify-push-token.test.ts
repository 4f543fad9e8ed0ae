import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { localPushKeys, type PushKeyLookup } from '../../../functions/src/auth/push-keys';
import { VerifiedTokenCache } from '../../../functions/src/auth/verified-token-cache';
import {
  createPushTokenVerifier,
  type PushTokenExpectations,
  PushTokenRejected,
} from '../../../functions/src/auth/verify-push-token';

const NOW_S = 1_900_000_000;
const NOW_MS = NOW_S * 1000;
const KID = 'google-key-1';
const expected: PushTokenExpectations = {
  audience: 'https://dispatch.eventq.test/',
  serviceAccountEmail: 'push@eventq-prod.iam.gserviceaccount.com',
  clockSkewSeconds: 30,
};

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let google: Keys;
let stranger: Keys;
let publicJwk: JWK;
let jwks: PushKeyLookup;

beforeAll(async () => {
  google = await generateKeyPair('RS256', { extractable: true });
  stranger = await generateKeyPair('RS256');
  publicJwk = { ...(await exportJWK(google.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  jwks = localPushKeys({ keys: [publicJwk] });
});

/**
 * The verdict of jose, a well-kept JOSE library, with the options eventq used
 * when it verified push tokens with jose, plus the two email checks: a second
 * opinion on every token the tests below accept or refuse.
 */
async function joseAccepts(authorization: string | undefined): Promise<boolean> {
  const match = /^Bearer ([^ ]+)$/.exec(authorization ?? '');
  if (!match) return false;
  try {
    const { payload } = await jwtVerify(match[1]!, createLocalJWKSet({ keys: [publicJwk] }), {
      algorithms: ['RS256'],
      issuer: ['https://accounts.google.com', 'accounts.google.com'],
      audience: expected.audience,
      clockTolerance: expected.clockSkewSeconds,
      maxTokenAge: 3600,
      requiredClaims: ['exp', 'iat'],
      currentDate: new Date(NOW_MS),
    });
    return payload.email === expected.serviceAccountEmail && payload.email_verified === true;
  } catch {
    return false;
  }
}

/** The claims Google puts in a Pub/Sub push token; an override of `undefined` removes the claim. */
function claims(overrides: Record<string, unknown> = {}): JWTPayload {
  const base: Record<string, unknown> = {
    iss: 'https://accounts.google.com',
    aud: expected.audience,
    azp: '1234567890',
    sub: '1234567890',
    email: expected.serviceAccountEmail,
    email_verified: true,
    iat: NOW_S - 10,
    exp: NOW_S + 3590,
    ...overrides,
  };
  for (const [name, value] of Object.entries(base)) if (value === undefined) delete base[name];
  return base;
}

function signRs256(payload: JWTPayload, options: { kid?: string; key?: CryptoKey } = {}): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID, typ: 'JWT' })
    .sign(options.key ?? google.privateKey);
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function verifier(options: { cache?: VerifiedTokenCache; now?: () => number; keys?: PushKeyLookup } = {}) {
  return createPushTokenVerifier(options.keys ?? jwks, expected, {
    cache: options.cache,
    now: options.now ?? (() => NOW_MS),
  });
}

async function refusalOf(authorization: string | undefined, verify = verifier()): Promise<PushTokenRejected> {
  try {
    await verify(authorization);
  } catch (error) {
    if (error instanceof PushTokenRejected) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

/** Accepted by eventq's verifier, and by jose too. */
async function expectAccepted(authorization: string): Promise<void> {
  await expect(verifier()(authorization)).resolves.toBeUndefined();
  expect(await joseAccepts(authorization)).toBe(true);
}

/** A JWT signed with node:crypto directly, for what jose refuses to produce. */
function handSigned(header: Record<string, unknown>, payload: unknown, privateKey: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

describe('createPushTokenVerifier', () => {
  it('accepts a token signed by the push key with every expected claim', async () => {
    await expectAccepted(`Bearer ${await signRs256(claims())}`);
  });

  it.each(['https://accounts.google.com', 'accounts.google.com'])('accepts the issuer %s', async (iss) => {
    await expectAccepted(`Bearer ${await signRs256(claims({ iss }))}`);
  });

  it.each<[string, number]>([
    ['expired less than the clock skew ago', NOW_S - 29],
    ['expiring now', NOW_S],
  ])('accepts a token %s', async (_, exp) => {
    const token = await signRs256(claims({ iat: exp - 3600, exp }));
    await expectAccepted(`Bearer ${token}`);
  });

  it('accepts a token issued an hour and less than the clock skew ago', async () => {
    const token = await signRs256(claims({ iat: NOW_S - 3600 - 29, exp: NOW_S + 1 }));
    await expectAccepted(`Bearer ${token}`);
  });

  it('accepts a token issued less than the clock skew in the future', async () => {
    const token = await signRs256(claims({ iat: NOW_S + 29, exp: NOW_S + 3629 }));
    await expectAccepted(`Bearer ${token}`);
  });

  // Each row: how the Authorization header is made, and what the logged reason must mention,
  // so that a row cannot pass by being refused for an unrelated reason.
  const refusals: [string, () => Promise<string | undefined>, RegExp, 'stricter than jose'?][] = [
    ['no Authorization header', async () => undefined, /no Authorization header/],
    ['an empty Authorization header', async () => '', /no Authorization header/],
    ['a Basic credential', async () => 'Basic dXNlcjpwYXNz', /not a Bearer token/],
    ['a bearer token with no scheme', async () => signRs256(claims()), /not a Bearer token/],
    ['two tokens', async () => `Bearer ${await signRs256(claims())} ${await signRs256(claims())}`, /Bearer/],
    ['garbage', async () => 'Bearer not-a-jwt', /JWSInvalid|JWTInvalid|Invalid/],
    [
      'an unsecured token (alg none)',
      async () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`,
      /alg|Unsecured|not allowed|JWSInvalid/i,
    ],
    [
      'an HS256 token keyed with the RSA public key (key confusion)',
      async () => {
        const secret = new TextEncoder().encode(await exportSPKI(google.publicKey));
        const token = await new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: KID, typ: 'JWT' })
          .sign(secret);
        return `Bearer ${token}`;
      },
      /"alg".*not allowed/,
    ],
    [
      'a token signed by an unknown key id',
      async () => `Bearer ${await signRs256(claims(), { kid: 'other-key', key: stranger.privateKey })}`,
      /no applicable key/i,
    ],
    [
      'a token signed by another key under the known key id',
      async () => `Bearer ${await signRs256(claims(), { key: stranger.privateKey })}`,
      /signature verification failed/i,
    ],
    [
      'a token whose payload was changed after signing',
      async () => {
        const [header, , signature] = (await signRs256(claims())).split('.');
        return `Bearer ${header}.${b64url(claims({ email: 'attacker@example.com' }))}.${signature}`;
      },
      /signature verification failed/i,
    ],
    [
      'another issuer',
      async () => `Bearer ${await signRs256(claims({ iss: 'https://evil.example' }))}`,
      /"iss"/,
    ],
    [
      'an issuer that only looks like Google',
      async () => `Bearer ${await signRs256(claims({ iss: 'https://accounts.google.com/' }))}`,
      /"iss"/,
    ],
    ['no issuer', async () => `Bearer ${await signRs256(claims({ iss: undefined }))}`, /"iss"/],
    [
      'an audience that is another function',
      async () => `Bearer ${await signRs256(claims({ aud: 'https://api.eventq.test/' }))}`,
      /"aud"/,
    ],
    ['no audience', async () => `Bearer ${await signRs256(claims({ aud: undefined }))}`, /"aud"/],
    [
      'another service account email',
      async () => `Bearer ${await signRs256(claims({ email: 'someone@else.iam.gserviceaccount.com' }))}`,
      /email/,
    ],
    ['no email', async () => `Bearer ${await signRs256(claims({ email: undefined }))}`, /email/],
    [
      'email_verified false',
      async () => `Bearer ${await signRs256(claims({ email_verified: false }))}`,
      /email_verified/,
    ],
    [
      'email_verified missing',
      async () => `Bearer ${await signRs256(claims({ email_verified: undefined }))}`,
      /email_verified/,
    ],
    [
      'email_verified as the string "true"',
      async () => `Bearer ${await signRs256(claims({ email_verified: 'true' }))}`,
      /email_verified/,
    ],
    [
      'a token expired beyond the clock skew',
      async () => `Bearer ${await signRs256(claims({ iat: NOW_S - 3631, exp: NOW_S - 31 }))}`,
      /"exp"/,
    ],
    [
      'a token issued beyond the clock skew in the future',
      async () => `Bearer ${await signRs256(claims({ iat: NOW_S + 31, exp: NOW_S + 3631 }))}`,
      /"iat"/,
    ],
    [
      'a token issued longer ago than Google signs for',
      async () => `Bearer ${await signRs256(claims({ iat: NOW_S - 3600 - 31, exp: NOW_S + 3600 }))}`,
      /"iat"/,
    ],
    ['a token without exp', async () => `Bearer ${await signRs256(claims({ exp: undefined }))}`, /"exp"/],
    ['a token without iat', async () => `Bearer ${await signRs256(claims({ iat: undefined }))}`, /"iat"/],
    [
      'a token not valid before a time beyond the clock skew',
      async () => `Bearer ${await signRs256(claims({ nbf: NOW_S + 31 }))}`,
      /"nbf"/,
    ],
    [
      'exp as a string',
      async () => `Bearer ${await signRs256(claims({ exp: String(NOW_S + 60) }))}`,
      /"exp"/,
    ],
    [
      'a critical header extension',
      async () =>
        `Bearer ${handSigned({ alg: 'RS256', kid: KID, crit: ['exp-ext'], 'exp-ext': 1 }, claims(), KeyObject.from(google.privateKey))}`,
      /"crit"/,
    ],
    [
      'no key id',
      async () =>
        `Bearer ${handSigned({ alg: 'RS256', typ: 'JWT' }, claims(), KeyObject.from(google.privateKey))}`,
      /no applicable key/,
      // Stricter than jose, which takes the only key of a one-key set: Google always names its key.
      'stricter than jose',
    ],
    ['four parts', async () => `Bearer ${await signRs256(claims())}.${b64url({})}`, /JWSInvalid/],
    [
      'a header that is not JSON',
      async () => {
        const [, payload, signature] = (await signRs256(claims())).split('.');
        return `Bearer ${Buffer.from('{"alg":').toString('base64url')}.${payload}.${signature}`;
      },
      /JWSInvalid/,
    ],
    [
      'a payload that is a JSON array',
      async () =>
        `Bearer ${handSigned({ alg: 'RS256', kid: KID }, [claims()], KeyObject.from(google.privateKey))}`,
      /JWSInvalid/,
    ],
  ];

  // A rest parameter: jest reads a fourth named parameter as a `done` callback.
  it.each(refusals)('refuses %s', async (...[, authorization, reason, stricter]) => {
    const header = await authorization();
    const refusal = await refusalOf(header);
    expect(refusal.reason).toMatch(reason);
    expect(refusal.status).toBe(401);
    expect(await joseAccepts(header)).toBe(stricter !== undefined);
  });

  it("accepts an audience array that holds dispatch's audience", async () => {
    await expectAccepted(
      `Bearer ${await signRs256(claims({ aud: ['https://other.test/', expected.audience] }))}`,
    );
  });

  it('refuses an RS256 token signed by a key shorter than 2048 bits, even when the JWKS lists it', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const weakJwk = { ...weak.publicKey.export({ format: 'jwk' }), kid: 'weak', alg: 'RS256', use: 'sig' };
    const token = handSigned({ alg: 'RS256', kid: 'weak', typ: 'JWT' }, claims(), weak.privateKey);
    const verify = verifier({ keys: localPushKeys({ keys: [publicJwk, weakJwk] }) });
    expect((await refusalOf(`Bearer ${token}`, verify)).reason).toMatch(/no applicable key/);
  });

  it('tells the caller nothing about why a token was refused', async () => {
    const refusal = await refusalOf(`Bearer ${await signRs256(claims({ email_verified: false }))}`);
    expect(refusal.toJSON()).toEqual({
      code: 'ERR_UNAUTHENTICATED',
      detail: 'the push token is missing or invalid',
    });
  });
});

describe('createPushTokenVerifier with its cache of verified tokens', () => {
  function countingKeys(): { keys: PushKeyLookup; calls: () => number } {
    let calls = 0;
    return {
      keys: (kid) => {
        calls++;
        return jwks(kid);
      },
      calls: () => calls,
    };
  }

  it('does not verify a token again until it expires', async () => {
    const counting = countingKeys();
    let now = NOW_MS;
    const verify = verifier({ keys: counting.keys, now: () => now });
    const authorization = `Bearer ${await signRs256(claims({ exp: NOW_S + 600 }))}`;

    await verify(authorization);
    now += 300_000;
    // Known good: answered synchronously, with no promise.
    expect(verify(authorization)).toBeUndefined();
    expect(verify(authorization)).toBeUndefined();
    expect(counting.calls()).toBe(1);

    now = (NOW_S + 600 + expected.clockSkewSeconds + 1) * 1000;
    await expect(verify(authorization)).rejects.toBeInstanceOf(PushTokenRejected);
    expect(counting.calls()).toBe(2);
  });

  it('keeps verifying a token that was refused', async () => {
    const counting = countingKeys();
    const verify = verifier({ keys: counting.keys });
    const authorization = `Bearer ${await signRs256(claims({ email_verified: false }))}`;

    await expect(verify(authorization)).rejects.toBeInstanceOf(PushTokenRejected);
    await expect(verify(authorization)).rejects.toBeInstanceOf(PushTokenRejected);
    expect(counting.calls()).toBe(2);
  });

  it('checks each distinct token once', async () => {
    const counting = countingKeys();
    const verify = verifier({ keys: counting.keys });
    const first = `Bearer ${await signRs256(claims({ jti: 'a' }))}`;
    const second = `Bearer ${await signRs256(claims({ jti: 'b' }))}`;

    await verify(first);
    await verify(second);
    await verify(first);
    await verify(second);
    expect(counting.calls()).toBe(2);
  });

  it('forgets the oldest token when the cache is full', async () => {
    const counting = countingKeys();
    const cache = new VerifiedTokenCache(2);
    const verify = verifier({ keys: counting.keys, cache });
    const [a, b, c] = await Promise.all(
      ['a', 'b', 'c'].map(async (jti) => `Bearer ${await signRs256(claims({ jti }))}`),
    );

    await verify(a);
    await verify(b);
    await verify(c);
    expect(cache.size).toBe(2);
    expect(counting.calls()).toBe(3);
    await verify(c);
    expect(counting.calls()).toBe(3);
    await verify(a);
    expect(counting.calls()).toBe(4);
  });

  it('still refuses a malformed Authorization header when the token inside it is cached', async () => {
    const verify = verifier();
    const token = await signRs256(claims());
    await verify(`Bearer ${token}`);
    await expect(verify(`Basic ${token}`)).rejects.toBeInstanceOf(PushTokenRejected);
  });
});
