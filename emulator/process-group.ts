// Runs a local-stack process (an emulator, a function) in its own process group,
// so that stopping it also stops whatever it spawned: `gcloud ... emulators ...
// start` is a Python wrapper whose Java child survives the wrapper's death.

import { spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventqError } from '../functions/src/errors';

/** The local stack could not be started (or stopped) cleanly; the detail says what to fix. */
export class StackStartError extends EventqError {
  override readonly code = 'ERR_STACK_START';
  override readonly status = 500;
}

export interface SpawnProcessGroupOptions {
  /** Short name used in errors and logs, e.g. `pubsub-emulator`. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdout and stderr are appended here; created with its directory if missing. */
  logFile: string;
}

export interface ProcessGroup {
  readonly name: string;
  /** The leader's pid, which is also the process-group id. */
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the leader's exit code (null when a signal ended it). Other members may outlive it. */
  readonly exited: Promise<number | null>;
  /** True while any process of the group (leader or descendant) is alive. */
  isRunning(): boolean;
  /** SIGTERM to the group, SIGKILL after `timeoutMs` (default 5 s); resolves once the group is gone. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
  /** SIGKILL to the group at once, as a crash or an OOM kill ends a process; resolves once it is gone. */
  kill(): Promise<void>;
  /** The last `lines` lines of the log file (default 20). */
  logTail(lines?: number): string;
}

const DEFAULT_STOP_TIMEOUT_MS = 5_000;
// After SIGKILL only the kernel and the reaper of orphans are left to act; a
// group that is still there after this long will not go away by waiting.
const KILL_GRACE_MS = 5_000;
const POLL_INTERVAL_MS = 50;
const TAIL_BYTES = 64 * 1024;

export function spawnProcessGroup(options: SpawnProcessGroupOptions): ProcessGroup {
  const { name, command, args, logFile } = options;
  const env = options.env ?? process.env;
  // spawn() reports a missing command as an asynchronous 'error' event and an
  // undefined pid; looking it up first turns that into an error the caller sees.
  if (findExecutable(command, env) === undefined) {
    throw new StackStartError(`${command} was not found on PATH: cannot start ${name}`);
  }

  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  let child: ReturnType<typeof spawn>;
  try {
    // A header per run, because the log is appended to across runs.
    writeSync(fd, `--- ${new Date().toISOString()} starting ${name}: ${command} ${args.join(' ')}\n`);
    child = spawn(command, args, {
      env,
      cwd: options.cwd,
      // Its own process group, so that the whole tree can be signalled as one.
      detached: true,
      stdio: ['ignore', fd, fd],
    });
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(fd);
  }

  // Only spawn failures and failed child.kill() calls emit 'error'; this module
  // signals with process.kill, and a spawn failure is reported just below.
  child.on('error', () => {});
  const pid = child.pid;
  if (pid === undefined) {
    throw new StackStartError(`${command} could not be started (not executable?): cannot start ${name}`);
  }

  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      if (!isGroupAlive(pid)) cleanupRegistry.delete(group);
      resolve(code);
    });
  });

  let stopping: Promise<void> | undefined;
  const group: ProcessGroup = {
    name,
    pid,
    logFile,
    exited,
    isRunning: () => isGroupAlive(pid),
    stop(timeoutMs = DEFAULT_STOP_TIMEOUT_MS) {
      stopping ??= terminateGroup(name, pid, timeoutMs).finally(() => cleanupRegistry.delete(group));
      return stopping;
    },
    kill() {
      stopping ??= killGroup(name, pid).finally(() => cleanupRegistry.delete(group));
      return stopping;
    },
    logTail: (lines = 20) => readLogTail(logFile, lines),
  };
  return group;
}

/** Stops every group, in parallel; every group is attempted even when one fails. */
export async function stopAll(groups: Iterable<ProcessGroup>, timeoutMs?: number): Promise<void> {
  const results = await Promise.allSettled([...groups].map((group) => group.stop(timeoutMs)));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

const cleanupRegistry = new Set<ProcessGroup>();
let cleanupInstalled = false;

/**
 * Kills the group when this process ends, however it ends short of SIGKILL:
 * normal exit, an uncaught error, or SIGINT/SIGTERM/SIGHUP that nobody else
 * handles. A stopped group leaves the registry by itself.
 */
export function registerForCleanup(group: ProcessGroup): void {
  cleanupRegistry.add(group);
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  // 'exit' handlers must be synchronous: no waiting for SIGTERM to work.
  process.on('exit', killRegisteredGroups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      // With other listeners, the application owns shutdown (and will stop the
      // groups gracefully); alone, this listener replaced the default action of
      // dying, so restore it after cleaning up.
      if (process.listenerCount(signal) > 0) return;
      killRegisteredGroups();
      process.kill(process.pid, signal);
    });
  }
}

/** SIGKILL to every registered group, synchronously. What runs on process exit. */
export function killRegisteredGroups(): void {
  for (const group of cleanupRegistry) {
    signalGroup(group.pid, 'SIGKILL');
  }
  cleanupRegistry.clear();
}

async function terminateGroup(name: string, pid: number, timeoutMs: number): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return;
  if (await waitForGroupGone(pid, timeoutMs)) return;
  signalGroup(pid, 'SIGKILL');
  if (await waitForGroupGone(pid, KILL_GRACE_MS)) return;
  throw new StackStartError(
    `${name} (process group ${pid}) is still alive ${KILL_GRACE_MS} ms after SIGKILL`,
  );
}

async function killGroup(name: string, pid: number): Promise<void> {
  if (!signalGroup(pid, 'SIGKILL')) return;
  if (await waitForGroupGone(pid, KILL_GRACE_MS)) return;
  throw new StackStartError(
    `${name} (process group ${pid}) is still alive ${KILL_GRACE_MS} ms after SIGKILL`,
  );
}

/** Sends `signal` to the whole group; false when the group no longer exists. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

function isGroupAlive(pid: number): boolean {
  return signalGroup(pid, 0);
}

// The group, not the leader: the leader's exit says nothing about the Java
// process it started. Members that are already dead but not yet reaped still
// count, so this can take as long as the orphan reaper takes.
async function waitForGroupGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isGroupAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_INTERVAL_MS);
  }
  return true;
}

/** The last `lines` lines of a log file ('' when it does not exist); reads at most its last 64 KiB. */
export function readLogTail(file: string, lines: number): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const all = buffer.toString('utf8').split('\n');
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}

/** Resolves `command` the way spawn() will: as a path when it has a slash, otherwise on `env.PATH`. */
export function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (command.includes('/')) return isExecutable(command) ? command : undefined;
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    // Relative entries (and '', the current directory) depend on the cwd; the stack never relies on them.
    if (!isAbsolute(directory)) continue;
    const candidate = join(directory, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
