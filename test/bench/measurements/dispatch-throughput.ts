// Measurement 1: dispatch against a bare forwarder, both on the Functions
// Framework, both driven by the same load generator with the same signed
// pushes, both delivering to the same sink process.
//   - throughput: deliveries/s at a fixed concurrency that saturates the server,
//     in paired rounds (throughput-rounds.ts); the figure is the median ratio;
//   - added latency: at concurrency 1, dispatch's latency percentiles minus the
//     forwarder's, i.e. what eventq adds to the network hop it already costs.
// With --compare-dispatch, another build's dispatch runs in every throughput
// round too, so a change to the push path states its ratio before and after,
// measured against the same forwarder in the same run.
import { LOCAL_PROJECT_ID } from '../../../emulator/start-stack';
import { queueSubscriptionPath } from '../../../functions/src/tenancy/resource-names';
import { type LoadResult, rawRequest, runLoad } from '../load/http-load';
import { type BenchContext, putQueueDefinition } from '../support/bench-context';
import { spawnDispatch, spawnForwarder } from '../support/bench-subjects';
import { CpuMeter, type CpuPerPush } from '../support/cpu-meter';
import { type FunctionProcess, waitUntilServing } from '../support/function-process';
import { benchEvent, pushBody } from '../support/push-envelopes';
import { percentile, sortedCopy } from '../support/stats';
import { type RatioRuns, type Round, roundOrder, type Subject, summariseRounds } from './throughput-rounds';

export const THROUGHPUT_TENANT = 'bench';
const QUEUE = 'throughput';
const DISTINCT_PUSHES = 1_000;
/** Alternating halves of the latency phase; an even number, so each subject goes first as often. */
const LATENCY_ROUNDS = 4;

export interface ThroughputResult {
  readonly concurrency: number;
  /** Median over the rounds of each subject's deliveries/s. */
  readonly forwarderRps: number;
  readonly dispatchRps: number;
  /** Median of the rounds' ratios (dispatch ÷ forwarder): the figure with the target. */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
  /** Every round's ratio, in order. */
  readonly ratioRuns: readonly number[];
  readonly forwarderP50Ms: number;
  readonly forwarderP99Ms: number;
  readonly dispatchP50Ms: number;
  readonly dispatchP99Ms: number;
  readonly addedP50Ms: number;
  readonly addedP99Ms: number;
  readonly deliveries: number;
  /** CPU per push of each process, every round's pushes (warm-up included). */
  readonly cpu: {
    readonly forwarder?: CpuPerPush;
    readonly dispatch?: CpuPerPush;
    readonly compared?: CpuPerPush;
  };
  /** The other build's dispatch (--compare-dispatch), against the same forwarder. */
  readonly compared?: ComparedThroughput;
}

export interface ComparedThroughput extends Omit<RatioRuns, 'runs'> {
  readonly checkout: string;
  readonly rps: number;
  readonly ratioRuns: readonly number[];
}

/** Signed push requests for the bench queue, each with its own event id. */
export async function benchPushRequests(
  ctx: BenchContext,
  prefix: string,
  count = DISTINCT_PUSHES,
  queue = QUEUE,
): Promise<Buffer[]> {
  const subscription = queueSubscriptionPath(LOCAL_PROJECT_ID, THROUGHPUT_TENANT, queue);
  const headers = { authorization: `Bearer ${await ctx.signer.sign()}`, 'content-type': 'application/json' };
  return Array.from({ length: count }, (_, i) =>
    rawRequest('POST', '/', headers, pushBody(subscription, benchEvent(`${prefix}-${i}`), `${i + 1}`)),
  );
}

/** The queue that measurements 1 and 7 push to (created once per run). */
export async function ensureThroughputQueue(ctx: BenchContext): Promise<void> {
  await putQueueDefinition(THROUGHPUT_TENANT, QUEUE, `${ctx.sink.url}/hook`);
}

/** Every push a load run had answered, warm-up included: the CPU window spans them all. */
export const answeredPushes = (result: LoadResult): number =>
  Object.values(result.statuses).reduce((a, b) => a + b, 0);

/** Fails the benchmark when a subject answered anything but 204: a fast wrong answer is no result. */
export function assertAllAcked(what: string, result: LoadResult): void {
  const other = Object.entries(result.statuses).filter(([status]) => status !== '204');
  if (other.length > 0 || result.errors > 0 || result.completed === 0) {
    throw new Error(
      `${what} did not ack every push: statuses ${JSON.stringify(result.statuses)}, ${result.errors} connection errors`,
    );
  }
}

export async function measureThroughput(ctx: BenchContext): Promise<ThroughputResult> {
  const { options } = ctx;
  const requests = await benchPushRequests(ctx, 'tput');
  const compare = options.compareDispatch;
  const processes: Partial<Record<Subject, FunctionProcess>> = {};
  try {
    processes.forwarder = await spawnForwarder(ctx, 'bench-forwarder');
    processes.dispatch = await spawnDispatch(ctx, 'bench-dispatch');
    if (compare !== undefined)
      processes.compared = await spawnDispatch(ctx, 'bench-dispatch-compared', compare);
    const running = Object.entries(processes) as [Subject, FunctionProcess][];
    await Promise.all(running.map(([, fn]) => waitUntilServing(fn)));
    const subjects = running.map(([name]) => name);
    let deliveries = 0;

    const rounds: Round[] = [];
    const cpu = new CpuMeter<Subject>(ctx.sink.group.pid);
    for (let round = 0; round < options.rounds; round++) {
      const rps: Partial<Record<Subject, number>> = {};
      for (const name of roundOrder(round, subjects)) {
        const result = await cpu.measure(
          name,
          processes[name]!.group.pid,
          () =>
            runLoad({
              port: processes[name]!.port,
              requests,
              concurrency: options.concurrency,
              warmupMs: options.throughputWarmupMs,
              durationMs: options.throughputMs,
            }),
          answeredPushes,
        );
        assertAllAcked(name, result);
        rps[name] = (result.completed / result.elapsedMs) * 1000;
        deliveries += name === 'forwarder' ? 0 : result.completed;
      }
      rounds.push(rps as Round);
    }
    const latency = await measureAddedLatency(ctx, requests, processes.forwarder, processes.dispatch);
    const summary = summariseRounds(rounds);
    return {
      concurrency: options.concurrency,
      forwarderRps: summary.forwarderRps,
      dispatchRps: summary.dispatchRps,
      ratio: summary.ratio.median,
      ratioMin: summary.ratio.min,
      ratioMax: summary.ratio.max,
      ratioRuns: summary.ratio.runs,
      ...latency,
      deliveries,
      cpu: {
        forwarder: cpu.perPush('forwarder'),
        dispatch: cpu.perPush('dispatch'),
        compared: cpu.perPush('compared'),
      },
      ...(summary.compared && compare !== undefined
        ? {
            compared: {
              checkout: compare,
              rps: summary.compared.rps,
              min: summary.compared.ratio.min,
              median: summary.compared.ratio.median,
              max: summary.compared.ratio.max,
              ratioRuns: summary.compared.ratio.runs,
            },
          }
        : {}),
    };
  } finally {
    await Promise.all(Object.values(processes).map((fn) => fn.group.stop()));
  }
}

/** Concurrency 1, alternating forwarder and dispatch, so that the difference is the hop's own cost. */
async function measureAddedLatency(
  ctx: BenchContext,
  requests: readonly Buffer[],
  forwarder: FunctionProcess,
  dispatch: FunctionProcess,
) {
  const latencies = { forwarder: [] as number[], dispatch: [] as number[] };
  const ports = { forwarder: forwarder.port, dispatch: dispatch.port };
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (const name of roundOrder(round, ['forwarder', 'dispatch'] as const)) {
      const result = await runLoad({
        port: ports[name],
        requests,
        concurrency: 1,
        totalRequests: Math.ceil(ctx.options.latencyRequests / 2),
        warmupMs: 200,
      });
      assertAllAcked(name, result);
      for (const ms of result.latenciesMs) latencies[name].push(ms);
    }
  }
  const f = sortedCopy(latencies.forwarder);
  const d = sortedCopy(latencies.dispatch);
  return {
    forwarderP50Ms: percentile(f, 50),
    forwarderP99Ms: percentile(f, 99),
    dispatchP50Ms: percentile(d, 50),
    dispatchP99Ms: percentile(d, 99),
    addedP50Ms: percentile(d, 50) - percentile(f, 50),
    addedP99Ms: percentile(d, 99) - percentile(f, 99),
  };
}
