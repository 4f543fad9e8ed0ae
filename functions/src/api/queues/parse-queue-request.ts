// The body of POST /v1/queues as a queue request. The api has checked it
// against the CreateQueue schema (and its filters) before the handler runs;
// here are the rules a schema cannot say, and the defaults.
import { ValidationError } from '../../errors';
import type { Filter } from '../../filters/filter';
import type { ContentMode, QueueKind, QueueStream, SignatureScheme } from '../../queues/queue-definition';
import type { CreateQueueBody } from '../schemas/request-bodies';

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
  readonly stream: QueueStream;
  /** Pull queues: the IAM principal granted roles/pubsub.subscriber on the subscription. */
  readonly principal?: string;
  /** Push queues: publish a sink's reply event to the tenant's topic. */
  readonly replies?: boolean;
  /** Push queues signed with Ed25519 (`v1a`); absent for the default HMAC (`v1`). */
  readonly signature?: SignatureScheme;
}

/** A create body that passed the CreateQueue schema, with the rules a schema cannot say. */
export function parseQueueRequest(b: CreateQueueBody): QueueRequest {
  const kind = b.kind ?? 'push';
  if (kind === 'push' && b.sink === undefined)
    throw new ValidationError('sink: a push queue needs a sink URL');
  if (kind === 'pull' && b.sink !== undefined) throw new ValidationError('sink: a pull queue has no sink');
  if (kind === 'pull' && b.contentMode !== undefined) {
    throw new ValidationError('contentMode: applies to push queues only');
  }
  if (kind === 'pull' && b.replies !== undefined) {
    throw new ValidationError(
      'replies: applies to push queues only (a pull consumer publishes its own events)',
    );
  }
  if (kind === 'pull' && b.signature !== undefined) {
    throw new ValidationError('signature: applies to push queues only (pull queues are not signed)');
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
    filters: b.filters ?? [],
    contentMode: b.contentMode ?? 'binary',
    ...(b.maxDeliveryAttempts !== undefined ? { maxDeliveryAttempts: b.maxDeliveryAttempts } : {}),
    stream: b.stream ?? 'events',
    // The ops stream keeps one subject's events in order (the publisher keys them by subject).
    ...(b.ordered || (b.stream === 'ops' && b.ordered !== false) ? { ordered: true } : {}),
    ...(b.principal !== undefined ? { principal: b.principal } : {}),
    ...(b.signature === 'v1a' ? { signature: 'v1a' as const } : {}),
    ...(b.replies ? { replies: true } : {}),
  };
}
