// The credentials document of a pull queue: everything a Pub/Sub client in any
// language needs to consume it. eventq mints no keys: `access` says who may
// pull, as the subscription's IAM policy (or its absence) has it, and
// `authentication` how that principal signs in. Locally the emulator host is
// included, because the client must be pointed at it.
import type { ApiConfig } from '../../config/api-config';
import type { SubscriptionAccess } from '../../pubsub/subscription-access';
import { effectiveFilters, type QueueDefinition } from '../../queues/queue-definition';

export interface PullCredentials {
  readonly type: 'eventq-pull-queue';
  readonly projectId: string;
  readonly tenant: string;
  readonly queue: string;
  readonly subscription: string;
  /** The queue's filters: apply them client-side, since only production Pub/Sub filters (and only some). */
  readonly filters: unknown[];
  readonly emulatorHost?: string;
  readonly principal?: string;
  readonly access: string;
  readonly authentication: string;
}

function describeAccess(access: SubscriptionAccess): { access: string; authentication: string } {
  switch (access.kind) {
    case 'granted':
      return {
        access: `roles/pubsub.subscriber on this subscription only, granted to ${access.principal}`,
        authentication: `Google credentials of ${access.principal} (Application Default Credentials, a service-account key you manage, or workload identity federation)`,
      };
    case 'no-principal':
      return {
        access:
          'no principal granted: only principals with project-wide Pub/Sub access can pull; create the queue with "principal" to grant one',
        authentication: 'Google credentials of a principal with roles/pubsub.subscriber on the subscription',
      };
    case 'no-iam':
      return {
        access: 'emulator: no IAM, any client can pull',
        authentication: 'none: point the client at emulatorHost (PUBSUB_EMULATOR_HOST)',
      };
  }
}

export function pullCredentials(
  queue: QueueDefinition,
  config: Pick<ApiConfig, 'projectId' | 'pubsubEmulatorHost'>,
  access: SubscriptionAccess,
): PullCredentials {
  const { projectId, pubsubEmulatorHost: emulatorHost } = config;
  return {
    type: 'eventq-pull-queue',
    projectId,
    tenant: queue.tenant,
    queue: queue.name,
    subscription: queue.subscription,
    filters: effectiveFilters(queue),
    ...(emulatorHost ? { emulatorHost } : {}),
    ...(access.kind === 'granted' ? { principal: access.principal } : {}),
    ...describeAccess(access),
  };
}
