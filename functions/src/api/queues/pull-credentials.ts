// The credentials document of a pull queue: everything a Pub/Sub client in any
// language needs to consume it. eventq mints no keys; locally the emulator host
// is included, because the client must be pointed at it.
import { effectiveFilters, type QueueDefinition } from '../../queues/queue-definition';

export interface PullCredentials {
  readonly type: 'eventq-pull-queue';
  readonly projectId: string;
  readonly tenant: string;
  readonly queue: string;
  readonly subscription: string;
  readonly filters: unknown[];
  readonly emulatorHost?: string;
  readonly authentication: string;
}

export function pullCredentials(queue: QueueDefinition, projectId: string): PullCredentials {
  const emulatorHost = process.env.PUBSUB_EMULATOR_HOST;
  return {
    type: 'eventq-pull-queue',
    projectId,
    tenant: queue.tenant,
    queue: queue.name,
    subscription: queue.subscription,
    filters: effectiveFilters(queue),
    ...(emulatorHost ? { emulatorHost } : {}),
    authentication: emulatorHost
      ? 'none: local Pub/Sub emulator (set PUBSUB_EMULATOR_HOST to emulatorHost)'
      : 'Google credentials of the principal granted roles/pubsub.subscriber on the subscription',
  };
}
