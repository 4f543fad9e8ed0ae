// Measurement 3: publish → sink through the Pub/Sub emulator and the local
// push engine. One topic, two kinds of subscription: queues (emulator → relay
// and push engine → dispatch → sink) and plain push subscriptions straight to
// the same sink through the same engine (the baseline: emulator → relay and
// push engine → sink, no dispatch), so the ratio isolates dispatch's cost.
// Every publish reaches all of them, so both paths see the same messages at
// the same time. The emulator hands messages to the relay from a poll of its
// own per subscription (~100 ms when idle), so one subscription's latency is
// partly the phase of that poll: several subscriptions per path, and events
// spaced wider than a batch, keep that noise well under the 10% the target allows.
import { setTimeout as sleep } from 'node:timers/promises';
import { topicPath } from '../../../functions/src/tenancy/resource-names';
import { type BenchContext, createQueueViaApi } from '../support/bench-context';
import { createDirectPushSubscription, publishEvent } from '../support/pubsub-rest';
import { benchEvent } from '../support/push-envelopes';
import type { RecordingSink } from '../support/recording-sink';
import { percentile, sortedCopy } from '../support/stats';

export const END_TO_END_TENANT = 'e2e';
const WARM_UP_EVENTS = 5;
const INTERVAL_MS = 60;
const SUBSCRIPTIONS_PER_PATH = 4;
const WAIT_MS = 30_000;

export interface EndToEndResult {
  readonly events: number;
  readonly subscriptionsPerPath: number;
  readonly directP50Ms: number;
  readonly directP99Ms: number;
  readonly dispatchP50Ms: number;
  readonly dispatchP99Ms: number;
  readonly ratioP50: number;
  readonly ratioP99: number;
}

interface Timing {
  readonly publishedAt: number;
  /** Latency by sink path, one per subscription. */
  readonly arrivals: Map<string, number>;
}

function idOf(path: string, headers: Record<string, unknown>, body: Buffer): string | undefined {
  if (path.startsWith('/e2e/')) return headers['ce-id'] as string | undefined;
  if (path.startsWith('/direct/')) {
    const envelope = JSON.parse(body.toString('utf8')) as {
      message?: { attributes?: Record<string, string> };
    };
    return envelope.message?.attributes?.['ce-id'];
  }
  return undefined;
}

async function publishAndTime(
  ctx: BenchContext,
  sink: RecordingSink,
  ids: readonly string[],
  intervalMs: number,
): Promise<Map<string, Timing>> {
  const timings = new Map<string, Timing>();
  let complete = 0;
  let done: () => void = () => {};
  const allArrived = new Promise<void>((resolve) => {
    done = resolve;
  });
  sink.onArrival(({ path, headers, body, at }) => {
    const id = idOf(path, headers, body);
    const timing = id === undefined ? undefined : timings.get(id);
    if (!timing || timing.arrivals.has(path)) return; // not ours, or a redelivery
    timing.arrivals.set(path, at - timing.publishedAt);
    if (timing.arrivals.size === 2 * SUBSCRIPTIONS_PER_PATH && ++complete === ids.length) done();
  });
  const topic = topicPath(ctx.stack.info.projectId, END_TO_END_TENANT);
  try {
    for (const id of ids) {
      timings.set(id, { publishedAt: performance.now(), arrivals: new Map() });
      await publishEvent(ctx.stack.info.pubsubEmulatorHost, topic, benchEvent(id));
      await sleep(intervalMs);
    }
    const timeout = sleep(WAIT_MS).then(() => {
      throw new Error(
        `end to end: ${complete} of ${ids.length} events arrived on both paths within ${WAIT_MS} ms`,
      );
    });
    await Promise.race([allArrived, timeout]);
  } finally {
    sink.onArrival(undefined);
  }
  return timings;
}

export async function prepareEndToEnd(ctx: BenchContext, sink: RecordingSink): Promise<void> {
  const { info } = ctx.stack;
  for (let i = 0; i < SUBSCRIPTIONS_PER_PATH; i++) {
    await createQueueViaApi(ctx.stack, END_TO_END_TENANT, `latency-${i}`, `${sink.url}/e2e/${i}`);
    await createDirectPushSubscription(
      info.pubsubEmulatorHost,
      `projects/${info.projectId}/subscriptions/bench-direct-${i}`,
      topicPath(info.projectId, END_TO_END_TENANT),
      ctx.stack.relay.pushEndpointFor(`${sink.url}/direct/${i}`),
    );
  }
}

export async function measureEndToEnd(ctx: BenchContext, sink: RecordingSink): Promise<EndToEndResult> {
  const run = Date.now().toString(36);
  // Warm-up: the relay mints its token, dispatch caches the queue definition.
  await publishAndTime(
    ctx,
    sink,
    Array.from({ length: WARM_UP_EVENTS }, (_, i) => `e2e-warm-${run}-${i}`),
    INTERVAL_MS,
  );
  const ids = Array.from({ length: ctx.options.endToEndEvents }, (_, i) => `e2e-${run}-${i}`);
  const timings = [...(await publishAndTime(ctx, sink, ids, INTERVAL_MS)).values()];
  const of = (prefix: string) =>
    sortedCopy(
      timings.flatMap((t) => [...t.arrivals].filter(([p]) => p.startsWith(prefix)).map(([, ms]) => ms)),
    );
  const direct = of('/direct/');
  const dispatch = of('/e2e/');
  return {
    events: ids.length,
    subscriptionsPerPath: SUBSCRIPTIONS_PER_PATH,
    directP50Ms: percentile(direct, 50),
    directP99Ms: percentile(direct, 99),
    dispatchP50Ms: percentile(dispatch, 50),
    dispatchP99Ms: percentile(dispatch, 99),
    ratioP50: percentile(dispatch, 50) / percentile(direct, 50),
    ratioP99: percentile(dispatch, 99) / percentile(direct, 99),
  };
}
