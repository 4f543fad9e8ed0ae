// Measurement 8: dispatch with the message log on, against the bare forwarder
// and against dispatch with the log off, in the same rounds (measurement 1's
// bookkeeping, throughput-rounds.ts; the log-off dispatch takes the `compared`
// slot): the log's cost on the push path. The log-on dispatch reads and writes
// Firestore through a counting proxy (support/commit-counter.ts), which gives
// the log's Firestore commits per 1,000 deliveries, the figure of the issue's
// "at most one commit per 100 deliveries at load". The proxy answers the log's
// commits itself, as a remote Firestore would: applied by the emulator on the
// same two cores, they took a third of dispatch's throughput (0.65× against
// 0.88× in one run of 2026-12-02), which is the emulator's cost, not eventq's. Every push is a distinct event, so that entries are
// not coalesced more than real traffic would allow; the last entries are
// written by the SIGTERM flush when the process stops, and counted.

import { runLoad } from '../load/http-load';
import type { BenchContext } from '../support/bench-context';
import { spawnDispatch, spawnForwarder } from '../support/bench-subjects';
import { startCommitCounter } from '../support/commit-counter';
import { CpuMeter } from '../support/cpu-meter';
import { type FunctionProcess, waitUntilServing } from '../support/function-process';
import { median } from '../support/stats';
import { answeredPushes, assertAllAcked, benchPushRequests } from './dispatch-throughput';
import { type Round, roundOrder, type Subject, summariseRounds } from './throughput-rounds';

/** More distinct events than a run delivers at this machine's rate, so each entry is written about once. */
const DISTINCT_EVENTS = 20_000;
const QUIET_AFTER_STOP_MS = 500;

export interface MessageLogResult {
  readonly concurrency: number;
  readonly forwarderRps: number;
  readonly dispatchRps: number;
  /** Median of the rounds' ratios (dispatch with the log ÷ forwarder). */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
  readonly ratioRuns: readonly number[];
  /** Dispatch with the log off, in the same rounds. */
  readonly logOffRps: number;
  /** Median of the rounds' (log on ÷ log off): what the log alone costs. */
  readonly ratioToLogOff: number;
  readonly ratioToLogOffRuns: readonly number[];
  /** CPU time of dispatch per push taken, log on and log off (every round, warm-up included). */
  readonly cpuMicrosPerPush: { readonly logOn: number; readonly logOff: number };
  readonly deliveries: number;
  readonly logCommits: number;
  readonly logWrites: number;
  readonly commitsPer1000Deliveries: number;
}

export async function measureMessageLog(ctx: BenchContext): Promise<MessageLogResult> {
  const { options } = ctx;
  const requests = await benchPushRequests(ctx, `log-${Date.now()}`, DISTINCT_EVENTS);
  const counter = await startCommitCounter(ctx.stack.info.firestoreEmulatorHost, {
    answerLogCommits: true,
  });
  let forwarder: FunctionProcess | undefined;
  let dispatch: FunctionProcess | undefined;
  let logOff: FunctionProcess | undefined;
  try {
    forwarder = await spawnForwarder(ctx, 'bench-forwarder-log');
    logOff = await spawnDispatch(ctx, 'bench-dispatch-log-off', undefined, {
      EVENTQ_QUEUE_CACHE_TTL_MS: '600000',
    });
    dispatch = await spawnDispatch(ctx, 'bench-dispatch-log', undefined, {
      // Every tenant at the default level, all; measurement 1 runs with the log off.
      EVENTQ_MESSAGE_LOG_LEVELS: '{}',
      FIRESTORE_EMULATOR_HOST: counter.host,
      // The emulator applies a full commit in seconds on this machine, and answers nothing else
      // meanwhile: the queue definition is read once, so that a slow emulator cannot fail a push.
      EVENTQ_QUEUE_CACHE_TTL_MS: '600000',
    });
    await Promise.all([waitUntilServing(forwarder), waitUntilServing(dispatch), waitUntilServing(logOff)]);
    const ports = { forwarder: forwarder.port, dispatch: dispatch.port, compared: logOff.port };
    let deliveries = 0;
    const rounds: Round[] = [];
    const cpu = new CpuMeter<Subject>(ctx.sink.group.pid);
    const pids = { forwarder: forwarder.group.pid, dispatch: dispatch.group.pid, compared: logOff.group.pid };
    for (let round = 0; round < options.rounds; round++) {
      const rps: Record<'forwarder' | 'dispatch' | 'compared', number> = {
        forwarder: 0,
        dispatch: 0,
        compared: 0,
      };
      for (const name of roundOrder(round, ['forwarder', 'dispatch', 'compared'] as const)) {
        const before = name === 'dispatch' ? await sinkCount(ctx) : 0;
        const result = await cpu.measure(
          name,
          pids[name],
          () =>
            runLoad({
              port: ports[name],
              requests,
              concurrency: options.concurrency,
              warmupMs: options.throughputWarmupMs,
              durationMs: options.throughputMs,
            }),
          answeredPushes,
        );
        assertAllAcked(`${name} (message log)`, result);
        rps[name] = (result.completed / result.elapsedMs) * 1000;
        // Warm-up included: every push dispatch took is an entry to write.
        if (name === 'dispatch') deliveries += (await sinkCount(ctx)) - before;
      }
      rounds.push(rps);
    }
    // SIGTERM: dispatch writes what is pending before it exits.
    await dispatch.group.stop();
    dispatch = undefined;
    await new Promise((resolve) => setTimeout(resolve, QUIET_AFTER_STOP_MS));
    const summary = summariseRounds(rounds);
    const toLogOff = rounds.map((r) => r.dispatch / r.compared!);
    const logCommits = counter.logCommits();
    if (logCommits === 0) throw new Error('dispatch wrote no message-log commit: the log is not on');
    return {
      concurrency: options.concurrency,
      forwarderRps: summary.forwarderRps,
      dispatchRps: summary.dispatchRps,
      ratio: summary.ratio.median,
      ratioMin: summary.ratio.min,
      ratioMax: summary.ratio.max,
      ratioRuns: summary.ratio.runs,
      logOffRps: summary.compared!.rps,
      ratioToLogOff: median(toLogOff),
      ratioToLogOffRuns: toLogOff,
      cpuMicrosPerPush: {
        logOn: cpu.perPush('dispatch')!.subjectMicros,
        logOff: cpu.perPush('compared')!.subjectMicros,
      },
      deliveries,
      logCommits,
      logWrites: counter.logWrites(),
      commitsPer1000Deliveries: (logCommits / deliveries) * 1000,
    };
  } finally {
    await Promise.all([forwarder?.group.stop(), dispatch?.group.stop(), logOff?.group.stop()]);
    await counter.close();
  }
}

/** Deliveries the sink has taken so far (from every subject). */
async function sinkCount(ctx: BenchContext): Promise<number> {
  const res = await fetch(`${ctx.sink.url}/count`);
  return ((await res.json()) as { deliveries: number }).deliveries;
}
