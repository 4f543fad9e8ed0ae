// Measurement 2: cold start. From the spawn of a fresh Functions Framework
// process to the first event delivered to the sink, against the framework's
// hello world from spawn to its first answer. Both are probed the same way: a
// request every 2 ms until one is taken. Runs alternate; medians are compared.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_PROJECT_ID } from '../../../emulator/start-stack';
import { queueSubscriptionPath } from '../../../functions/src/tenancy/resource-names';
import { type BenchContext, putQueueDefinition } from '../support/bench-context';
import { type FunctionProcess, fixtureSource, spawnFunction } from '../support/function-process';
import { benchEvent, pushBody } from '../support/push-envelopes';
import type { RecordingSink } from '../support/recording-sink';
import { median } from '../support/stats';

const TENANT = 'bench';
const QUEUE = 'cold-start';
const PROBE_INTERVAL_MS = 2;
const GIVE_UP_MS = 30_000;

export interface ColdStartResult {
  readonly helloWorldMs: number;
  readonly dispatchMs: number;
  readonly ratio: number;
  readonly helloWorldRunsMs: readonly number[];
  readonly dispatchRunsMs: readonly number[];
}

/** One request; resolves with its status, or undefined when nothing listens yet. */
function attempt(
  port: number,
  method: string,
  headers: http.OutgoingHttpHeaders,
  body?: Buffer,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', method, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

async function probeUntilAnswered(
  fn: FunctionProcess,
  send: () => Promise<number | undefined>,
): Promise<number> {
  for (;;) {
    const status = await send();
    if (status !== undefined) return status;
    if (performance.now() - fn.spawnedAt > GIVE_UP_MS || !fn.group.isRunning()) {
      throw new Error(`${fn.group.name} did not answer: ${fn.group.logTail()}`);
    }
    await sleep(PROBE_INTERVAL_MS);
  }
}

async function helloWorldColdStart(ctx: BenchContext): Promise<number> {
  const fn = await spawnFunction({
    name: 'bench-hello-world',
    target: 'helloWorld',
    source: fixtureSource('hello-world'),
    env: { ...process.env, NODE_ENV: 'production' },
    logDir: ctx.logDir,
  });
  try {
    const status = await probeUntilAnswered(fn, () => attempt(fn.port, 'GET', {}));
    const elapsed = performance.now() - fn.spawnedAt;
    if (status !== 200) throw new Error(`hello world answered ${status}`);
    return elapsed;
  } finally {
    await fn.group.stop();
  }
}

async function dispatchColdStart(ctx: BenchContext, sink: RecordingSink, run: number): Promise<number> {
  const id = `cold-${run}-${Date.now()}`;
  const body = pushBody(queueSubscriptionPath(LOCAL_PROJECT_ID, TENANT, QUEUE), benchEvent(id), `${run + 1}`);
  const headers = {
    authorization: `Bearer ${await ctx.signer.sign()}`,
    'content-type': 'application/json',
    'content-length': body.length,
  };
  let arrivedAt: number | undefined;
  sink.onArrival((arrival) => {
    if (arrival.headers['ce-id'] === id) arrivedAt ??= arrival.at;
  });
  const fn = await spawnFunction({
    name: 'bench-dispatch-cold',
    target: 'dispatch',
    env: ctx.dispatchEnv,
    logDir: ctx.logDir,
  });
  try {
    const status = await probeUntilAnswered(fn, () => attempt(fn.port, 'POST', headers, body));
    if (status !== 204 || arrivedAt === undefined) {
      throw new Error(`dispatch answered the first push with ${status}: ${fn.group.logTail()}`);
    }
    return arrivedAt - fn.spawnedAt;
  } finally {
    sink.onArrival(undefined);
    await fn.group.stop();
  }
}

export async function measureColdStart(ctx: BenchContext, sink: RecordingSink): Promise<ColdStartResult> {
  await putQueueDefinition(TENANT, QUEUE, `${sink.url}/cold-start`);
  const hello: number[] = [];
  const dispatch: number[] = [];
  for (let run = 0; run < ctx.options.coldStarts; run++) {
    hello.push(await helloWorldColdStart(ctx));
    dispatch.push(await dispatchColdStart(ctx, sink, run));
  }
  return {
    helloWorldMs: median(hello),
    dispatchMs: median(dispatch),
    ratio: median(dispatch) / median(hello),
    helloWorldRunsMs: hello,
    dispatchRunsMs: dispatch,
  };
}
