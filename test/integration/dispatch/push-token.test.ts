// dispatch verifies the OIDC token of every push with no shortcut: a push with
// a bad token is refused with 401 and nothing reaches the sink.
import { randomUUID } from 'node:crypto';
import { type JWTPayload, SignJWT } from 'jose';
import { callApi, stack, uniqueName } from '../support/stack';
import {
  startTestDispatch,
  TEST_AUDIENCE,
  TEST_PUSH_ACCOUNT,
  type TestDispatch,
} from '../support/test-dispatch';
import { WebhookReceiver } from '../support/webhook-receiver';

let dispatch: TestDispatch;
let receiver: WebhookReceiver;
let subscription: string;

beforeAll(async () => {
  [dispatch, receiver] = await Promise.all([startTestDispatch(), WebhookReceiver.start()]);
  const name = uniqueName('tokens');
  const created = await callApi('POST', '/v1/queues', { body: { name, kind: 'push', sink: receiver.url } });
  expect(created.status).toBe(201);
  subscription = created.body.subscription;
});

afterAll(async () => {
  await Promise.all([dispatch.close(), receiver.close()]);
});

const now = () => Math.floor(Date.now() / 1000);

function googleClaims(overrides: Partial<JWTPayload> = {}): JWTPayload {
  return {
    iss: 'https://accounts.google.com',
    aud: TEST_AUDIENCE,
    azp: '111111111111111111111',
    sub: '111111111111111111111',
    email: TEST_PUSH_ACCOUNT,
    email_verified: true,
    iat: now(),
    exp: now() + 3600,
    ...overrides,
  };
}

async function sign(claims: JWTPayload, header: { kid?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: dispatch.kid, typ: 'JWT', ...header })
    .sign(dispatch.privateKey);
}

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

async function push(authorization: string | undefined): Promise<{ status: number; ceId: string }> {
  const ceId = randomUUID();
  const envelope = {
    subscription: `projects/${stack().projectId}/subscriptions/${subscription.split('/').pop()}`,
    message: {
      messageId: String(Date.now()),
      publishTime: new Date().toISOString(),
      data: Buffer.from('{"n":1}').toString('base64'),
      attributes: {
        'ce-specversion': '1.0',
        'ce-id': ceId,
        'ce-source': '/tests',
        'ce-type': 'DEVICE_FIRST_SEEN',
        'content-type': 'application/json',
      },
    },
  };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(dispatch.url, { method: 'POST', headers, body: JSON.stringify(envelope) });
  await res.arrayBuffer();
  return { status: res.status, ceId };
}

test('a push with a valid Google-style token is delivered (the control for every refusal below)', async () => {
  const { status, ceId } = await push(`Bearer ${await sign(googleClaims())}`);
  expect(status).toBe(204);
  expect(receiver.accepted().some((d) => d.headers['ce-id'] === ceId)).toBe(true);
});

test('the issuer without https:// is accepted too, as Google uses both', async () => {
  const { status } = await push(`Bearer ${await sign(googleClaims({ iss: 'accounts.google.com' }))}`);
  expect(status).toBe(204);
});

const refusals: Array<[string, () => Promise<string | undefined>]> = [
  ['no Authorization header', async () => undefined],
  ['a garbage token', async () => 'Bearer not-a-jwt'],
  ['a Basic credential', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
  ['alg none', async () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(googleClaims())}.`],
  [
    'HS256 signed with the public key as the HMAC secret',
    async () => {
      const secret = new TextEncoder().encode(JSON.stringify(dispatch.publicJwk));
      const token = await new SignJWT(googleClaims())
        .setProtectedHeader({ alg: 'HS256', kid: dispatch.kid })
        .sign(secret);
      return `Bearer ${token}`;
    },
  ],
  ['an unknown kid', async () => `Bearer ${await sign(googleClaims(), { kid: 'someone-elses-key' })}`],
  ['a wrong issuer', async () => `Bearer ${await sign(googleClaims({ iss: 'https://evil.example.com' }))}`],
  [
    'a wrong audience',
    async () => `Bearer ${await sign(googleClaims({ aud: 'https://other-function.example' }))}`,
  ],
  [
    'the email of another service account',
    async () => `Bearer ${await sign(googleClaims({ email: 'intruder@evil.iam.gserviceaccount.com' }))}`,
  ],
  ['email_verified false', async () => `Bearer ${await sign(googleClaims({ email_verified: false }))}`],
  [
    'a token expired beyond the clock skew',
    async () => `Bearer ${await sign(googleClaims({ iat: now() - 7200, exp: now() - 600 }))}`,
  ],
  [
    'a token issued in the future',
    async () => `Bearer ${await sign(googleClaims({ iat: now() + 900, exp: now() + 4500 }))}`,
  ],
];

test.each(refusals)('a push with %s is refused with 401 and nothing is delivered', async (_what, token) => {
  const { status, ceId } = await push(await token());
  expect(status).toBe(401);
  // A refused push must not reach the sink, even later. (The queue also gets other
  // tests' events through the stack's own dispatch, so only this event's id counts.)
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(receiver.received.some((d) => d.headers['ce-id'] === ceId)).toBe(false);
});
