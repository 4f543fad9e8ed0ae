// Creates the soak's queues through the tenant API, each with its receiver: a
// FaultSink for a push queue, the CLI's listener for a pull queue.
import { FaultSink } from './fault-sink';
import { type PullConsumer, startPullConsumer } from './pull-consumer';
import type { SoakApi } from './soak-api';
import { queueKey, type SoakQueueSpec } from './soak-plan';
import type { TakeLog } from './soak-takes';

export interface SoakReceivers {
  readonly sinks: Map<string, FaultSink>;
  readonly consumers: Map<string, PullConsumer>;
}

export function createReceivers(): SoakReceivers {
  return { sinks: new Map(), consumers: new Map() };
}

export async function createSoakQueue(
  spec: SoakQueueSpec,
  deps: {
    readonly api: SoakApi;
    readonly takes: TakeLog;
    readonly receivers: SoakReceivers;
    readonly workDir: string;
  },
): Promise<void> {
  const key = queueKey(spec);
  const common = {
    name: spec.name,
    kind: spec.kind,
    ...(spec.filters ? { filters: spec.filters } : {}),
    ...(spec.ordered ? { ordered: true } : {}),
  };
  if (spec.kind === 'push') {
    const sink = deps.receivers.sinks.get(key) ?? new FaultSink(key, deps.takes);
    if (!deps.receivers.sinks.has(key)) {
      await sink.start();
      deps.receivers.sinks.set(key, sink);
    }
    await deps.api.expect(201, spec.tenant, 'POST', '/v1/queues', { ...common, sink: sink.url });
    return;
  }
  const created = await deps.api.expect(201, spec.tenant, 'POST', '/v1/queues', common);
  deps.receivers.consumers.set(
    key,
    startPullConsumer({
      queue: spec.name,
      queueKey: key,
      credentials: created.body.credentials,
      workDir: deps.workDir,
      takes: deps.takes,
    }),
  );
}

export async function closeReceivers(receivers: SoakReceivers): Promise<void> {
  await Promise.allSettled([
    ...[...receivers.sinks.values()].map((s) => s.close()),
    ...[...receivers.consumers.values()].map((c) => c.stop()),
  ]);
}
