// Validates the body of POST /v1/queues into a queue request; the first
// problem is a 422 whose detail names the field.
import { ValidationError } from '../../errors';
import type { Filter } from '../../filters/filter';
import { validateFilters } from '../../filters/validate-filters';
import type { ContentMode, QueueKind } from '../../queues/queue-definition';
import { checkQueueName } from '../../tenancy/resource-names';

export interface QueueRequest {
  readonly name: string;
  readonly kind: QueueKind;
  readonly sink?: string;
  readonly types?: string[];
  readonly source?: string;
  readonly filters: Filter[];
  readonly contentMode: ContentMode;
}

const KNOWN_FIELDS = new Set(['name', 'kind', 'sink', 'types', 'source', 'filters', 'contentMode']);

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ValidationError(`${field}: must be a non-empty string`);
  return value;
}

function parseTypes(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t === '')) {
    throw new ValidationError('types: must be an array of non-empty strings');
  }
  return value as string[];
}

export function parseQueueRequest(body: unknown): QueueRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body: must be a JSON object');
  }
  const b = body as Record<string, unknown>;
  for (const field of Object.keys(b)) {
    if (!KNOWN_FIELDS.has(field)) throw new ValidationError(`${field}: unknown field`);
  }
  const name = checkQueueName(b.name);
  const kind = b.kind ?? 'push';
  if (kind !== 'push' && kind !== 'pull') throw new ValidationError('kind: must be "push" or "pull"');
  const contentMode = b.contentMode ?? 'binary';
  if (contentMode !== 'binary' && contentMode !== 'structured') {
    throw new ValidationError('contentMode: must be "binary" or "structured"');
  }
  const sink = optionalString(b, 'sink');
  if (kind === 'push' && sink === undefined) throw new ValidationError('sink: a push queue needs a sink URL');
  if (kind === 'pull' && sink !== undefined) throw new ValidationError('sink: a pull queue has no sink');
  return {
    name,
    kind,
    sink,
    types: parseTypes(b.types),
    source: optionalString(b, 'source'),
    filters: b.filters === undefined ? [] : validateFilters(b.filters),
    contentMode,
  };
}
