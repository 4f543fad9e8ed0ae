// The operational event types (CONTRACT.md "Operational events and audit"):
// what eventq says about a tenant's own resources on its ops stream. The
// catalog lists them with their data schemas under the category `operational`.

export const OPS_EVENT_TYPES = [
  'io.eventq.queue.created',
  'io.eventq.queue.updated',
  'io.eventq.queue.deleted',
  'io.eventq.queue.paused',
  'io.eventq.queue.resumed',
  'io.eventq.queue.disabled',
  'io.eventq.queue.secret.rotated',
  'io.eventq.delivery.failing',
  'io.eventq.delivery.recovered',
  'io.eventq.delivery.exhausted',
  'io.eventq.replay.started',
  'io.eventq.redrive.completed',
  'io.eventq.token.created',
  'io.eventq.token.revoked',
] as const;

export type OpsEventType = (typeof OPS_EVENT_TYPES)[number];

/** The `actor` of what eventq did by itself (a disable, a health event), not a token. */
export const EVENTQ_ACTOR = 'eventq';

export function isOpsEventType(type: string): type is OpsEventType {
  return (OPS_EVENT_TYPES as readonly string[]).includes(type);
}
