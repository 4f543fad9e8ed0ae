// Starts the official Pub/Sub and Firestore emulators (`gcloud ... emulators
// ... start`) on 127.0.0.1, each in its own process group, and returns once
// each answers HTTP. Everything that can be checked before spawning is, so a
// missing tool or a taken port is one clear line rather than a Java trace.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertPortFree } from './free-port';
import {
  findExecutable,
  type ProcessGroup,
  registerForCleanup,
  StackStartError,
  spawnProcessGroup,
} from './process-group';
import { waitForHttp } from './wait-for-http';

export interface EmulatorOptions {
  port: number;
  projectId: string;
  /** Receives `<name>-<port>.log` (and the Pub/Sub emulator's data directory). */
  logDir: string;
  /** Default 60 s; a cold JVM on a busy machine is slow. */
  startTimeoutMs?: number;
  /** Environment of the emulator, and the PATH searched for gcloud and java; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface RunningEmulator extends ProcessGroup {
  /** `127.0.0.1:<port>`: the value for PUBSUB_EMULATOR_HOST / FIRESTORE_EMULATOR_HOST. */
  readonly host: string;
}

const HOST = '127.0.0.1';
const DEFAULT_START_TIMEOUT_MS = 60_000;

// gcloud would otherwise prompt, check for component updates, send usage
// statistics and probe the GCE metadata server: the stack stays on 127.0.0.1.
const QUIET_GCLOUD_ENV: NodeJS.ProcessEnv = {
  CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
  CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: '1',
  CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
  CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false',
};

export function startPubsubEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const { port, projectId, logDir } = options;
  // Its own data directory (gcloud writes env.yaml there but does not create
  // it): the default one in the user's gcloud config is shared by every run.
  const dataDir = join(logDir, `pubsub-emulator-${port}-data`);
  return startEmulator(
    'pubsub-emulator',
    options,
    [dataDir],
    [
      'beta',
      'emulators',
      'pubsub',
      'start',
      `--host-port=${HOST}:${port}`,
      `--project=${projectId}`,
      `--data-dir=${dataDir}`,
      '--quiet',
    ],
  );
}

export function startFirestoreEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const { port, projectId } = options;
  // The Firestore emulator serves any project id; --project only keeps gcloud
  // from looking one up. Default database mode (firestore-native), no rules:
  // the emulator then needs nothing from the network.
  return startEmulator(
    'firestore-emulator',
    options,
    [],
    ['emulators', 'firestore', 'start', `--host-port=${HOST}:${port}`, `--project=${projectId}`, '--quiet'],
  );
}

async function startEmulator(
  name: string,
  options: EmulatorOptions,
  directories: string[],
  args: string[],
): Promise<RunningEmulator> {
  const env = options.env ?? process.env;
  assertToolsOnPath(env);
  await assertPortFree(options.port);
  for (const directory of directories) mkdirSync(directory, { recursive: true });

  const group = spawnProcessGroup({
    name,
    command: 'gcloud',
    args,
    env: { ...env, ...QUIET_GCLOUD_ENV },
    logFile: join(options.logDir, `${name}-${options.port}.log`),
  });
  registerForCleanup(group);

  const host = `${HOST}:${options.port}`;
  try {
    await waitForHttp(`http://${host}/`, {
      timeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      process: group,
    });
  } catch (error) {
    // The start-up error is the one worth reporting; a failed stop is not.
    await group.stop().catch(() => {});
    throw error;
  }
  return Object.freeze({ ...group, host });
}

/** Throws the one-line StackStartError for a machine without the tools the emulators need. */
export function assertToolsOnPath(env: NodeJS.ProcessEnv): void {
  if (findExecutable('gcloud', env) === undefined) {
    throw new StackStartError(
      'gcloud was not found on PATH: install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install) ' +
        'with the beta, pubsub-emulator and cloud-firestore-emulator components',
    );
  }
  if (findExecutable('java', env) === undefined) {
    throw new StackStartError(
      'java was not found on PATH: the Pub/Sub and Firestore emulators need a Java 17+ runtime (e.g. openjdk-17-jre-headless)',
    );
  }
}
