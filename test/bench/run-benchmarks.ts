// `npm run bench [-- --quick]`: every measurement of issue 7 against its
// baseline in the same run, on this machine. Prints a table with each target
// and whether it is met, and writes .eventq/bench.json (CONTRACT.md).
//
// The in-process micro-benchmarks run first, on a quiet machine; then one
// local stack serves the HTTP measurements, each of which starts and stops its
// own function processes (in their own process groups).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../emulator/repo-root';
import { startStack } from '../../emulator/start-stack';
import { type BenchOptions, parseBenchOptions } from './bench-options';
import { measureValidation } from './measurements/cloudevent-validation';
import { measureColdStart } from './measurements/cold-start';
import {
  ensureThroughputQueue,
  measureThroughput,
  THROUGHPUT_TENANT,
} from './measurements/dispatch-throughput';
import { END_TO_END_TENANT, measureEndToEnd, prepareEndToEnd } from './measurements/end-to-end';
import { fanOutTenant, measureFanOut, prepareFanOut } from './measurements/fan-out';
import { measureMemory } from './measurements/memory';
import { measureTokenVerification } from './measurements/token-verification';
import { benchJson, formatTable, rows } from './report/bench-report';
import { type BenchContext, dispatchEnvironment, startSinkProcess } from './support/bench-context';
import { startPushSigner } from './support/push-signer';
import { startRecordingSink } from './support/recording-sink';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function run(options: BenchOptions): Promise<void> {
  const started = performance.now();
  const root = repoRoot();
  const outDir = path.join(root, '.eventq');
  const logDir = path.join(outDir, 'logs', 'bench');
  mkdirSync(logDir, { recursive: true });

  say(`${options.quick ? 'quick' : 'full'} run; logs in ${path.relative(root, logDir)}`);
  const signer = await startPushSigner();
  say('6. CloudEvent decoding and validation (in process)');
  const validation = measureValidation(options);
  say('5. push token verification (in process)');
  const tokenVerification = await measureTokenVerification(options, signer);

  say('starting the local stack');
  const stack = await startStack({
    tenants: [THROUGHPUT_TENANT, END_TO_END_TENANT, ...options.fanOutSizes.map(fanOutTenant)].map((id) => ({
      id,
    })),
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

    say('1. dispatch throughput and added latency, against a bare forwarder');
    const throughput = await measureThroughput(ctx);
    say('7. memory after many deliveries');
    const memory = await measureMemory(ctx);
    say('2. cold start, against a Functions Framework hello world');
    const coldStart = await measureColdStart(ctx, recordingSink);
    say('3. end to end through the Pub/Sub emulator, against a direct push subscription');
    await prepareEndToEnd(ctx, recordingSink);
    const endToEnd = await measureEndToEnd(ctx, recordingSink);
    say(`4. fan-out to ${options.fanOutSizes.join(', ')} queues (creating them through the API)`);
    const setupSeconds = await prepareFanOut(ctx, recordingSink);
    const fanOut = await measureFanOut(ctx, recordingSink, setupSeconds);

    const relayedEvents =
      (endToEnd.events + 5) * endToEnd.subscriptionsPerPath +
      options.fanOutSizes.reduce((sum, size) => sum + size * (1 + options.fanOutRepeats), 0);
    const results = {
      quick: options.quick,
      durationSeconds: (performance.now() - started) / 1000,
      throughput,
      coldStart,
      endToEnd,
      fanOut,
      tokens: { ...tokenVerification, relayMintedTokens: stack.relay.mintedTokens(), relayedEvents },
      validation,
      memory,
    };
    const table = rows(results);
    process.stdout.write(`\n${formatTable(table)}\n\n`);
    const json = benchJson(results, table);
    writeFileSync(path.join(outDir, 'bench.json'), `${JSON.stringify(json, null, 2)}\n`);
    say(
      `wrote ${path.relative(root, path.join(outDir, 'bench.json'))} in ${Math.round(results.durationSeconds)} s`,
    );
  } finally {
    await Promise.allSettled([sink?.group.stop(), recordingSink.close(), signer.close()]);
    await stack.stop();
  }
}

run(parseBenchOptions()).then(
  // The stack's Google clients keep sockets open; nothing is left to wait for.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
