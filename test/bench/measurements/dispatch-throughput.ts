// Measurement 1: dispatch against a bare forwarder, both on the Functions
// Framework, both driven by the same load generator with the same signed
// pushes, both delivering to the same sink process.
//   - throughput: deliveries/s at a fixed concurrency that saturates the server;
//   - added latency: at concurrency 1, dispatch's latency percentiles minus the
//     forwarder's, i.e. what eventq adds to the network hop it already costs.
import { LOCAL_PROJECT_ID } from '../../../emulator/start-stack';
import { queueSubscriptionPath } from '../../../functions/src/tenancy/resource-names';
import { type LoadResult, rawRequest, runLoad } from '../load/http-load';
import { type BenchContext, putQueueDefinition } from '../support/bench-context';
import { fixtureSource, spawnFunction, waitUntilServing } from '../support/function-process';
import { benchEvent, pushBody } from '../support/push-envelopes';
import { percentile, sortedCopy } from '../support/stats';

export const THROUGHPUT_TENANT = 'bench';
const QUEUE = 'throughput';
const DISTINCT_PUSHES = 1_000;

export interface ThroughputResult {
  readonly concurrency: number;
  readonly forwarderRps: number;
  readonly dispatchRps: number;
  readonly ratio: number;
  readonly forwarderP50Ms: number;
  readonly forwarderP99Ms: number;
  readonly dispatchP50Ms: number;
  readonly dispatchP99Ms: number;
  readonly addedP50Ms: number;
  readonly addedP99Ms: number;
  readonly deliveries: number;
}

/** Signed push requests for the bench queue, each with its own event id. */
export async function benchPushRequests(
  ctx: BenchContext,
  prefix: string,
  count = DISTINCT_PUSHES,
): Promise<Buffer[]> {
  const subscription = queueSubscriptionPath(LOCAL_PROJECT_ID, THROUGHPUT_TENANT, QUEUE);
  const headers = { authorization: `Bearer ${await ctx.signer.sign()}`, 'content-type': 'application/json' };
  return Array.from({ length: count }, (_, i) =>
    rawRequest('POST', '/', headers, pushBody(subscription, benchEvent(`${prefix}-${i}`), `${i + 1}`)),
  );
}

/** The queue that measurements 1 and 7 push to (created once per run). */
export async function ensureThroughputQueue(ctx: BenchContext): Promise<void> {
  await putQueueDefinition(THROUGHPUT_TENANT, QUEUE, `${ctx.sink.url}/hook`);
}

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
  const forwarder = await spawnFunction({
    name: 'bench-forwarder',
    target: 'forward',
    source: fixtureSource('bare-forwarder'),
    env: { ...process.env, NODE_ENV: 'production', BENCH_FORWARD_TO: `${ctx.sink.url}/hook` },
    logDir: ctx.logDir,
  });
  const dispatch = await spawnFunction({
    name: 'bench-dispatch',
    target: 'dispatch',
    env: ctx.dispatchEnv,
    logDir: ctx.logDir,
  });
  try {
    await Promise.all([waitUntilServing(forwarder), waitUntilServing(dispatch)]);
    const subjects = { forwarder: forwarder.port, dispatch: dispatch.port };
    const totals = { forwarder: { completed: 0, ms: 0 }, dispatch: { completed: 0, ms: 0 } };
    const latencies = { forwarder: [] as Float64Array[], dispatch: [] as Float64Array[] };
    let deliveries = 0;

    for (let round = 0; round < options.rounds; round++) {
      for (const name of ['forwarder', 'dispatch'] as const) {
        const result = await runLoad({
          port: subjects[name],
          requests,
          concurrency: options.concurrency,
          warmupMs: options.throughputWarmupMs,
          durationMs: options.throughputMs,
        });
        assertAllAcked(name, result);
        totals[name].completed += result.completed;
        totals[name].ms += result.elapsedMs;
        deliveries += name === 'dispatch' ? result.completed : 0;
      }
    }
    for (let round = 0; round < options.rounds * 2; round++) {
      for (const name of ['forwarder', 'dispatch'] as const) {
        const result = await runLoad({
          port: subjects[name],
          requests,
          concurrency: 1,
          totalRequests: Math.ceil(options.latencyRequests / 2),
          warmupMs: 200,
        });
        assertAllAcked(name, result);
        latencies[name].push(Float64Array.from(result.latenciesMs));
      }
    }
    const rps = (name: 'forwarder' | 'dispatch') => (totals[name].completed / totals[name].ms) * 1000;
    const sorted = (name: 'forwarder' | 'dispatch') =>
      sortedCopy(latencies[name].flatMap((a) => Array.from(a)));
    const f = sorted('forwarder');
    const d = sorted('dispatch');
    const result = {
      concurrency: options.concurrency,
      forwarderRps: rps('forwarder'),
      dispatchRps: rps('dispatch'),
      ratio: rps('dispatch') / rps('forwarder'),
      forwarderP50Ms: percentile(f, 50),
      forwarderP99Ms: percentile(f, 99),
      dispatchP50Ms: percentile(d, 50),
      dispatchP99Ms: percentile(d, 99),
      addedP50Ms: percentile(d, 50) - percentile(f, 50),
      addedP99Ms: percentile(d, 99) - percentile(f, 99),
      deliveries,
    };
    return result;
  } finally {
    await Promise.all([forwarder.group.stop(), dispatch.group.stop()]);
  }
}
