// Serves a function (dispatch, or a baseline) with the Functions Framework in a
// process group of its own, as Cloud Functions would, and records the moment
// of spawn so that cold starts are measured from it.
import path from 'node:path';
import { freePort } from '../../../emulator/free-port';
import { type ProcessGroup, registerForCleanup, spawnProcessGroup } from '../../../emulator/process-group';
import { repoRoot } from '../../../emulator/repo-root';
import { waitForHttp } from '../../../emulator/wait-for-http';

export interface FunctionProcess {
  readonly group: ProcessGroup;
  readonly port: number;
  readonly url: string;
  /** performance.now() just before spawn. */
  readonly spawnedAt: number;
}

/** The framework `checkout` installed, so that another build is served as its own lock file says. */
function functionsFrameworkMain(checkout: string): string {
  const entry = require.resolve('@google-cloud/functions-framework', { paths: [checkout] });
  return path.join(path.dirname(entry), 'main.js');
}

/** The compiled fixture file of a baseline function (dist/test/bench/fixtures/<name>.js). */
export function fixtureSource(name: 'hello-world' | 'bare-forwarder'): string {
  return path.join(__dirname, '..', 'fixtures', `${name}.js`);
}

/**
 * `BENCH_CPU_PROF_DIR=<dir>`: every function process writes a V8 CPU profile
 * there when it stops (`<name>.cpuprofile`, for Chrome DevTools or
 * speedscope): how the push path's time is spent, forwarder beside dispatch.
 * `BENCH_NODE_FLAGS`: space-separated flags for node in the same processes
 * (`--trace-gc`, `--trace-deopt`...); NODE_OPTIONS refuses most V8 flags.
 */
function benchNodeFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return [...flags, ...(dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [])];
}

export async function spawnFunction(options: {
  name: string;
  target: string;
  /** Module or directory for --source; the repository (package.json main) by default. */
  source?: string;
  /**
   * The checkout the process belongs to (its cwd and its Functions Framework):
   * this repository by default, another one for `--compare-dispatch`.
   */
  checkout?: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  port?: number;
  /** Extra flags for node itself (e.g. --cpu-prof when profiling). */
  nodeArgs?: readonly string[];
}): Promise<FunctionProcess> {
  const port = options.port ?? (await freePort());
  const checkout = options.checkout ?? repoRoot();
  const args = [
    ...(options.nodeArgs ?? []),
    ...benchNodeFlags(),
    functionsFrameworkMain(checkout),
    `--target=${options.target}`,
    `--port=${port}`,
    `--source=${options.source ?? checkout}`,
  ];
  const spawnedAt = performance.now();
  const group = spawnProcessGroup({
    name: options.name,
    command: process.execPath,
    args,
    env: { ...options.env, PORT: String(port) },
    cwd: checkout,
    logFile: path.join(options.logDir, `${options.name}.log`),
  });
  registerForCleanup(group);
  return { group, port, url: `http://127.0.0.1:${port}`, spawnedAt };
}

/** Waits until the function answers HTTP at all (any status). */
export async function waitUntilServing(fn: FunctionProcess): Promise<void> {
  try {
    await waitForHttp(`${fn.url}/`, {
      timeoutMs: 30_000,
      process: fn.group,
      expectStatus: () => true,
      intervalMs: 20,
    });
  } catch (error) {
    await fn.group.stop();
    throw error;
  }
}

/** Resident set size of a process, in MiB, from /proc (Linux). */
export async function residentMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/** Clock ticks a second of /proc/<pid>/stat's CPU times: USER_HZ, 100 on Linux. */
const USER_HZ = 100;

/**
 * CPU time the process has used so far (user + system), in ms, from
 * /proc/<pid>/stat. Unlike throughput it barely moves when another process
 * takes the cores, so it shows a process's own cost on a busy machine.
 */
export async function cpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, in parentheses): utime is the 14th field, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}
