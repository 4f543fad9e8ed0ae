// What the message log keeps, as the operator sets it per tenant or per queue
// (EVENTQ_MESSAGE_LOG_LEVELS, from the tenants' definitions in Terraform or
// the local stack's tenants file): `all` (the default), `failures` or `off`.
// Parsed once at cold start into a map, so the push path looks a level up
// without a read.
import { ConfigError } from '../errors';
import { LOG_STATE, type MessageLogLevel } from './log-entry';

export const MESSAGE_LOG_LEVELS: readonly MessageLogLevel[] = ['all', 'failures', 'off'];

/** `{"<tenant>": level, "<tenant>/<queue>": level}`: a queue's own level wins over its tenant's. */
export type MessageLogLevels = ReadonlyMap<string, MessageLogLevel>;

export function parseMessageLogLevels(value: unknown, name: string): MessageLogLevels {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${name} must be a JSON object of "<tenant>" or "<tenant>/<queue>" to a level`);
  }
  const levels = new Map<string, MessageLogLevel>();
  for (const [key, level] of Object.entries(value)) {
    if (!MESSAGE_LOG_LEVELS.includes(level as MessageLogLevel)) {
      throw new ConfigError(
        `${name}: "${key}" must be one of ${MESSAGE_LOG_LEVELS.join(', ')}, got ${JSON.stringify(level)}`,
      );
    }
    if (!/^[^/]+(\/[^/]+)?$/.test(key)) {
      throw new ConfigError(`${name}: "${key}" must be "<tenant>" or "<tenant>/<queue>"`);
    }
    levels.set(key, level as MessageLogLevel);
  }
  return levels;
}

export function levelFor(levels: MessageLogLevels, tenant: string, queue: string): MessageLogLevel {
  if (levels.size === 0) return 'all';
  return levels.get(`${tenant}/${queue}`) ?? levels.get(tenant) ?? 'all';
}

/**
 * Whether a level keeps a touch. `failures` keeps what went wrong (failing,
 * dead-lettered, invalid) and the delivery that ends a failing entry (an
 * attempt after a failed one, or a redrive), so that it does not stay
 * `failing`; never a first-attempt delivery or a filtered event.
 */
export function keeps(level: MessageLogLevel, state: number, afterFailure: boolean): boolean {
  if (level === 'all') return true;
  if (level === 'off') return false;
  if (state === LOG_STATE.filtered) return false;
  if (state === LOG_STATE.delivered) return afterFailure;
  return true;
}

/** A tenant's message-log setting as its definition states it (Terraform `message_log`, tenants.json `messageLog`). */
export interface TenantMessageLog {
  readonly level?: MessageLogLevel;
  /** Queue name → level. */
  readonly queues?: Readonly<Record<string, MessageLogLevel>>;
}

/**
 * The EVENTQ_MESSAGE_LOG_LEVELS object of a list of tenants: a tenant's level
 * when it is not `all`, and every queue's own level. terraform/message-log-levels.tf
 * builds the same from var.tenants.
 */
export function messageLogLevelsOf(
  tenants: readonly { readonly id: string; readonly messageLog?: TenantMessageLog }[],
): Record<string, MessageLogLevel> {
  const levels: Record<string, MessageLogLevel> = {};
  for (const { id, messageLog } of tenants) {
    if (messageLog?.level !== undefined && messageLog.level !== 'all') levels[id] = messageLog.level;
  }
  for (const { id, messageLog } of tenants) {
    for (const [queue, level] of Object.entries(messageLog?.queues ?? {})) levels[`${id}/${queue}`] = level;
  }
  return levels;
}
