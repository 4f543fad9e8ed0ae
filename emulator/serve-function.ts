// Serves one of eventq's functions with the Functions Framework, in its own
// process group, exactly as Cloud Functions runs it: the package's main module,
// a target name, and configuration from the environment.
import path from 'node:path';
import { type ProcessGroup, registerForCleanup, spawnProcessGroup } from './process-group';
import { repoRoot } from './repo-root';
import { waitForHttp } from './wait-for-http';

/** The framework's CLI entry (its package exports hide the path, so find it beside the main module). */
function functionsFrameworkMain(): string {
  return path.join(path.dirname(require.resolve('@google-cloud/functions-framework')), 'main.js');
}

export interface ServeFunctionOptions {
  readonly target: 'dispatch' | 'api';
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
  /** Process name in errors and logs; the target by default. */
  readonly name?: string;
}

/** Starts the function and resolves once it answers HTTP (any status). */
export async function serveFunction(options: ServeFunctionOptions): Promise<ProcessGroup> {
  const group = spawnProcessGroup({
    name: options.name ?? options.target,
    command: process.execPath,
    args: [
      // Built beside this file by `npm run build`: the framework would listen on every interface.
      '--require',
      path.join(repoRoot(), 'dist', 'emulator', 'listen-on-loopback.js'),
      functionsFrameworkMain(),
      `--target=${options.target}`,
      `--port=${options.port}`,
      `--source=${repoRoot()}`,
    ],
    env: { ...options.env, PORT: String(options.port) },
    cwd: repoRoot(),
    logFile: options.logFile,
  });
  registerForCleanup(group);
  try {
    await waitForHttp(`http://127.0.0.1:${options.port}/`, {
      timeoutMs: 30_000,
      process: group,
      expectStatus: () => true,
    });
  } catch (error) {
    await group.stop();
    throw error;
  }
  return group;
}
