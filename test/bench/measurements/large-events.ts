// Issue 13, item 5: what large events cost a shared dispatch instance. Twenty
// pushes of a 10 MB event each, in flight together (the sink holds every
// answer for a while), to a binary-mode and then a structured-mode queue; the
// figure is the process's peak resident memory (VmHWM) above what it used
// idle, per event in flight. The in-flight budget is raised for this run so
// that all twenty are admitted; with the default (64 MiB) most are answered
// 503 and pushed again later, which the last figure counts.
// With --compare-dispatch the other build is measured the same way.
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { LOCAL_PROJECT_ID } from '../../../emulator/start-stack';
import { queueSubscriptionPath } from '../../../functions/src/tenancy/resource-names';
import { rawRequest, runLoad } from '../load/http-load';
import { type BenchContext, putQueueDefinition } from '../support/bench-context';
import {
  type FunctionProcess,
  residentMiB,
  spawnFunction,
  waitUntilServing,
} from '../support/function-process';
import { benchEvent, pushBody } from '../support/push-envelopes';
import { THROUGHPUT_TENANT } from './dispatch-throughput';

const EVENTS = 20;
const EVENT_BYTES = 10 * 1024 * 1024;
const SINK_HOLD_MS = 3_000;

export interface LargeEventsRun {
  readonly contentMode: 'binary' | 'structured';
  readonly idleMiB: number;
  readonly peakMiB: number;
  /** (peak − idle) ÷ events in flight. */
  readonly perEventMiB: number;
}

export interface LargeEventsSubject {
  readonly runs: readonly LargeEventsRun[];
  /** With the default in-flight budget: how many of the twenty were answered 503 at once. */
  readonly refusedAtDefaultBudget: number;
}

export interface LargeEventsResult {
  readonly events: number;
  readonly eventMiB: number;
  readonly dispatch: LargeEventsSubject;
  readonly compared?: LargeEventsSubject & { readonly checkout: string };
}

/** Peak resident set size of a process so far (VmHWM), MiB. */
async function peakResidentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kb) / 1024;
}

/** JSON data of `bytes` bytes: one long string member, as a firmware blob or a log dump would be. */
function largeData(bytes: number, seed: string): Buffer {
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(Math.ceil(bytes / 36)).slice(0, bytes - 20);
  return Buffer.from(JSON.stringify({ seed, blob: filler }).padEnd(bytes, ' '));
}

async function pushes(ctx: BenchContext, queue: string, prefix: string): Promise<Buffer[]> {
  const subscription = queueSubscriptionPath(LOCAL_PROJECT_ID, THROUGHPUT_TENANT, queue);
  const headers = { authorization: `Bearer ${await ctx.signer.sign()}`, 'content-type': 'application/json' };
  return Array.from({ length: EVENTS }, (_, i) => {
    const id = `${prefix}-${i}`;
    const event = { ...benchEvent(id), data: largeData(EVENT_BYTES, id) };
    return rawRequest('POST', '/', headers, pushBody(subscription, event, `${prefix}-${i + 1}`));
  });
}

/** Sends every request at once, each on its own connection, and counts the statuses answered. */
async function sendTogether(port: number, requests: readonly Buffer[]): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  await Promise.all(
    requests.map(
      (request) =>
        new Promise<void>((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
          let head = '';
          socket.on('data', (chunk) => {
            head += chunk.toString('latin1');
            const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
            if (status === undefined) return;
            statuses[Number(status)] = (statuses[Number(status)] ?? 0) + 1;
            socket.destroy();
            resolve();
          });
          socket.on('error', reject);
        }),
    ),
  );
  return statuses;
}

function spawn(ctx: BenchContext, name: string, mibInFlight: number, checkout?: string) {
  return spawnFunction({
    name,
    target: 'dispatch',
    env: { ...ctx.dispatchEnv, EVENTQ_MAX_MIB_IN_FLIGHT: String(mibInFlight) },
    logDir: ctx.logDir,
    ...(checkout === undefined ? {} : { checkout }),
  });
}

async function measureOne(ctx: BenchContext, name: string, checkout?: string): Promise<LargeEventsSubject> {
  const runs: LargeEventsRun[] = [];
  for (const contentMode of ['binary', 'structured'] as const) {
    // A fresh process per mode, so that each peak is its own.
    const fn: FunctionProcess = await spawn(ctx, `${name}-${contentMode}`, 4096, checkout);
    try {
      await waitUntilServing(fn);
      const requests = await pushes(ctx, `large-${contentMode}`, `${name}-${contentMode}-${Date.now()}`);
      // One small push first, so that idle includes everything a push loads.
      await runLoad({ port: fn.port, requests: requests.slice(0, 1), concurrency: 1, totalRequests: 1 });
      const idleMiB = await residentMiB(fn.group.pid);
      const statuses = await sendTogether(fn.port, requests);
      if ((statuses[204] ?? 0) !== EVENTS)
        throw new Error(`${name} (${contentMode}) answered ${JSON.stringify(statuses)}`);
      const peakMiB = await peakResidentMiB(fn.group.pid);
      runs.push({ contentMode, idleMiB, peakMiB, perEventMiB: (peakMiB - idleMiB) / EVENTS });
    } finally {
      await fn.group.stop();
    }
  }
  const fn = await spawn(ctx, `${name}-default-budget`, 64, checkout);
  try {
    await waitUntilServing(fn);
    const requests = await pushes(ctx, 'large-binary', `${name}-budget-${Date.now()}`);
    const statuses = await sendTogether(fn.port, requests);
    return { runs, refusedAtDefaultBudget: statuses[503] ?? 0 };
  } finally {
    await fn.group.stop();
  }
}

export async function measureLargeEvents(ctx: BenchContext): Promise<LargeEventsResult> {
  const sink = `${ctx.sink.url}/hook?delayMs=${SINK_HOLD_MS}`;
  await putQueueDefinition(THROUGHPUT_TENANT, 'large-binary', sink);
  await putQueueDefinition(THROUGHPUT_TENANT, 'large-structured', sink, { contentMode: 'structured' });
  const dispatch = await measureOne(ctx, 'bench-dispatch-large');
  const checkout = ctx.options.compareDispatch;
  const compared =
    checkout === undefined
      ? undefined
      : { ...(await measureOne(ctx, 'bench-dispatch-large-compared', checkout)), checkout };
  return { events: EVENTS, eventMiB: EVENT_BYTES / 2 ** 20, dispatch, ...(compared && { compared }) };
}
