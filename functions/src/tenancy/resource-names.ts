// How tenants and queues map onto Pub/Sub resource names and Firestore paths.
// Terraform (terraform/) and the local stack derive their names from the same
// rules; the parity test checks that they agree.
import { ValidationError } from '../errors';

/** Tenant ids: lowercase letters, digits and hyphens, starting with a letter (CONTRACT.md). */
export const TENANT_ID_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** Queue names share the tenant id alphabet so that a subscription id splits unambiguously at the dot. */
export const QUEUE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
const DEAD_SUFFIX = '-dead';

export function checkTenantId(id: unknown): string {
  if (typeof id !== 'string' || !TENANT_ID_PATTERN.test(id)) {
    throw new ValidationError(
      `tenant id "${String(id)}" must be 1-40 lowercase letters, digits or hyphens, starting with a letter`,
    );
  }
  // eventq-<t>-dead is tenant t's dead-letter topic; a tenant named "x-dead" would collide with it.
  if (id.endsWith(DEAD_SUFFIX))
    throw new ValidationError(`tenant id "${id}" must not end in "${DEAD_SUFFIX}"`);
  return id;
}

export function checkQueueName(name: unknown): string {
  if (typeof name !== 'string' || !QUEUE_NAME_PATTERN.test(name)) {
    throw new ValidationError(
      `name: "${String(name)}" must be 1-63 lowercase letters, digits or hyphens, starting with a letter`,
    );
  }
  return name;
}

export const topicId = (tenant: string): string => `eventq-${tenant}`;
export const deadLetterTopicId = (tenant: string): string => `eventq-${tenant}${DEAD_SUFFIX}`;
/** The topic of tenant t's operational events (CONTRACT.md "Operational events and audit"). */
export const opsTopicId = (tenant: string): string => `eventq-${tenant}-ops`;
/**
 * Every tenant's operational events, for the operator. The underscore is not in
 * the tenant id alphabet, so no tenant's topic can ever have this name.
 */
export const OPERATOR_OPS_TOPIC_ID = 'eventq_ops';
/** The pull subscription on the dead-letter topic that keeps a tenant's dead letters. */
export const deadLetterSubscriptionId = (tenant: string): string => `eventq-${tenant}${DEAD_SUFFIX}`;
export const queueSubscriptionId = (tenant: string, queue: string): string => `eventq-${tenant}.${queue}`;

export const topicPath = (projectId: string, tenant: string): string =>
  `projects/${projectId}/topics/${topicId(tenant)}`;
export const deadLetterTopicPath = (projectId: string, tenant: string): string =>
  `projects/${projectId}/topics/${deadLetterTopicId(tenant)}`;
export const deadLetterSubscriptionPath = (projectId: string, tenant: string): string =>
  `projects/${projectId}/subscriptions/${deadLetterSubscriptionId(tenant)}`;
export const queueSubscriptionPath = (projectId: string, tenant: string, queue: string): string =>
  `projects/${projectId}/subscriptions/${queueSubscriptionId(tenant, queue)}`;

/** Reads tenant and queue back from a subscription path; undefined for a subscription eventq did not make. */
export function parseQueueSubscription(path: string): { tenant: string; queue: string } | undefined {
  // A full subscription path (as in a push envelope) or a bare subscription id; never a topic.
  const id = /^(?:projects\/[^/]+\/subscriptions\/)?([^/]+)$/.exec(path)?.[1];
  if (id === undefined || !id.startsWith('eventq-')) return undefined;
  const rest = id.slice('eventq-'.length);
  const dot = rest.indexOf('.');
  if (dot < 0) return undefined;
  const tenant = rest.slice(0, dot);
  const queue = rest.slice(dot + 1);
  if (!TENANT_ID_PATTERN.test(tenant) || tenant.endsWith(DEAD_SUFFIX) || !QUEUE_NAME_PATTERN.test(queue)) {
    return undefined;
  }
  return { tenant, queue };
}

/** Firestore layout. */
export const collections = {
  tenants: 'tenants',
  tokens: 'tokens',
  queues: 'queues',
  /** The commit order of a tenant's queue creations, tenants/{t}/queueSlots/{name} (store/queue-store.ts). */
  queueSlots: 'queueSlots',
  /** Failed delivery attempts, tenants/{t}/queues/{q}/failures/{id}; expire by FAILURE_TTL_FIELD. */
  failures: 'failures',
  /** Delivery counters, tenants/{t}/queues/{q}/stats/{counter-shard}. */
  stats: 'stats',
  /** Console sign-in: one-time links and the sessions made from them, portalSessions/{sha256}; expire by PORTAL_SESSION_TTL_FIELD. */
  portalSessions: 'portalSessions',
} as const;

/** The timestamp field of portal links and sessions that Firestore's TTL policy deletes by. */
export const PORTAL_SESSION_TTL_FIELD = 'expireAt';

/** The timestamp field of failure records that Firestore's TTL policy deletes by. */
export const FAILURE_TTL_FIELD = 'expireAt';

export const tenantDocPath = (tenant: string): string => `${collections.tenants}/${tenant}`;
export const queueDocPath = (tenant: string, queue: string): string =>
  `${collections.tenants}/${tenant}/${collections.queues}/${queue}`;
