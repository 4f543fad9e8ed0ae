// One entry of the audit trail (CONTRACT.md "Operational events and audit"):
// tenants/{t}/audit/{id}, written once and never changed. An action is two
// entries: the request, written before the action runs (no `outcome`), and
// its outcome after (`completed` or `failed` with the error code), whose
// `parent` is the request. What the action caused besides (the failure
// records a DELETE removed, the events a bulk resend sent again) are further
// entries whose `parent` is the request too. Never a secret, token or
// signature in one: `actor` is a token's id, `detail` only what the spec of
// the route picks (audit-spec.ts).
import { randomBytes } from 'node:crypto';

/** The collection of each tenant's audit trail; terraform/ names it for the TTL policy and indexes. */
export const AUDIT_COLLECTION = 'audit';
/** The timestamp Firestore's TTL policy deletes entries by (EVENTQ_AUDIT_RETENTION_DAYS after). */
export const AUDIT_TTL_FIELD = 'expireAt';
/** The field every search orders by, newest first. */
export const AUDIT_ORDER_FIELD = 'timeMs';

export type AuditOutcome = 'completed' | 'failed';

/** Who acted: a tenant token's id and label, a console session's id and the token it was made from, or the operator. */
export interface AuditActor {
  /** A tenant token's id (token-store.ts TokenSummary id), a session's id, or `operator`. */
  readonly id: string;
  readonly label: string;
  readonly via: 'tenant-token' | 'portal-session' | 'operator';
  /** A console session: the id of the tenant token whose link made it. */
  readonly onBehalfOf?: string;
}

/** What the API answers for an entry. */
export interface PublicAuditEntry {
  readonly id: string;
  readonly time: string;
  readonly type: string;
  /** The actor's id; actorLabel and actorVia say more. */
  readonly actor: string;
  readonly actorLabel: string;
  readonly actorVia: AuditActor['via'];
  readonly onBehalfOf?: string;
  readonly resource: string;
  /** Absent on the entry of a request: its outcome entry names it as `parent`. */
  readonly outcome?: AuditOutcome;
  readonly parent?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** As stored: the public entry, its time in ms for ordering, and its expiry. */
export interface StoredAuditEntry extends PublicAuditEntry {
  readonly timeMs: number;
  readonly expireAt: Date;
}

const ID_PATTERN = /^aud_[0-9a-z]{9}[0-9a-f]{10}$/;

/** ids sort by time: base-36 milliseconds (9 digits reach the year 5188), then randomness. */
export function newAuditId(timeMs: number): string {
  return `aud_${timeMs.toString(36).padStart(9, '0')}${randomBytes(5).toString('hex')}`;
}

export function isAuditId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export interface NewAuditEntry {
  readonly type: string;
  readonly actor: AuditActor;
  readonly resource: string;
  readonly outcome?: AuditOutcome;
  readonly parent?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

let lastTimeMs = 0;

/**
 * Entries one process writes get strictly increasing times (a millisecond
 * later than the previous at least), so that a request, its outcome and what
 * it caused sort in the order they happened even within one millisecond.
 */
function monotonic(timeMs: number): number {
  lastTimeMs = Math.max(timeMs, lastTimeMs + 1);
  return lastTimeMs;
}

export function auditEntry(input: NewAuditEntry, clockMs: number, retentionDays: number): StoredAuditEntry {
  const { actor } = input;
  const timeMs = monotonic(clockMs);
  return {
    id: newAuditId(timeMs),
    time: new Date(timeMs).toISOString(),
    timeMs,
    type: input.type,
    actor: actor.id,
    actorLabel: actor.label,
    actorVia: actor.via,
    ...(actor.onBehalfOf !== undefined ? { onBehalfOf: actor.onBehalfOf } : {}),
    resource: input.resource,
    ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
    ...(input.parent !== undefined ? { parent: input.parent } : {}),
    ...(input.detail !== undefined && Object.keys(input.detail).length > 0 ? { detail: input.detail } : {}),
    expireAt: new Date(timeMs + retentionDays * 86_400_000),
  };
}

export function publicAuditEntry(stored: StoredAuditEntry): PublicAuditEntry {
  const { timeMs: _t, expireAt: _e, ...entry } = stored;
  return entry;
}
