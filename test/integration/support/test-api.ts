// An api process of the test's own, configured like the stack's but with
// another sink allowlist (none by default, as in production), so that the
// refusal of private and loopback sinks can be tested.
import path from 'node:path';
import { freePort } from '../../../emulator/free-port';
import { serveFunction } from '../../../emulator/serve-function';
import { LOCAL_PUSH_SERVICE_ACCOUNT } from '../../../emulator/start-stack';
import { stack } from './stack';
import { testFunctionEnv } from './test-function-env';

export interface TestApi {
  readonly url: string;
  close(): Promise<void>;
}

export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const port = await freePort();
  const info = stack();
  const url = `http://127.0.0.1:${port}`;
  const group = await serveFunction({
    target: 'api',
    name: 'test-api',
    port,
    logFile: path.join(process.env.EVENTQ_TEST_LOG_DIR ?? '.', `test-api-${port}.log`),
    env: {
      ...(await testFunctionEnv(url)),
      EVENTQ_SINK_ALLOWLIST: '',
      EVENTQ_PUSH_ENDPOINT: `${info.relayUrl}/push`,
      EVENTQ_PUSH_AUDIENCE: info.dispatchUrl,
      EVENTQ_PUSH_SERVICE_ACCOUNT: LOCAL_PUSH_SERVICE_ACCOUNT,
      EVENTQ_DELIVERY_TIMEOUT_MS: '1500',
      EVENTQ_API_RATE_PER_MINUTE: '0',
      ...env,
    },
  });
  return { url, close: () => group.stop() };
}
