// A long-running process (`eventq queues listen`, the example consumer) as a
// test drives it: its stdout as JSON lines, waited on with a deadline, and a
// SIGINT stop that reports the exit code.
import { type ChildProcess, spawn } from 'node:child_process';

export class LongRunning {
  readonly lines: Array<Record<string, unknown>> = [];
  stderr = '';
  private buffered = '';
  private readonly exited: Promise<number | null>;
  private waiters: Array<() => void> = [];

  constructor(private readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.buffered += chunk;
      let newline = this.buffered.indexOf('\n');
      while (newline >= 0) {
        const line = this.buffered.slice(0, newline);
        this.buffered = this.buffered.slice(newline + 1);
        if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
        newline = this.buffered.indexOf('\n');
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static start(args: string[], env: NodeJS.ProcessEnv = process.env): LongRunning {
    return new LongRunning(spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Resolves once `count` lines have arrived; fails with what did arrive after `timeoutMs`. */
  async waitForLines(count: number, timeoutMs = 60_000): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`expected ${count} lines, got ${this.lines.length}; stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.lines.slice(0, count);
  }

  /** Ctrl-C, then the exit code. */
  async interrupt(): Promise<number | null> {
    this.child.kill('SIGINT');
    return this.exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
