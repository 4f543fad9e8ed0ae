// The pull queue's consumer: the reference client a tenant runs,
// `eventq queues listen <name> <creds-file>`, as its own process. Every JSON
// line it prints is an event it took (and acked).
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../emulator/repo-root';
import type { TakeLog } from './soak-takes';

export interface PullConsumer {
  readonly pid: number;
  stop(): Promise<void>;
}

export function startPullConsumer(options: {
  readonly queue: string;
  readonly queueKey: string;
  readonly credentials: unknown;
  readonly workDir: string;
  readonly takes: TakeLog;
}): PullConsumer {
  const credsFile = path.join(options.workDir, `${options.queue}-credentials.json`);
  writeFileSync(credsFile, JSON.stringify(options.credentials), { mode: 0o600 });
  const stderr = createWriteStream(path.join(options.workDir, `${options.queue}-listen.log`));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot(), 'bin', 'eventq.js'), 'queues', 'listen', options.queue, credsFile],
    // Its own process group, so that stopping it stops all of it, and never by name.
    { cwd: repoRoot(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr?.pipe(stderr);
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    const at = Date.now();
    try {
      const event = JSON.parse(line) as { id?: unknown };
      options.takes.record({ queue: options.queueKey, eventId: String(event.id), at, late: false });
    } catch {
      stderr.write(`not an event line: ${line}\n`);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  return {
    pid: child.pid!,
    async stop() {
      process.removeListener('exit', killOnExit);
      // SIGINT: the listener lets in-flight events finish and flushes its acks.
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        return;
      }
      const timer = setTimeout(killOnExit, 10_000);
      await exited;
      clearTimeout(timer);
      stderr.end();
    },
  };
}
