// Validates the body of POST /v1/queues into a queue request: the CreateQueue
// schema first (the one /openapi.json publishes), filters with their own
// dialect-aware messages, then the rules a schema cannot say.
import { ValidationError } from '../../errors';
import type { Filter } from '../../filters/filter';
import { validateFilters } from '../../filters/validate-filters';
import type { ContentMode, QueueKind } from '../../queues/queue-definition';
import { validationSchema } from '../schemas/api-schemas';
import { validateBody } from '../validate-body';

export interface QueueRequest {
  readonly name: string;
  readonly kind: QueueKind;
  readonly sink?: string;
  readonly types?: string[];
  readonly source?: string;
  readonly filters: Filter[];
  readonly contentMode: ContentMode;
  readonly maxDeliveryAttempts?: number;
  readonly ordered?: boolean;
  /** Pull queues: the IAM principal granted roles/pubsub.subscriber on the subscription. */
  readonly principal?: string;
}

interface CreateQueueBody {
  name: string;
  kind?: QueueKind;
  sink?: string;
  types?: string[];
  source?: string;
  filters?: unknown;
  contentMode?: ContentMode;
  maxDeliveryAttempts?: number;
  ordered?: boolean;
  principal?: string;
}

export function parseQueueRequest(body: unknown): QueueRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body: must be a JSON object');
  }
  // Filters first, so that an unknown dialect is named as such rather than as an unknown field.
  const filters = 'filters' in body ? validateFilters((body as { filters: unknown }).filters) : [];
  const b = validateBody<CreateQueueBody>(validationSchema('CreateQueue'), body);
  const kind = b.kind ?? 'push';
  if (kind === 'push' && b.sink === undefined)
    throw new ValidationError('sink: a push queue needs a sink URL');
  if (kind === 'pull' && b.sink !== undefined) throw new ValidationError('sink: a pull queue has no sink');
  if (kind === 'pull' && b.contentMode !== undefined) {
    throw new ValidationError('contentMode: applies to push queues only');
  }
  if (kind === 'push' && b.principal !== undefined) {
    throw new ValidationError('principal: applies to pull queues only (push queues are signed instead)');
  }
  return {
    name: b.name,
    kind,
    sink: b.sink,
    types: b.types,
    source: b.source,
    filters,
    contentMode: b.contentMode ?? 'binary',
    ...(b.maxDeliveryAttempts !== undefined ? { maxDeliveryAttempts: b.maxDeliveryAttempts } : {}),
    ...(b.ordered ? { ordered: true } : {}),
    ...(b.principal !== undefined ? { principal: b.principal } : {}),
  };
}
