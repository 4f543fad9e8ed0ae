// Measurement 12: dispatch throughput with a CloudEvents SQL filter on the
// queue (issue 17: "the dispatch throughput ratio with such a filter on the
// queue, target ≥ 0.9×"), by measurement 1's paired rounds against the bare
// forwarder. The same dispatch process also serves the measurement-1 queue
// (types and a prefix filter) in the same rounds, in the `compared` slot, so
// the table shows what the sql dialect costs beside the native ones. The
// expression has the shape of the typical one and matches every bench
// event, so that every push is a delivery (a filtered push is cheaper).

import { runLoad } from '../load/http-load';
import type { BenchContext } from '../support/bench-context';
import { putQueueDefinition } from '../support/bench-context';
import { spawnDispatch, spawnForwarder } from '../support/bench-subjects';
import { type FunctionProcess, waitUntilServing } from '../support/function-process';
import { median } from '../support/stats';
import { assertAllAcked, benchPushRequests, THROUGHPUT_TENANT } from './dispatch-throughput';
import { type Round, roundOrder, summariseRounds } from './throughput-rounds';

const SQL_QUEUE = 'throughput-sql';
export const SQL_FILTER_EXPRESSION = "type LIKE 'DEVICE_%' AND subject = 'devices/7f3c'";

export interface SqlFilterThroughputResult {
  readonly expression: string;
  readonly concurrency: number;
  readonly forwarderRps: number;
  readonly dispatchRps: number;
  /** Median of the rounds' (dispatch with the sql filter ÷ forwarder). */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
  readonly ratioRuns: readonly number[];
  /** The same dispatch with measurement 1's native filters, same rounds. */
  readonly nativeRps: number;
  /** Median of the rounds' (sql ÷ native). */
  readonly ratioToNative: number;
}

export async function measureSqlFilterThroughput(ctx: BenchContext): Promise<SqlFilterThroughputResult> {
  const { options } = ctx;
  await putQueueDefinition(THROUGHPUT_TENANT, SQL_QUEUE, `${ctx.sink.url}/hook`, {
    types: [],
    filters: [{ sql: SQL_FILTER_EXPRESSION }],
  });
  const requests = {
    dispatch: await benchPushRequests(ctx, 'sql', undefined, SQL_QUEUE),
    compared: await benchPushRequests(ctx, 'native'),
  };
  let forwarder: FunctionProcess | undefined;
  let dispatch: FunctionProcess | undefined;
  try {
    forwarder = await spawnForwarder(ctx, 'bench-forwarder-sql');
    dispatch = await spawnDispatch(ctx, 'bench-dispatch-sql');
    await Promise.all([waitUntilServing(forwarder), waitUntilServing(dispatch)]);
    const rounds: Round[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const rps = { forwarder: 0, dispatch: 0, compared: 0 };
      for (const name of roundOrder(round, ['forwarder', 'dispatch', 'compared'] as const)) {
        const result = await runLoad({
          port: name === 'forwarder' ? forwarder.port : dispatch.port,
          requests: name === 'forwarder' ? requests.dispatch : requests[name],
          concurrency: options.concurrency,
          warmupMs: options.throughputWarmupMs,
          durationMs: options.throughputMs,
        });
        assertAllAcked(`${name} (sql filter)`, result);
        rps[name] = (result.completed / result.elapsedMs) * 1000;
      }
      rounds.push(rps);
    }
    const summary = summariseRounds(rounds);
    return {
      expression: SQL_FILTER_EXPRESSION,
      concurrency: options.concurrency,
      forwarderRps: summary.forwarderRps,
      dispatchRps: summary.dispatchRps,
      ratio: summary.ratio.median,
      ratioMin: summary.ratio.min,
      ratioMax: summary.ratio.max,
      ratioRuns: summary.ratio.runs,
      nativeRps: summary.compared!.rps,
      ratioToNative: median(rounds.map((r) => r.dispatch / r.compared!)),
    };
  } finally {
    await Promise.all([forwarder?.group.stop(), dispatch?.group.stop()]);
  }
}
