// Measurement 4: one event to 1, 10, 100 and 1,000 push queues of one tenant,
// through the emulator, the relay's push engine and the stack's dispatch: the time
// from publish until every queue's sink has it. Each size has its own tenant,
// so one publish reaches exactly that many queues. A warm-up event first
// (definitions cached, token minted), then the median of the repeats.
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_PUSH_SERVICE_ACCOUNT } from '../../../emulator/start-stack';
import { pubsubClient } from '../../../functions/src/pubsub/pubsub-client';
import { createQueueSubscription } from '../../../functions/src/pubsub/queue-subscriptions';
import { topicPath } from '../../../functions/src/tenancy/resource-names';
import { type BenchContext, forEachLimited, putQueueDefinition } from '../support/bench-context';
import { publishEvent } from '../support/pubsub-rest';
import { benchEvent } from '../support/push-envelopes';
import type { RecordingSink } from '../support/recording-sink';
import { median } from '../support/stats';

const CREATE_CONCURRENCY = 16;
const WAIT_MS = 60_000;

export const fanOutTenant = (size: number): string => `fan-${size}`;

export interface FanOutPoint {
  readonly queues: number;
  /** Publish → the last sink has it, median of the repeats (warm). */
  readonly ms: number;
  /** The first event, with every queue definition still to be read by dispatch. */
  readonly coldMs: number;
}

export interface FanOutResult {
  readonly points: readonly FanOutPoint[];
  /** Slope of log(time) over log(queues) between the two largest sizes: 1 is linear. */
  readonly growthExponent: number;
  readonly setupSeconds: number;
}

/**
 * Creates the queues as the api would, minus the handshake: the definition in
 * Firestore and the push subscription with eventq's own subscription code.
 * (The api lists a tenant's queues on every create, which makes 1,000 creates
 * through it take minutes; creation is not what this measures.)
 */
export async function prepareFanOut(ctx: BenchContext, sink: RecordingSink): Promise<number> {
  const started = performance.now();
  const { info, relay } = ctx.stack;
  const defaults = {
    projectId: info.projectId,
    pushEndpoint: relay.pushEndpoint,
    pushAudience: info.dispatchUrl,
    pushServiceAccount: LOCAL_PUSH_SERVICE_ACCOUNT,
    maxDeliveryAttempts: 5,
    retryMinBackoffSeconds: 1,
    retryMaxBackoffSeconds: 10,
  };
  const pubsub = pubsubClient(info.projectId);
  const jobs = ctx.options.fanOutSizes.flatMap((size) =>
    Array.from({ length: size }, (_, i) => ({ tenant: fanOutTenant(size), name: `q${i}` })),
  );
  await forEachLimited(jobs, CREATE_CONCURRENCY, async ({ tenant, name }) => {
    await putQueueDefinition(tenant, name, `${sink.url}/fan/${tenant}/${name}`);
    await createQueueSubscription(pubsub, { tenant, queue: name, push: true }, defaults);
  });
  return (performance.now() - started) / 1000;
}

async function timeOneEvent(
  ctx: BenchContext,
  sink: RecordingSink,
  size: number,
  id: string,
): Promise<number> {
  const tenant = fanOutTenant(size);
  const prefix = `/fan/${tenant}/`;
  const seen = new Set<string>();
  let last = 0;
  let done: () => void = () => {};
  const allArrived = new Promise<void>((resolve) => {
    done = resolve;
  });
  sink.onArrival(({ path, headers, at }) => {
    if (!path.startsWith(prefix) || headers['ce-id'] !== id || seen.has(path)) return;
    seen.add(path);
    last = at;
    if (seen.size === size) done();
  });
  try {
    const publishedAt = performance.now();
    await publishEvent(
      ctx.stack.info.pubsubEmulatorHost,
      topicPath(ctx.stack.info.projectId, tenant),
      benchEvent(id),
    );
    const timeout = sleep(WAIT_MS).then(() => {
      throw new Error(`fan-out to ${size}: ${seen.size} sinks had the event after ${WAIT_MS} ms`);
    });
    await Promise.race([allArrived, timeout]);
    return last - publishedAt;
  } finally {
    sink.onArrival(undefined);
  }
}

export async function measureFanOut(
  ctx: BenchContext,
  sink: RecordingSink,
  setupSeconds: number,
): Promise<FanOutResult> {
  const run = Date.now().toString(36);
  const points: FanOutPoint[] = [];
  for (const size of ctx.options.fanOutSizes) {
    const coldMs = await timeOneEvent(ctx, sink, size, `fan-${run}-${size}-cold`);
    const times: number[] = [];
    for (let i = 0; i < ctx.options.fanOutRepeats; i++) {
      times.push(await timeOneEvent(ctx, sink, size, `fan-${run}-${size}-${i}`));
    }
    points.push({ queues: size, ms: median(times), coldMs });
  }
  const [a, b] = points.slice(-2);
  const growthExponent = a && b ? Math.log(b.ms / a.ms) / Math.log(b.queues / a.queues) : Number.NaN;
  return { points, growthExponent, setupSeconds };
}
