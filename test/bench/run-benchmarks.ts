// `npm run bench [-- --quick]`: every measurement of issue 7 against its
// baseline in the same run, on this machine. Prints a table with each target
// and whether it is met, and writes .eventq/bench.json (CONTRACT.md).
//
// The in-process micro-benchmarks run first, on a quiet machine; then one
// local stack serves the HTTP measurements, each of which starts and stops its
// own function processes (in their own process groups).
//
// `--only` runs some of the measurements (bench-options.ts); the stack starts
// only when one of them needs it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../emulator/repo-root';
import { startStack } from '../../emulator/start-stack';
import {
  type BenchOptions,
  BenchUsageError,
  MEASUREMENTS,
  type MeasurementName,
  parseBenchOptions,
} from './bench-options';
import { measureCesql } from './measurements/cesql-evaluation';
import { measureValidation } from './measurements/cloudevent-validation';
import { measureColdStart } from './measurements/cold-start';
import {
  ensureThroughputQueue,
  measureThroughput,
  THROUGHPUT_TENANT,
} from './measurements/dispatch-throughput';
import { END_TO_END_TENANT, measureEndToEnd, prepareEndToEnd } from './measurements/end-to-end';
import { fanOutTenant, measureFanOut, prepareFanOut } from './measurements/fan-out';
import { measureLargeEvents } from './measurements/large-events';
import {
  LOG_SEARCH_LARGE_TENANT,
  LOG_SEARCH_SMALL_TENANT,
  measureLogSearch,
} from './measurements/log-search';
import { measureMemory } from './measurements/memory';
import { measureMessageLog } from './measurements/message-log';
import { measureSqlFilterThroughput } from './measurements/sql-filter-throughput';
import { measureTokenVerification } from './measurements/token-verification';
import { type BenchResults, benchJson, formatTable, rows } from './report/bench-report';
import { type BenchContext, dispatchEnvironment, startSinkProcess } from './support/bench-context';
import { assertBuiltCheckout } from './support/bench-subjects';
import { startPushSigner } from './support/push-signer';
import { startRecordingSink } from './support/recording-sink';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** The measurements that push to processes of their own, served by the local stack. */
const NEEDS_STACK: readonly MeasurementName[] = [
  'throughput',
  'memory',
  'cold-start',
  'end-to-end',
  'fan-out',
  'large-events',
  'message-log',
  'log-search',
  'sql-filter',
];

/** `measure()` when `--only` selected `name` (or named nothing), else undefined. */
function ifSelected<T>(options: BenchOptions, name: MeasurementName, measure: () => T): T | undefined {
  return options.only.has(name) ? measure() : undefined;
}

async function run(options: BenchOptions): Promise<void> {
  const started = performance.now();
  const root = repoRoot();
  const outDir = path.join(root, '.eventq');
  const logDir = path.join(outDir, 'logs', 'bench');
  mkdirSync(logDir, { recursive: true });

  if (options.compareDispatch !== undefined) assertBuiltCheckout(options.compareDispatch);
  const only = options.only.size < MEASUREMENTS.length ? ` of ${[...options.only].join(', ')}` : '';
  say(`${options.quick ? 'quick' : 'full'} run${only}; logs in ${path.relative(root, logDir)}`);
  const signer = await startPushSigner();
  const validation = ifSelected(options, 'validation', () => {
    say('6. CloudEvent decoding and validation (in process)');
    return measureValidation(options);
  });
  const tokenVerification = await ifSelected(options, 'token-verification', () => {
    say('5. push token verification (in process)');
    return measureTokenVerification(options, signer);
  });
  const cesql = ifSelected(options, 'cesql', () => {
    say('10. CloudEvents SQL filter evaluation (in process)');
    return measureCesql(options);
  });
  const report = (results: BenchResults) => writeReport(root, outDir, { ...results, cesql });
  if (!NEEDS_STACK.some((name) => options.only.has(name))) {
    await signer.close();
    const durationSeconds = (performance.now() - started) / 1000;
    report({ quick: options.quick, durationSeconds, tokens: tokenVerification, validation });
    return;
  }

  say('starting the local stack');
  const stack = await startStack({
    tenants: [
      THROUGHPUT_TENANT,
      END_TO_END_TENANT,
      ...(options.only.has('fan-out') ? options.fanOutSizes.map(fanOutTenant) : []),
      ...(options.only.has('log-search') ? [LOG_SEARCH_LARGE_TENANT, LOG_SEARCH_SMALL_TENANT] : []),
    ].map((id) => ({ id })),
    // Its own stack file: a running `npm start` keeps .eventq/stack.json.
    stackFile: path.join(outDir, 'bench-stack.json'),
    logDir,
    // Fan-out needs 1,000 queues in one tenant; the api's default limit is lower.
    functionEnv: { EVENTQ_MAX_QUEUES_PER_TENANT: String(Math.max(...options.fanOutSizes) + 100) },
  });
  const recordingSink = await startRecordingSink();
  let sink: Awaited<ReturnType<typeof startSinkProcess>> | undefined;
  try {
    sink = await startSinkProcess(logDir);
    const ctx: BenchContext = {
      options,
      stack,
      signer,
      logDir,
      dispatchEnv: await dispatchEnvironment(stack, signer),
      sink,
    };
    await ensureThroughputQueue(ctx);

    const throughput = await ifSelected(options, 'throughput', () => {
      say(
        `1. dispatch throughput (${options.rounds} paired rounds${options.compareDispatch ? ', with the compared build' : ''}) and added latency, against a bare forwarder`,
      );
      return measureThroughput(ctx);
    });
    const memory = await ifSelected(options, 'memory', () => {
      say('7. memory after many deliveries, against a bare forwarder');
      return measureMemory(ctx);
    });
    const largeEvents = await ifSelected(options, 'large-events', () => {
      say('9. twenty 10 MB events in flight at once: peak resident memory');
      return measureLargeEvents(ctx);
    });
    const messageLog = await ifSelected(options, 'message-log', () => {
      say(
        `8. dispatch throughput with the message log on (${options.rounds} paired rounds), and its Firestore commits`,
      );
      return measureMessageLog(ctx);
    });
    const sqlFilter = await ifSelected(options, 'sql-filter', () => {
      say(
        `12. dispatch throughput with a CloudEvents SQL filter on the queue (${options.rounds} paired rounds)`,
      );
      return measureSqlFilterThroughput(ctx);
    });
    const logSearch = await ifSelected(options, 'log-search', () => {
      say('11. message-log search over many entries, against the same searches over 100');
      return measureLogSearch(ctx);
    });
    const coldStart = await ifSelected(options, 'cold-start', () => {
      say('2. cold start, against a Functions Framework hello world');
      return measureColdStart(ctx, recordingSink);
    });
    const endToEnd = await ifSelected(options, 'end-to-end', async () => {
      say('3. end to end through the Pub/Sub emulator, against a direct push subscription');
      await prepareEndToEnd(ctx, recordingSink);
      return measureEndToEnd(ctx, recordingSink);
    });
    const fanOut = await ifSelected(options, 'fan-out', async () => {
      say(`4. fan-out to ${options.fanOutSizes.join(', ')} queues (creating them through the API)`);
      const setupSeconds = await prepareFanOut(ctx, recordingSink);
      return measureFanOut(ctx, recordingSink, setupSeconds);
    });

    const relayedEvents =
      (endToEnd ? (endToEnd.events + 5) * endToEnd.subscriptionsPerPath : 0) +
      (fanOut ? options.fanOutSizes.reduce((sum, size) => sum + size * (1 + options.fanOutRepeats), 0) : 0);
    report({
      quick: options.quick,
      durationSeconds: (performance.now() - started) / 1000,
      throughput,
      coldStart,
      endToEnd,
      fanOut,
      tokens: tokenVerification && {
        ...tokenVerification,
        relayMintedTokens: stack.relay.mintedTokens(),
        relayedEvents,
      },
      validation,
      memory,
      largeEvents,
      messageLog,
      logSearch,
      sqlFilter,
    });
  } finally {
    await Promise.allSettled([sink?.group.stop(), recordingSink.close(), signer.close()]);
    await stack.stop();
  }
}

function writeReport(root: string, outDir: string, results: BenchResults): void {
  const table = rows(results);
  process.stdout.write(`\n${formatTable(table)}\n\n`);
  const json = benchJson(results, table);
  writeFileSync(path.join(outDir, 'bench.json'), `${JSON.stringify(json, null, 2)}\n`);
  say(
    `wrote ${path.relative(root, path.join(outDir, 'bench.json'))} in ${Math.round(results.durationSeconds)} s`,
  );
}

new Promise<BenchOptions>((resolve) => resolve(parseBenchOptions())).then(run).then(
  // The stack's Google clients keep sockets open; nothing is left to wait for.
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof BenchUsageError) {
      process.stderr.write(`[bench] ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
