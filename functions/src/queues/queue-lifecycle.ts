// What dispatch changes about a queue, and the order it does it in: loading
// the definition through the per-instance cache, retiring the queue (a 410, or
// a sink that failed for the whole disable window), and the `failingSince`
// transitions of endpoint health. Writes keep the cache in step with what was
// written, so that a cached, stale definition does not make dispatch write the
// same change again within the cache TTL. Each transition, once written, is
// told to the health listener (the ops stream's queue.disabled and
// delivery.recovered: ops/delivery-health-events.ts).
import type { Eventually } from '../eventually';
import type { Logger } from '../observability/log';
import { queueKey } from '../tenancy/queue-key';
import { afterFailure } from './endpoint-health';
import type { QueueDefinition } from './queue-definition';
import type { TtlCache } from './ttl-cache';

export interface QueueLifecycleStore {
  get(tenant: string, name: string): Promise<QueueDefinition | undefined>;
  update(tenant: string, name: string, changes: Partial<QueueDefinition>): Promise<void>;
  setFailingSince(tenant: string, queue: string, since: string): Promise<void>;
  clearFailingSince(tenant: string, queue: string): Promise<void>;
}

/** Hears the lifecycle's transitions after they are written; never waited for. */
export interface QueueHealthListener {
  delivered(queue: Pick<QueueDefinition, 'tenant' | 'name'>): void;
  recovered(queue: Pick<QueueDefinition, 'tenant' | 'name'>, since: string, nowMs: number): void;
  disabled(queue: Pick<QueueDefinition, 'tenant' | 'name'>, reason: string, status?: number): void;
}

export interface QueueLifecycle {
  /** The definition, synchronously when cached; undefined when there is none. */
  load(tenant: string, name: string): Eventually<QueueDefinition | undefined>;
  /** Disables the queue with a reason (and the sink's status, a 410); its backlog stays until it is made active again. */
  retire(queue: QueueDefinition, reason: string, status?: number): Promise<void>;
  /** After a failed attempt: starts a run of failures, or disables the queue at the end of the window. */
  afterFailedAttempt(queue: QueueDefinition, nowMs: number): Promise<void>;
  /** After a delivery: ends the run of failures, if one was under way. */
  afterDelivery(queue: QueueDefinition): Eventually<void>;
}

export function createQueueLifecycle(deps: {
  readonly store: QueueLifecycleStore;
  readonly cache: TtlCache<QueueDefinition | undefined>;
  /** Stops the queue's subscription pushing (its backlog stays). */
  readonly stopPushing: (tenant: string, queue: string) => Promise<void>;
  readonly disableAfterMs: number;
  readonly log: Logger;
  readonly now?: () => number;
  readonly health?: QueueHealthListener;
}): QueueLifecycle {
  const { store, cache, log } = deps;
  const now = deps.now ?? Date.now;
  const cached = (queue: QueueDefinition) => cache.set(queueKey(queue.tenant, queue.name), queue);

  const retire = async (queue: QueueDefinition, reason: string, status?: number): Promise<void> => {
    await store.update(queue.tenant, queue.name, {
      status: 'disabled',
      statusReason: reason,
      updatedAt: new Date(now()).toISOString(),
    });
    // After the write, so that no load in between caches the old, active definition.
    cache.delete(queueKey(queue.tenant, queue.name));
    // The definition says disabled: that is what the event reports (the push stop follows).
    deps.health?.disabled(queue, reason, status);
    await deps.stopPushing(queue.tenant, queue.name);
  };

  return {
    load: (tenant, name) => cache.get(queueKey(tenant, name), () => store.get(tenant, name)),
    retire,
    async afterFailedAttempt(queue, nowMs) {
      const step = afterFailure(queue.failingSince, nowMs, deps.disableAfterMs);
      const fields = { tenant: queue.tenant, queue: queue.name };
      try {
        if (step.kind === 'start-failing') {
          await store.setFailingSince(queue.tenant, queue.name, step.since);
          cached({ ...queue, failingSince: step.since });
        } else if (step.kind === 'disable') {
          log('WARNING', `queue disabled: ${step.reason}`, { ...fields, outcome: 'disabled' });
          await retire(queue, step.reason);
        }
      } catch (error) {
        log('ERROR', 'could not update the queue health', { ...fields, error: String(error) });
      }
    },
    afterDelivery(queue) {
      if (queue.failingSince === undefined) {
        deps.health?.delivered(queue);
        return undefined;
      }
      const since = queue.failingSince;
      return store.clearFailingSince(queue.tenant, queue.name).then(
        () => {
          const { failingSince: _ended, ...healthy } = queue;
          cached(healthy);
          deps.health?.recovered(queue, since, now());
        },
        (error: unknown) => {
          log('ERROR', 'could not mark the queue healthy', {
            tenant: queue.tenant,
            queue: queue.name,
            error: String(error),
          });
        },
      );
    },
  };
}
