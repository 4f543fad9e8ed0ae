// The faults of issue 20, as data laid over the publishing period: when each
// starts, what it does, and when it ends. Times are fractions of the duration
// (so the quick run has them all too), except the sink outage, which lasts
// 30 s whatever the duration (at most half of it). docs/soak.md explains why
// none of them can exhaust the delivery attempts.
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningStack } from '../../emulator/start-stack';
import type { FaultSink } from './fault-sink';
import { emptyHistory, type QueueHistory } from './queue-history';
import type { SoakApi } from './soak-api';
import {
  CONFIG_FILTERS_AFTER,
  CONFIG_TAKES_AFTER,
  type SinkFaultRole,
  SOAK_QUEUES,
  type SoakQueueSpec,
} from './soak-plan';

/** dispatch's delivery timeout in the soak (EVENTQ_DELIVERY_TIMEOUT_MS); a late answer comes 1 s after it. */
export const SOAK_DELIVERY_TIMEOUT_MS = 3_000;
export const ERROR_RATE = 0.1;
export const TIMEOUT_RATE = 0.1;
export const TOO_MANY_RATE = 0.25;
export const RETRY_AFTER_SECONDS = 2;
export const OUTAGE_SECONDS = 30;
/** dispatch stays dead this long before it is started again. */
const DISPATCH_DOWN_MS = 3_000;
const API_DOWN_MS = 2_000;

export interface FaultContext {
  readonly stack: RunningStack;
  readonly api: SoakApi;
  readonly sinks: ReadonlyMap<string, FaultSink>;
  readonly history: Map<string, QueueHistory>;
  readonly dispatchKills: number[];
  /** The sink faults on now, by role: a sink created mid-stream joins them. */
  readonly activeFaults: Map<SinkFaultRole, (sink: FaultSink) => void>;
  /** Adds a line to the fault timeline (`faults` in soak.json). */
  note(what: string): void;
  /** Creates a queue with its receiver (soak-queues.ts). */
  create(spec: SoakQueueSpec): Promise<void>;
}

export interface FaultStep {
  /** Seconds from the start of publishing. */
  readonly at: number;
  readonly what: string;
  run(ctx: FaultContext): Promise<void>;
}

function historyOf(ctx: FaultContext, key: string): QueueHistory {
  const history = ctx.history.get(key) ?? emptyHistory();
  ctx.history.set(key, history);
  return history;
}

function sinksWith(ctx: FaultContext, role: SinkFaultRole): FaultSink[] {
  return SOAK_QUEUES.filter((q) => q.faults.includes(role))
    .map((q) => ctx.sinks.get(`${q.tenant}/${q.name}`))
    .filter((s): s is FaultSink => s !== undefined);
}

const spec = (key: string): SoakQueueSpec => SOAK_QUEUES.find((q) => `${q.tenant}/${q.name}` === key)!;

async function restartDispatch(ctx: FaultContext, which: string): Promise<void> {
  const killedAt = Date.now();
  ctx.dispatchKills.push(killedAt);
  await ctx.stack.killProcess('dispatch');
  ctx.note(`dispatch killed (SIGKILL, ${which})`);
  await sleep(DISPATCH_DOWN_MS);
  await ctx.stack.startProcess('dispatch');
  ctx.note(`dispatch answering again after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
}

/** The api goes away; the PATCH of filters is sent while it is down (retried until it answers), then pause and resume. */
async function restartApi(ctx: FaultContext, pauseMs: number): Promise<void> {
  await ctx.stack.stopProcess('api');
  ctx.note('api stopped (restart)');
  const patchFrom = Date.now();
  const patch = ctx.api.expect(200, 'soak-a', 'PATCH', '/v1/queues/config', {
    filters: CONFIG_FILTERS_AFTER,
  });
  await sleep(API_DOWN_MS);
  await ctx.stack.startProcess('api');
  ctx.note('api answering again');
  await patch;
  historyOf(ctx, 'soak-a/config').filterChanges.push({
    from: patchFrom,
    to: Date.now(),
    filters: CONFIG_FILTERS_AFTER,
    takes: CONFIG_TAKES_AFTER,
  });
  ctx.note(`soak-a/config filters changed to ${JSON.stringify(CONFIG_FILTERS_AFTER)}`);
  const pauseFrom = Date.now();
  await ctx.api.expect(200, 'soak-c', 'PATCH', '/v1/queues/paused', { status: 'paused' });
  ctx.note('soak-c/paused paused');
  await sleep(pauseMs);
  await ctx.api.expect(200, 'soak-c', 'PATCH', '/v1/queues/paused', { status: 'active' });
  historyOf(ctx, 'soak-c/paused').pauses.push({ from: pauseFrom, to: Date.now() });
  ctx.note('soak-c/paused resumed');
}

export function faultSchedule(durationSeconds: number): FaultStep[] {
  const at = (fraction: number) => Math.round(fraction * durationSeconds * 10) / 10;
  const outage = Math.min(OUTAGE_SECONDS, durationSeconds / 2);
  const pauseMs = Math.round(Math.min(15, Math.max(5, durationSeconds * 0.04)) * 1000);
  const window = (
    role: SinkFaultRole,
    set: (s: FaultSink, on: boolean) => void,
    from: number,
    to: number | undefined,
    what: string,
  ): FaultStep[] => {
    const turn = (on: boolean) => async (ctx: FaultContext) => {
      const sinks = sinksWith(ctx, role);
      for (const sink of sinks) set(sink, on);
      if (on) ctx.activeFaults.set(role, (sink) => set(sink, true));
      else ctx.activeFaults.delete(role);
      ctx.note(`${what}: ${on ? 'start' : 'end'} (${sinks.map((s) => s.queue).join(', ')})`);
    };
    const start: FaultStep = { at: at(from), what: `${what}: start`, run: turn(true) };
    return to === undefined ? [start] : [start, { at: at(to), what: `${what}: end`, run: turn(false) }];
  };
  return [
    // On to the end, the drain included: what is delivered after publishing stops meets it too.
    ...window(
      'errors',
      (s) => {
        s.faults.errorRate = ERROR_RATE;
      },
      0,
      undefined,
      `sinks answer 5xx to ${ERROR_RATE * 100} % of deliveries, to the end`,
    ),
    ...window(
      'timeouts',
      (s, on) => {
        s.faults.timeoutRate = on ? TIMEOUT_RATE : 0;
        s.faults.lateAnswerMs = SOAK_DELIVERY_TIMEOUT_MS + 1_000;
      },
      0.1,
      0.25,
      `sinks answer ${TIMEOUT_RATE * 100} % of deliveries after dispatch's ${SOAK_DELIVERY_TIMEOUT_MS} ms timeout`,
    ),
    {
      at: at(0.15),
      what: 'dispatch killed and restarted (1 of 2)',
      run: (ctx) => restartDispatch(ctx, '1 of 2'),
    },
    ...window(
      'too-many',
      (s, on) => {
        s.faults.tooManyRate = on ? TOO_MANY_RATE : 0;
        s.faults.retryAfterSeconds = RETRY_AFTER_SECONDS;
      },
      0.3,
      0.37,
      `sinks answer 429 Retry-After: ${RETRY_AFTER_SECONDS} to ${TOO_MANY_RATE * 100} % of deliveries`,
    ),
    {
      at: at(0.35),
      what: 'soak-b/doomed deleted',
      run: async (ctx) => {
        const from = Date.now();
        await ctx.api.expect(204, 'soak-b', 'DELETE', '/v1/queues/doomed');
        historyOf(ctx, 'soak-b/doomed').deleted = { from, to: Date.now() };
        ctx.note('soak-b/doomed deleted');
      },
    },
    {
      at: at(0.45),
      what: `sinks down for ${outage} s`,
      run: async (ctx) => {
        const down = sinksWith(ctx, 'down');
        await Promise.all(down.map((s) => s.goDown()));
        ctx.note(`${down.map((s) => s.queue).join(', ')} down (connections refused)`);
        await sleep(outage * 1000);
        await Promise.all(down.map((s) => s.comeBack()));
        ctx.note(`${down.map((s) => s.queue).join(', ')} back after ${outage} s`);
      },
    },
    {
      at: at(0.5),
      what: 'api restarted; filters patched, a queue paused and resumed',
      run: (ctx) => restartApi(ctx, pauseMs),
    },
    {
      at: at(0.55),
      what: 'soak-c/latecomer created',
      run: async (ctx) => {
        const from = Date.now();
        const latecomer = spec('soak-c/latecomer');
        await ctx.create(latecomer);
        const sink = ctx.sinks.get('soak-c/latecomer');
        for (const role of latecomer.faults) if (sink) ctx.activeFaults.get(role)?.(sink);
        historyOf(ctx, 'soak-c/latecomer').created = { from, to: Date.now() };
        ctx.note('soak-c/latecomer created');
      },
    },
    {
      at: at(0.65),
      what: 'dispatch killed and restarted (2 of 2)',
      run: (ctx) => restartDispatch(ctx, '2 of 2'),
    },
    {
      at: at(0.8),
      what: 'soak-a/everything replays the last minute',
      run: async (ctx) => {
        const from = Date.now();
        const since = from - 60_000;
        await ctx.api.expect(200, 'soak-a', 'POST', '/v1/queues/everything:replay', {
          since: new Date(since).toISOString(),
        });
        historyOf(ctx, 'soak-a/everything').replays.push({ from, to: Date.now(), since });
        ctx.note(`soak-a/everything replayed since ${new Date(since).toISOString()}`);
      },
    },
  ];
}

/** Runs each step at its time; resolves once all have finished. A step that fails is reported, and the others go on. */
export function runFaultSchedule(
  steps: readonly FaultStep[],
  ctx: FaultContext,
  failed: (what: string, error: Error) => void,
): Promise<void> {
  const runs = steps.map(
    (step) =>
      new Promise<void>((resolve) => {
        setTimeout(() => {
          step.run(ctx).then(resolve, (error: unknown) => {
            failed(step.what, error instanceof Error ? error : new Error(String(error)));
            resolve();
          });
        }, step.at * 1000);
      }),
  );
  return Promise.all(runs).then(() => undefined);
}
