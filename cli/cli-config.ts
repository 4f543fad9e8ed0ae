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
  throw new CliError('no Pub/Sub project: pass --project, set EVENTQ_PROJECT_ID, or run `npm start`', ExitCode.Config);
}
