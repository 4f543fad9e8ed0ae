// A dispatch process of the test's own, configured like the stack's but
// trusting a JWKS server that the test controls, so that tests can forge every
// kind of push token. It is the same code Cloud Functions runs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { freePort } from '../../../emulator/free-port';
import type { ProcessGroup } from '../../../emulator/process-group';
import { serveFunction } from '../../../emulator/serve-function';
import { LOCAL_SINK_ALLOWLIST } from '../../../emulator/start-stack';
import { stack } from './stack';
import { testFunctionEnv } from './test-function-env';

export const TEST_AUDIENCE = 'https://dispatch.eventq.test/push';
export const TEST_PUSH_ACCOUNT = 'push@eventq-test.iam.gserviceaccount.com';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TestDispatch {
  readonly url: string;
  readonly privateKey: PrivateKey;
  readonly publicJwk: JWK;
  readonly kid: string;
  /** POSTs a push envelope with a valid Google-style token, as Pub/Sub would; resolves to the status. */
  push(envelope: unknown): Promise<number>;
  close(): Promise<void>;
}

export async function startTestDispatch(envOverrides: Record<string, string> = {}): Promise<TestDispatch> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-key-1';
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const certs = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => certs.listen(0, '127.0.0.1', resolve));
  const certsUrl = `http://127.0.0.1:${(certs.address() as AddressInfo).port}/certs`;

  const port = await freePort();
  const info = stack();
  let group: ProcessGroup;
  try {
    group = await serveFunction({
      target: 'dispatch',
      name: 'test-dispatch',
      port,
      logFile: path.join(process.env.EVENTQ_TEST_LOG_DIR ?? '.', `test-dispatch-${port}.log`),
      env: {
        ...(await testFunctionEnv(info.apiUrl)),
        EVENTQ_SINK_ALLOWLIST: LOCAL_SINK_ALLOWLIST,
        EVENTQ_PUSH_AUDIENCE: TEST_AUDIENCE,
        EVENTQ_PUSH_SERVICE_ACCOUNT: TEST_PUSH_ACCOUNT,
        EVENTQ_PUSH_CERTS_URL: certsUrl,
        ...envOverrides,
      },
    });
  } catch (error) {
    certs.close();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    privateKey,
    publicJwk,
    kid,
    push: async (envelope) => {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ email: TEST_PUSH_ACCOUNT, email_verified: true, azp: '1', sub: '1' })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer('https://accounts.google.com')
        .setAudience(TEST_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey);
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(envelope),
      });
      await res.arrayBuffer();
      return res.status;
    },
    close: async () => {
      await group.stop();
      certs.closeAllConnections();
      await new Promise<void>((resolve) => certs.close(() => resolve()));
    },
  };
}
