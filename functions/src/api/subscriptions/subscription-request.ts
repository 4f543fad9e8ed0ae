// A subscription body as the queue request it stands for: POST becomes the
// body of POST /v1/queues, PUT the body of PATCH /v1/queues/{id}, so that both
// go through the queues' own code (limits, SSRF guard, handshake). What eventq
// cannot honour (another protocol, custom headers, sink credentials, an
// unknown setting) is refused, never ignored.
import { randomBytes } from 'node:crypto';
import { ValidationError } from '../../errors';
import { publicQueue, type QueueDefinition } from '../../queues/queue-definition';
import type { CreateQueueBody, PatchQueueBody } from '../schemas/request-bodies';
import type { SubscriptionBody, SubscriptionRequestBody } from './subscription-body';
import { configOf } from './subscription-view';

/** An id for a subscription created without one: a queue name no one chose. */
export function generatedId(): string {
  return `sub-${randomBytes(6).toString('hex')}`;
}

function checkDelivery(body: SubscriptionRequestBody): void {
  if (body.protocol !== 'HTTP') {
    throw new ValidationError(
      `protocol: eventq delivers over HTTP only (to a push queue's sink); ${body.protocol} is not supported`,
    );
  }
  for (const [key, value] of Object.entries(body.protocolsettings ?? {})) {
    if (key === 'method') {
      if (value !== 'POST') {
        throw new ValidationError(
          `protocolsettings.method: eventq delivers with POST only (CloudEvents HTTP binding), not ${JSON.stringify(value)}`,
        );
      }
    } else if (key === 'headers') {
      const names = Object.keys(value as object);
      if (names.length > 0) {
        throw new ValidationError(
          `protocolsettings.headers: eventq sends only its own headers (ce-*, webhook-*, authorization), not ${names.join(', ')}`,
        );
      }
    } else {
      throw new ValidationError(`protocolsettings.${key}: not an HTTP setting eventq has (method, headers)`);
    }
  }
  if (body.sinkcredential !== undefined && Object.keys(body.sinkcredential).length > 0) {
    throw new ValidationError(
      'sinkcredential: eventq sends no credentials of yours; it signs every delivery (webhook-signature) and sends its own bearer JWT',
    );
  }
}

function choice<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(`config.${key}: must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

const BOOLEANS = ['true', 'false'] as const;
const CONTENT_MODES = ['binary', 'structured'] as const;
const SIGNATURES = ['v1', 'v1a'] as const;
const SETTABLE_STATUSES = ['active', 'paused'] as const;
const CREATE_SETTINGS = ['contentMode', 'replies', 'signature', 'ordered', 'maxDeliveryAttempts'];

/** POST /subscriptions as the body of POST /v1/queues. */
export function createQueueBody(body: SubscriptionRequestBody): CreateQueueBody {
  checkDelivery(body);
  const config = body.config ?? {};
  const unknown = Object.keys(config).find((key) => !CREATE_SETTINGS.includes(key));
  if (unknown !== undefined) {
    throw new ValidationError(`config.${unknown}: not a setting at creation (${CREATE_SETTINGS.join(', ')})`);
  }
  const { contentMode, replies, signature, ordered, maxDeliveryAttempts } = config;
  if (maxDeliveryAttempts !== undefined && !/^\d{1,3}$/.test(maxDeliveryAttempts)) {
    throw new ValidationError(
      `config.maxDeliveryAttempts: must be a whole number 5-100, not "${maxDeliveryAttempts}"`,
    );
  }
  return {
    name: body.id ?? generatedId(),
    kind: 'push',
    sink: body.sink,
    ...(body.types !== undefined ? { types: body.types } : {}),
    ...(body.source !== undefined ? { source: body.source } : {}),
    ...(body.filters !== undefined ? { filters: body.filters } : {}),
    ...(contentMode !== undefined ? { contentMode: choice('contentMode', contentMode, CONTENT_MODES) } : {}),
    ...(replies !== undefined ? { replies: choice('replies', replies, BOOLEANS) === 'true' } : {}),
    ...(signature !== undefined ? { signature: choice('signature', signature, SIGNATURES) } : {}),
    ...(ordered !== undefined ? { ordered: choice('ordered', ordered, BOOLEANS) === 'true' } : {}),
    ...(maxDeliveryAttempts !== undefined ? { maxDeliveryAttempts: Number(maxDeliveryAttempts) } : {}),
  };
}

/** Fixed at creation: a PUT may send them back only unchanged. */
const FIXED_SETTINGS = ['signature', 'ordered', 'maxDeliveryAttempts'];
/** What eventq reports (subscription-view.ts); sent back by a GET-then-PUT, and not the caller's to set. */
const REPORTS = ['publicKey', 'statusReason', 'failingSince', 'allowedRate'];

type Changes = { -readonly [K in 'contentMode' | 'replies' | 'status']?: PatchQueueBody[K] };

/**
 * PUT /subscriptions/{id} as the body of PATCH /v1/queues/{id}. PUT replaces:
 * absent types, source or filters are removed. A `config` key absent keeps
 * its value (config is eventq's, and a PUT that omits it pauses nothing).
 */
export function patchQueueBody(body: SubscriptionBody, current: QueueDefinition): PatchQueueBody {
  checkDelivery(body);
  const shown = configOf(publicQueue(current));
  const changes: Changes = {};
  for (const [key, value] of Object.entries(body.config ?? {})) {
    if (REPORTS.includes(key) || value === shown[key]) continue;
    if (key === 'secret') {
      // Sent back from the answer that created it; a new one comes only from rotation.
      if (current.secrets.some((s) => s.value === value)) continue;
      throw new ValidationError(
        'config.secret: cannot be set; rotate it with POST /v1/queues/{id}:rotate-secret',
      );
    }
    if (FIXED_SETTINGS.includes(key)) {
      throw new ValidationError(
        `config.${key}: fixed at creation (it is ${shown[key] ?? 'unset'}); create another subscription`,
      );
    }
    if (key === 'contentMode') changes.contentMode = choice(key, value, CONTENT_MODES);
    else if (key === 'replies') changes.replies = choice(key, value, BOOLEANS) === 'true';
    else if (key === 'status') changes.status = choice(key, value, SETTABLE_STATUSES);
    else throw new ValidationError(`config.${key}: not a setting eventq has`);
  }
  return {
    sink: body.sink,
    types: body.types ?? [],
    source: body.source ?? null,
    filters: body.filters ?? [],
    ...changes,
  };
}
