// The local stack as a library, used by `npm start` and by the integration
// tests: the official Pub/Sub and Firestore emulators, the token relay, and
// dispatch and api served by the Functions Framework exactly as in production,
// only configured with local URLs.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { messageLogLevelsOf } from '../functions/src/message-log/log-levels';
import { pubsubClient } from '../functions/src/pubsub/pubsub-client';
import { firestoreClient } from '../functions/src/store/firestore-client';
import { assertPortFree, freePort } from './free-port';
import { startFirestoreEmulator, startPubsubEmulator } from './gcloud-emulators';
import type { ProcessGroup } from './process-group';
import { provisionTenants } from './provision-tenants';
import { serveFunction } from './serve-function';
import type { StackInfo } from './stack-info';
import type { TenantDefinition } from './tenants-file';
import { startTokenRelay, type TokenRelay } from './token-relay';

export const LOCAL_PROJECT_ID = 'eventq-local';
export const LOCAL_PUSH_SERVICE_ACCOUNT = `eventq-push@${LOCAL_PROJECT_ID}.iam.gserviceaccount.com`;
/** The local stack allowlists loopback sinks; production allowlists nothing by default. */
export const LOCAL_SINK_ALLOWLIST = '127.0.0.0/8,::1,localhost';

export interface StackOptions {
  readonly tenants: readonly TenantDefinition[];
  readonly stackFile: string;
  readonly logDir: string;
  /** First of five consecutive ports; free ports are picked when absent. */
  readonly basePort?: number;
  /** Extra environment for both functions (e.g. shorter retry backoff in tests). */
  readonly functionEnv?: Readonly<Record<string, string>>;
  readonly progress?: (line: string) => void;
}

export interface RunningStack {
  readonly info: StackInfo;
  readonly relay: TokenRelay;
  readonly processes: readonly ProcessGroup[];
  /** Stops one of the stack's processes (as a crash would), e.g. to test recovery. */
  stopProcess(name: 'dispatch' | 'api' | 'firestore'): Promise<void>;
  /** Starts it again on the same port with the same settings (a Firestore emulator starts empty). */
  startProcess(name: 'dispatch' | 'api' | 'firestore'): Promise<void>;
  stop(): Promise<void>;
}

async function choosePorts(basePort: number | undefined): Promise<number[]> {
  if (basePort === undefined) return Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
  const ports = [0, 1, 2, 3, 4].map((i) => basePort + i);
  for (const port of ports) await assertPortFree(port);
  return ports;
}

async function signingKeys(): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'ES256' };
  return JSON.stringify([jwk]);
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const progress = options.progress ?? (() => {});
  mkdirSync(options.logDir, { recursive: true });
  const [pubsubPort, firestorePort, relayPort, dispatchPort, apiPort] = await choosePorts(options.basePort);
  const processes: ProcessGroup[] = [];
  let relay: TokenRelay | undefined;
  const stop = async () => {
    await relay?.close();
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(options.stackFile, { force: true });
  };

  try {
    progress(
      `starting the Pub/Sub emulator (127.0.0.1:${pubsubPort}) and Firestore emulator (127.0.0.1:${firestorePort})`,
    );
    const [pubsub, firestore] = await Promise.all([
      startPubsubEmulator({ port: pubsubPort!, projectId: LOCAL_PROJECT_ID, logDir: options.logDir }).then(
        (e) => {
          processes.push(e);
          return e;
        },
      ),
      startFirestoreEmulator({
        port: firestorePort!,
        projectId: LOCAL_PROJECT_ID,
        logDir: options.logDir,
      }).then((e) => {
        processes.push(e);
        return e;
      }),
    ]);
    process.env.PUBSUB_EMULATOR_HOST = pubsub.host;
    process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
    // There is no metadata server locally; without this the Google clients probe for one and warn.
    process.env.METADATA_SERVER_DETECTION = 'none';

    const dispatchUrl = `http://127.0.0.1:${dispatchPort}`;
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    relay = await startTokenRelay({
      port: relayPort!,
      dispatchUrl,
      pubsubEmulatorHost: pubsub.host,
      projectId: LOCAL_PROJECT_ID,
      pubsub: () => pubsubClient(LOCAL_PROJECT_ID),
    });

    const common = {
      ...process.env,
      NODE_ENV: 'production',
      METADATA_SERVER_DETECTION: 'none',
      GOOGLE_CLOUD_PROJECT: LOCAL_PROJECT_ID,
      PUBSUB_EMULATOR_HOST: pubsub.host,
      FIRESTORE_EMULATOR_HOST: firestore.host,
      EVENTQ_PROJECT_ID: LOCAL_PROJECT_ID,
      EVENTQ_API_URL: apiUrl,
      EVENTQ_SIGNING_KEYS: await signingKeys(),
      EVENTQ_SINK_ALLOWLIST: LOCAL_SINK_ALLOWLIST,
      EVENTQ_PUSH_AUDIENCE: dispatchUrl,
      EVENTQ_PUSH_SERVICE_ACCOUNT: LOCAL_PUSH_SERVICE_ACCOUNT,
      EVENTQ_PUSH_CERTS_URL: relay.certsUrl,
      EVENTQ_PUSH_ENDPOINT: relay.pushEndpoint,
      EVENTQ_RETRY_MIN_BACKOFF_SECONDS: '1',
      EVENTQ_RETRY_MAX_BACKOFF_SECONDS: '10',
      EVENTQ_MAX_DELIVERY_ATTEMPTS: '5',
      // A PATCH reaches dispatch within a second locally (10 s in production).
      EVENTQ_QUEUE_CACHE_TTL_MS: '1000',
      // /stats lags by one flush interval: a second locally (10 s in production).
      EVENTQ_STATS_FLUSH_MS: '1000',
      EVENTQ_API_RATE_PER_MINUTE: '0', // no api rate limit locally (600 a minute per token in production)
      // What each tenant's message log keeps, from the tenants file (Terraform: var.tenants[*].message_log).
      EVENTQ_MESSAGE_LOG_LEVELS: JSON.stringify(messageLogLevelsOf(options.tenants)),
      ...options.functionEnv,
    };
    const named = new Map<string, ProcessGroup>([['firestore', firestore]]);
    const serve = async (target: 'dispatch' | 'api', port: number) => {
      const logFile = path.join(options.logDir, `${target}.log`);
      const group = await serveFunction({ target, port, env: common, logFile });
      processes.push(group);
      named.set(target, group);
    };
    const stopProcess = async (name: 'dispatch' | 'api' | 'firestore') => {
      await named.get(name)?.stop();
    };
    const startProcess = async (name: 'dispatch' | 'api' | 'firestore') => {
      if (name === 'firestore') {
        const restarted = await startFirestoreEmulator({
          port: firestorePort!,
          projectId: LOCAL_PROJECT_ID,
          logDir: options.logDir,
        });
        processes.push(restarted);
        named.set('firestore', restarted);
      } else await serve(name, name === 'dispatch' ? dispatchPort! : apiPort!);
    };
    progress(`starting dispatch (${dispatchUrl}) and api (${apiUrl})`);
    await Promise.all([serve('dispatch', dispatchPort!), serve('api', apiPort!)]);

    progress(`provisioning tenants: ${options.tenants.map((t) => t.id).join(', ')}`);
    const tenants = await provisionTenants(options.tenants, {
      pubsub: pubsubClient(LOCAL_PROJECT_ID),
      firestore: firestoreClient(LOCAL_PROJECT_ID, '(default)'),
      projectId: LOCAL_PROJECT_ID,
    });

    const info: StackInfo = {
      projectId: LOCAL_PROJECT_ID,
      apiUrl,
      dispatchUrl,
      pubsubEmulatorHost: pubsub.host,
      firestoreEmulatorHost: firestore.host,
      tenants,
      relayUrl: relay.url,
      pid: process.pid,
    };
    mkdirSync(path.dirname(options.stackFile), { recursive: true });
    writeFileSync(options.stackFile, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
    return { info, relay, processes, stopProcess, startProcess, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
