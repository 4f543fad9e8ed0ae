// Waits until a freshly started local-stack process answers HTTP, and fails
// fast with its log when it dies instead: a port clash or a missing Java shows
// up in the log, not in a timeout.

import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProcessGroup, StackStartError } from './process-group';

export interface WaitForHttpOptions {
  timeoutMs: number;
  /** The process expected to answer: its exit ends the wait at once, and its log tail goes into errors. */
  process?: ProcessGroup;
  /** Which status means ready; default: 200. */
  expectStatus?: (status: number) => boolean;
  /** Pause between attempts; default 75 ms. */
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 75;
// One attempt must not eat the whole budget when a half-started server accepts
// the connection but does not answer yet.
const ATTEMPT_TIMEOUT_MS = 1_000;
const MIN_ATTEMPT_MS = 100;
const LOG_TAIL_LINES = 20;

type Attempt = { status: number } | { problem: string };

export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<void> {
  const { timeoutMs, process: group } = options;
  const expectStatus = options.expectStatus ?? ((status: number) => status === 200);
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const deadline = Date.now() + timeoutMs;

  let exit: { code: number | null } | undefined;
  const exited = group?.exited.then((code) => {
    exit = { code };
  });

  for (;;) {
    // At least MIN_ATTEMPT_MS even at the deadline, so that the last attempt
    // reports what the server does rather than an attempt cut short.
    const budget = Math.min(ATTEMPT_TIMEOUT_MS, Math.max(MIN_ATTEMPT_MS, deadline - Date.now()));
    const attempt = await probe(url, budget);
    // Checked after the attempt as well: an answer while our process is dead
    // comes from someone else on that port.
    if (exit && group) throw exitedError(group, url, exit.code);
    if ('status' in attempt && expectStatus(attempt.status)) return;
    if (Date.now() >= deadline) {
      throw timeoutError(
        url,
        timeoutMs,
        'status' in attempt ? `status ${attempt.status}` : attempt.problem,
        group,
      );
    }
    await (exited ? Promise.race([sleep(intervalMs), exited]) : sleep(intervalMs));
  }
}

function probe(url: string, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    // No keep-alive agent: a pooled socket would outlive the wait and hold the test process open.
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ problem: error.code ?? error.message }));
  });
}

function exitedError(group: ProcessGroup, url: string, code: number | null): StackStartError {
  const how = code === null ? 'was killed by a signal' : `exited with code ${code}`;
  return new StackStartError(`${group.name} ${how} before answering at ${url}${logSection(group)}`);
}

function timeoutError(url: string, timeoutMs: number, last: string, group?: ProcessGroup): StackStartError {
  const who = group ? `${group.name} did not answer` : 'no answer';
  return new StackStartError(
    `${who} at ${url} within ${timeoutMs} ms (last attempt: ${last})${logSection(group)}`,
  );
}

function logSection(group?: ProcessGroup): string {
  if (!group) return '';
  const tail = group.logTail(LOG_TAIL_LINES);
  return tail === '' ? ` (log ${group.logFile} is empty)` : `; last lines of ${group.logFile}:\n${tail}`;
}
