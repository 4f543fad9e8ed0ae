// Where the CLI sends its requests: flags first, then EVENTQ_API_URL and
// EVENTQ_TOKEN, then the running local stack's .eventq/stack.json (its first
// tenant), as CONTRACT.md says.
import { existsSync } from 'node:fs';
import { defaultStackFile, readStackInfo, type StackInfo } from '../emulator/stack-info';
import { CliError, ExitCode } from './cli-error';

export interface ApiTarget {
  readonly apiUrl: string;
  readonly token: string;
}

export function localStack(): StackInfo | undefined {
  const file = defaultStackFile();
  return existsSync(file) ? readStackInfo(file) : undefined;
}

export function resolveApiTarget(flags: { api?: string; token?: string }, env = process.env): ApiTarget {
  const stack = flags.api && flags.token ? undefined : localStack();
  const apiUrl = flags.api ?? env.EVENTQ_API_URL ?? stack?.apiUrl;
  const token = flags.token ?? env.EVENTQ_TOKEN ?? stack?.tenants[0]?.token;
  if (!apiUrl || !token) {
    throw new CliError(
      'no API to talk to: pass --api and --token, set EVENTQ_API_URL and EVENTQ_TOKEN, or run `npm start`',
      ExitCode.Config,
    );
  }
  return { apiUrl: apiUrl.replace(/\/+$/, ''), token };
}

/** The api's URL alone (no token needed): --api, EVENTQ_API_URL, or the running local stack. */
export function resolveApiUrl(flags: { api?: string }, env = process.env): string {
  const apiUrl = flags.api ?? env.EVENTQ_API_URL ?? localStack()?.apiUrl;
  if (!apiUrl) {
    throw new CliError(
      'no API to ask for its keys: pass --api, set EVENTQ_API_URL, or run `npm start`',
      ExitCode.Config,
    );
  }
  return apiUrl.replace(/\/+$/, '');
}

export interface PubsubTarget {
  readonly projectId: string;
  readonly emulatorHost?: string;
}

/** Where `eventq publish` publishes: --project or EVENTQ_PROJECT_ID, else the local stack's emulator. */
export function resolvePubsubTarget(flags: { project?: string }, env = process.env): PubsubTarget {
  const projectId = flags.project ?? env.EVENTQ_PROJECT_ID;
  if (projectId) return { projectId, emulatorHost: env.PUBSUB_EMULATOR_HOST };
  const stack = localStack();
  if (stack) return { projectId: stack.projectId, emulatorHost: stack.pubsubEmulatorHost };
  throw new CliError(
    'no Pub/Sub project: pass --project, set EVENTQ_PROJECT_ID, or run `npm start`',
    ExitCode.Config,
  );
}

export interface OperatorTarget {
  readonly projectId: string;
  readonly firestoreDatabase: string;
  readonly pubsubEmulatorHost?: string;
  readonly firestoreEmulatorHost?: string;
}

/**
 * Where operator commands (`tenants create`) work, as the operator, with
 * Google credentials: --project or EVENTQ_PROJECT_ID (emulators only if
 * PUBSUB_EMULATOR_HOST / FIRESTORE_EMULATOR_HOST say so), else the local stack's emulators.
 */
export function resolveOperatorTarget(
  flags: { project?: string; database?: string },
  env = process.env,
): OperatorTarget {
  const firestoreDatabase = flags.database ?? env.EVENTQ_FIRESTORE_DATABASE ?? '(default)';
  const projectId = flags.project ?? env.EVENTQ_PROJECT_ID;
  if (projectId) {
    return {
      projectId,
      firestoreDatabase,
      ...(env.PUBSUB_EMULATOR_HOST ? { pubsubEmulatorHost: env.PUBSUB_EMULATOR_HOST } : {}),
      ...(env.FIRESTORE_EMULATOR_HOST ? { firestoreEmulatorHost: env.FIRESTORE_EMULATOR_HOST } : {}),
    };
  }
  const stack = localStack();
  if (stack) {
    return {
      projectId: stack.projectId,
      firestoreDatabase,
      pubsubEmulatorHost: stack.pubsubEmulatorHost,
      firestoreEmulatorHost: stack.firestoreEmulatorHost,
    };
  }
  throw new CliError(
    'no Google Cloud project: pass --project, set EVENTQ_PROJECT_ID, or run `npm start`',
    ExitCode.Config,
  );
}
