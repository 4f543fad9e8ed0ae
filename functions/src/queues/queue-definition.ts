// A queue as eventq stores it (Firestore tenants/{t}/queues/{name}) and as the
// API shows it (without secrets). Modelled on the CloudEvents Subscriptions API.
import { isEd25519SecretKey, publicKeyOf } from '../delivery/ed25519-keys';
import type { Filter } from '../filters/filter';

export type QueueKind = 'push' | 'pull';
export type ContentMode = 'binary' | 'structured';
export type QueueStatus = 'active' | 'paused' | 'disabled';
/**
 * What a queue reads: the tenant's own events (its topic eventq-<t>), or
 * eventq's operational events about the tenant's resources (eventq-<t>-ops).
 */
export type QueueStream = 'events' | 'ops';
export const QUEUE_STREAMS: readonly QueueStream[] = ['events', 'ops'];
/** Standard Webhooks' symmetric (HMAC, `v1`) or asymmetric (Ed25519, `v1a`) signature scheme. */
export type SignatureScheme = 'v1' | 'v1a';

export interface SigningSecret {
  readonly value: string;
  /** Epoch ms after which a rotated-out secret stops signing; absent for the current secret. */
  readonly expiresAt?: number;
}

export interface QueueDefinition {
  readonly tenant: string;
  readonly name: string;
  readonly kind: QueueKind;
  readonly sink?: string;
  readonly types?: readonly string[];
  readonly source?: string;
  readonly filters: readonly Filter[];
  readonly contentMode: ContentMode;
  readonly status: QueueStatus;
  readonly statusReason?: string;
  /** whsec_ secrets (`v1`) or whsk_ Ed25519 secret keys (`v1a`), newest first. */
  readonly secrets: readonly SigningSecret[];
  /** Push queues: a 2xx answer that carries a CloudEvent is published to the tenant's topic. */
  readonly replies?: boolean;
  /** Push queues: `v1a` when created so; absent means `v1`. */
  readonly signature?: SignatureScheme;
  /** Deliveries per minute the sink granted in the validation handshake (WebHook-Allowed-Rate). */
  readonly allowedRate?: number;
  /** Delivery attempts before an event is dead-lettered (the subscription's dead-letter policy); 5-100. */
  readonly maxDeliveryAttempts?: number;
  /** Events with the same ordering key are delivered in publish order (enableMessageOrdering). */
  readonly ordered?: boolean;
  /** Set at creation, never changed; absent on queues made before there were streams: `events`. */
  readonly stream?: QueueStream;
  /** When the sink's current run of failures began (RFC 3339); written by dispatch on transitions only. */
  readonly failingSince?: string;
  /** Full Pub/Sub subscription path. */
  readonly subscription: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type PublicQueue = Omit<QueueDefinition, 'secrets'> & {
  /** `v1a` queues: the whpk_ public key that verifies deliveries (of the newest key). */
  readonly publicKey?: string;
};

/** The stream a queue reads, `events` for a queue stored before streams. */
export const queueStream = (queue: Pick<QueueDefinition, 'stream'>): QueueStream => queue.stream ?? 'events';

export function publicQueue(queue: QueueDefinition): PublicQueue {
  const { secrets, ...stored } = queue;
  const rest = { ...stored, stream: queueStream(queue) };
  const current = secrets[0]?.value;
  return current !== undefined && isEd25519SecretKey(current)
    ? { ...rest, publicKey: publicKeyOf(current) }
    : rest;
}

/** The `types` and `source` shorthands as filters, ahead of the queue's own filters (all must match). */
export function effectiveFilters(queue: Pick<QueueDefinition, 'types' | 'source' | 'filters'>): Filter[] {
  const filters: Filter[] = [];
  if (queue.types && queue.types.length > 0) {
    filters.push({ any: queue.types.map((type) => ({ exact: { type } })) });
  }
  if (queue.source !== undefined) filters.push({ exact: { source: queue.source } });
  filters.push(...queue.filters);
  return filters;
}

/**
 * At most this many secrets sign a delivery: the current one and two within
 * their grace. Each costs an HMAC over the whole body and ~50 bytes of header,
 * so an unbounded list would let one tenant's rotations stall a shared
 * instance and make sinks refuse the header (431).
 */
export const MAX_SIGNING_SECRETS = 3;

/** Secrets that still sign at `now`, newest first: the current one and rotated-out ones within their grace. */
export function signingSecrets(queue: QueueDefinition, now: number): string[] {
  const signing: string[] = [];
  // Stored newest first (the api puts a new secret in front).
  for (const s of queue.secrets) {
    if (s.expiresAt !== undefined && s.expiresAt <= now) continue;
    signing.push(s.value);
    if (signing.length === MAX_SIGNING_SECRETS) break;
  }
  return signing;
}
