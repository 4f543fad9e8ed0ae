// A token that is not ours costs a Firestore read once per TTL, not once per
// request: the api, built by createApi on the real Firestore emulator, with its
// token store wrapped to count the reads that reach Firestore.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApi } from '../../../functions/src/api/create-api';
import { parseApiConfig } from '../../../functions/src/config/api-config';
import { firestoreClient } from '../../../functions/src/store/firestore-client';
import {
  firestoreTokenStore,
  generateToken,
  type TokenStore,
} from '../../../functions/src/store/token-store';
import { callApi, stack, tenant } from '../support/stack';
import { testFunctionEnv } from '../support/test-function-env';

let server: http.Server;
let baseUrl: string;
let reads = 0;

beforeAll(async () => {
  process.env.FIRESTORE_EMULATOR_HOST = stack().firestoreEmulatorHost;
  const config = parseApiConfig({
    ...(await testFunctionEnv('http://127.0.0.1')),
    EVENTQ_PUSH_ENDPOINT: `${stack().relayUrl}/push`,
    EVENTQ_PUSH_AUDIENCE: stack().dispatchUrl,
    EVENTQ_PUSH_SERVICE_ACCOUNT: 'push@eventq-local.iam.gserviceaccount.com',
  });
  const real = firestoreTokenStore(() => firestoreClient(config.projectId, config.firestoreDatabase));
  const counting: TokenStore = {
    ...real,
    tenantOf: (token) => {
      reads += 1;
      return real.tenantOf(token);
    },
  };
  const handler = createApi(config, { tokens: counting, log: () => undefined });
  const app = express();
  app.all('/{*path}', (req, res) => void handler(req as never, res as never));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('1,000 requests with one random token cost at most a handful of Firestore reads', async () => {
  const token = generateToken();
  reads = 0;
  for (let i = 0; i < 1000; i++) {
    const res = await callApi('GET', '/v1/queues', { token, baseUrl });
    expect(res.status).toBe(401);
  }
  // One per TTL (5 s): the 1,000 requests take a few seconds.
  expect(reads).toBeLessThanOrEqual(5);
});

test("a tenant's own token still reads Firestore and works", async () => {
  const res = await callApi('GET', '/v1/queues', { token: tenant('acme').token, baseUrl });
  expect(res.status).toBe(200);
});
