// Runs the real `eventq` CLI (bin/eventq.js) as a user would, against the test stack.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../../emulator/repo-root';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot(), 'bin', 'eventq.js'), ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `eventq publish` of a DEVICE_FIRST_SEEN event, as a tenant's producer runs it; `extra` adds flags (`--id`, `--json` goes first). */
export function publishDeviceEvent(
  tenant: string,
  source: string,
  data: string,
  extra: { readonly id?: string; readonly json?: boolean } = {},
): Promise<CliResult> {
  return runCli([
    ...(extra.json ? ['--json'] : []),
    'publish',
    '--tenant',
    tenant,
    '--type',
    'DEVICE_FIRST_SEEN',
    '--source',
    source,
    ...(extra.id === undefined ? [] : ['--id', extra.id]),
    '--data',
    data,
  ]);
}
