// `npm run soak [-- --quick | --duration <s>]`: issue 20's soak under faults.
// Starts its own local stack, creates the soak's tenants' queues, publishes at
// a steady rate while the fault schedule runs, waits for what is on its way,
// then reconciles what was published against what every receiver took.
// Prints a summary, writes .eventq/soak.json, and exits non-zero when an
// expected delivery was lost, the ordered queue broke order, an event was
// dead-lettered (every fault here ends), or a fault could not be applied.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../emulator/repo-root';
import { type RunningStack, startStack } from '../../emulator/start-stack';
import { pubsubClient } from '../../functions/src/pubsub/pubsub-client';
import { firestoreClient } from '../../functions/src/store/firestore-client';
import { readDeadLetters } from './dead-letter-reader';
import { watchDispatchMemory } from './dispatch-memory';
import {
  type FaultContext,
  faultSchedule,
  runFaultSchedule,
  SOAK_DELIVERY_TIMEOUT_MS,
} from './fault-schedule';
import {
  explainLosses,
  failureRecordEvidence,
  messageLogEvidence,
  pushEngineEvidence,
} from './loss-evidence';
import { type QueueHistory, SOAK_MARGINS } from './queue-history';
import { type ReconcileInput, type Reconciliation, reconcile } from './reconcile';
import { SoakApi } from './soak-api';
import { drainDeliveries } from './soak-drain';
import { describeMachine, loadNow } from './soak-machine';
import { parseSoakOptions, type SoakOptions, SoakUsageError } from './soak-options';
import { SOAK_QUEUES, SOAK_TENANTS } from './soak-plan';
import { startPublisher } from './soak-publisher';
import { closeReceivers, createReceivers, createSoakQueue } from './soak-queues';
import { type FaultNote, type SoakRun, soakJson, summaryLines } from './soak-report';
import { TakeLog } from './soak-takes';

const say = (line: string) => process.stderr.write(`[soak] ${line}\n`);
const PROGRESS_EVERY_MS = 10_000;
/** Enough attempts that no fault of the schedule exhausts them (docs/soak.md, "Dead letters"). */
export const SOAK_MAX_DELIVERY_ATTEMPTS = 25;

async function run(options: SoakOptions): Promise<number> {
  const root = repoRoot();
  const outDir = path.join(root, '.eventq');
  const workDir = path.join(outDir, 'soak');
  const logDir = path.join(outDir, 'logs', 'soak');
  mkdirSync(workDir, { recursive: true });
  const machine = describeMachine();
  const settings = {
    EVENTQ_MAX_DELIVERY_ATTEMPTS: SOAK_MAX_DELIVERY_ATTEMPTS,
    EVENTQ_DELIVERY_TIMEOUT_MS: SOAK_DELIVERY_TIMEOUT_MS,
    EVENTQ_QUEUE_CACHE_TTL_MS: SOAK_MARGINS.queueCacheTtlMs,
    retryBackoffSeconds: '1-10 (the local stack)',
  };
  say(
    `${options.quick ? 'quick' : `${options.durationSeconds} s`} soak at ${options.ratePerSecond} events/s (+${options.orderedRatePerSecond}/s ordered); load ${machine.loadAtStart} on ${machine.cores} cores; logs in ${path.relative(root, logDir)}`,
  );
  const stack = await startStack({
    tenants: SOAK_TENANTS.map((id) => ({ id })),
    // Its own stack file: a running `npm start` keeps .eventq/stack.json.
    stackFile: path.join(outDir, 'soak-stack.json'),
    logDir,
    functionEnv: Object.fromEntries(
      Object.entries(settings)
        .filter(([k]) => k.startsWith('EVENTQ_'))
        .map(([k, v]) => [k, String(v)]),
    ),
    progress: say,
  });
  const receivers = createReceivers();
  try {
    return await soak(options, stack, receivers, { workDir, outDir, machine, settings });
  } finally {
    await closeReceivers(receivers);
    await stack.stop();
  }
}

async function soak(
  options: SoakOptions,
  stack: RunningStack,
  receivers: ReturnType<typeof createReceivers>,
  env: {
    workDir: string;
    outDir: string;
    machine: ReturnType<typeof describeMachine>;
    settings: Record<string, string | number>;
  },
): Promise<number> {
  const api = new SoakApi(stack.info.apiUrl, new Map(stack.info.tenants.map((t) => [t.id, t.token])));
  const takes = new TakeLog();
  const create = (spec: (typeof SOAK_QUEUES)[number]) =>
    createSoakQueue(spec, { api, takes, receivers, workDir: env.workDir });
  for (const spec of SOAK_QUEUES.filter((q) => !q.createdMidStream)) await create(spec);
  say(
    `${SOAK_QUEUES.length} queues (${SOAK_QUEUES.filter((q) => q.createdMidStream).length} created mid-stream) in ${SOAK_TENANTS.length} tenants`,
  );

  const memory = watchDispatchMemory(() => stack.processOf('dispatch'));
  const history = new Map<string, QueueHistory>();
  const faults: FaultNote[] = [];
  const dispatchKills: number[] = [];
  const faultErrors: string[] = [];
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const note = (what: string) => {
    faults.push({ at: seconds(), what });
    say(`${seconds()} s: ${what}`);
  };
  const ctx: FaultContext = {
    stack,
    api,
    sinks: receivers.sinks,
    history,
    dispatchKills,
    activeFaults: new Map(),
    note,
    create,
  };
  const publisher = startPublisher(
    pubsubClient(stack.info.projectId),
    options.ratePerSecond,
    options.orderedRatePerSecond,
  );
  const steps = runFaultSchedule(faultSchedule(options.durationSeconds), ctx, (what, error) => {
    faultErrors.push(`${what}: ${error.message}`);
    note(`FAULT FAILED: ${what}: ${error.message}`);
  });
  const progress = setInterval(() => {
    say(
      `${Math.round(seconds())} s: published ${publisher.published.length}, delivered ${takes.distinct} (${takes.takes.length} takes), faults ${faults.length}${faults.length ? ` (last: ${faults[faults.length - 1]!.what})` : ''}`,
    );
  }, PROGRESS_EVERY_MS);

  try {
    await sleep(options.durationSeconds * 1000);
    await publisher.stop();
    const publishSeconds = seconds();
    await steps;
    say(
      `${seconds()} s: publishing stopped; waiting up to ${options.maxDrainSeconds} s for what is on its way`,
    );

    const input = (deadLetters: ReconcileInput['deadLetters']): ReconcileInput => ({
      published: publisher.published,
      queues: SOAK_QUEUES,
      history,
      takes: takes.takes,
      deadLetters,
      dispatchKills,
      margins: SOAK_MARGINS,
    });
    const drainSeconds = await drainDeliveries(
      { missing: () => reconcile(input([])).lost.length, takes: () => takes.takes.length },
      options.maxDrainSeconds,
    );
    clearInterval(progress);
    memory.stop();

    const deadLetters = await readDeadLetters(
      stack.info.pubsubEmulatorHost,
      stack.info.projectId,
      SOAK_TENANTS,
    );
    const result: Reconciliation = reconcile(input(deadLetters));
    const bySource = new Map(publisher.published.map((e) => [e.id, e.source]));
    const explained = await explainLosses(
      result.lost.map((l) => {
        const [tenant, queue] = l.queue.split('/') as [string, string];
        return { tenant, queue, eventId: l.eventId, source: bySource.get(l.eventId) ?? '' };
      }),
      [
        failureRecordEvidence(firestoreClient(stack.info.projectId, '(default)')),
        messageLogEvidence(api),
        pushEngineEvidence(stack.relay.engine, stack.info.projectId),
      ],
    );
    env.machine.loadAtEnd = loadNow();
    const runInfo: SoakRun = {
      quick: options.quick,
      durationSeconds: seconds(),
      publishSeconds,
      drainSeconds,
      ratePerSecond: options.ratePerSecond,
      orderedRatePerSecond: options.orderedRatePerSecond,
      publishFailures: publisher.failures,
      faults,
      dispatchPeakRssMiB: memory.peakMiB(),
      dispatchRssMiBPerProcess: memory.perProcessMiB(),
      machine: env.machine,
      settings: env.settings,
    };
    process.stdout.write(`\n${summaryLines(runInfo, result, explained).join('\n')}\n\n`);
    writeFileSync(
      path.join(env.outDir, 'soak.json'),
      `${JSON.stringify(soakJson(runInfo, result, explained), null, 2)}\n`,
    );
    say(`wrote .eventq/soak.json (${Math.round(seconds())} s of soak; load now ${env.machine.loadAtEnd})`);
    const problems = [
      result.lost.length > 0 ? `${result.lost.length} lost` : '',
      result.orderViolations.length > 0 ? `${result.orderViolations.length} order violations` : '',
      result.deadLettered.length > 0 ? `${result.deadLettered.length} dead-lettered` : '',
      faultErrors.length > 0 ? `${faultErrors.length} faults not applied` : '',
    ].filter((p) => p !== '');
    if (problems.length > 0) {
      say(`FAILED: ${problems.join(', ')}`);
      return 1;
    }
    say('passed: nothing lost, order kept, nothing dead-lettered');
    return 0;
  } finally {
    clearInterval(progress);
    memory.stop();
    await publisher.stop();
  }
}

new Promise<SoakOptions>((resolve) => resolve(parseSoakOptions())).then(run).then(
  // The stack's Google clients keep sockets open; nothing is left to wait for.
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SoakUsageError) {
      process.stderr.write(`[soak] ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `[soak] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
