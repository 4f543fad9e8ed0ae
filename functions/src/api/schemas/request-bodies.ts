// What each request schema of api-schemas.ts admits, as TypeScript types: a
// handler receives its body already checked against the schema (and its
// filters by validate-filters.ts), typed as here.
import type { Filter } from '../../filters/filter';
import type { ContentMode, QueueKind, QueueStatus } from '../../queues/queue-definition';
import type { SubscriptionBody, SubscriptionRequestBody } from '../subscriptions/subscription-body';

export interface CreateQueueBody {
  readonly name: string;
  readonly kind?: QueueKind;
  readonly sink?: string;
  readonly types?: string[];
  readonly source?: string;
  readonly filters?: Filter[];
  readonly contentMode?: ContentMode;
  readonly maxDeliveryAttempts?: number;
  readonly ordered?: boolean;
  readonly principal?: string;
  readonly signature?: 'v1' | 'v1a';
  readonly replies?: boolean;
}

export interface PatchQueueBody {
  readonly sink?: string;
  readonly types?: string[];
  /** null removes the source filter. */
  readonly source?: string | null;
  readonly filters?: Filter[];
  readonly contentMode?: ContentMode;
  readonly status?: Extract<QueueStatus, 'active' | 'paused'>;
  readonly replies?: boolean;
}

export interface ReplayBody {
  readonly since: string;
}

export interface RotateSecretBody {
  readonly graceSeconds?: number;
}

export interface CreatePortalSessionBody {
  readonly access?: 'read' | 'manage';
  readonly ttlSeconds?: number;
}

/** The search whose entries a bulk resend delivers again (strings as in the query string). */
export interface BulkResendBody {
  readonly status?: string;
  readonly type?: string;
  readonly subject?: string;
  readonly source?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
  readonly pageToken?: string;
}

export interface FilterTestBody {
  readonly filters: Filter[];
  /** A structured-mode CloudEvent, checked by the handler (sample-event.ts). */
  readonly event: Record<string, unknown>;
}

export interface RouteEventBody {
  readonly event: Record<string, unknown>;
}

/** The schema name of each request body, and the type it validates to. */
export interface RequestBodies {
  readonly CreateQueue: CreateQueueBody;
  readonly PatchQueue: PatchQueueBody;
  readonly Replay: ReplayBody;
  readonly BulkResend: BulkResendBody;
  readonly RotateSecret: RotateSecretBody;
  readonly FilterTest: FilterTestBody;
  readonly RouteEvent: RouteEventBody;
  readonly CreatePortalSession: CreatePortalSessionBody;
  readonly SubscriptionRequest: SubscriptionRequestBody;
  readonly Subscription: SubscriptionBody;
}

export type RequestSchemaName = keyof RequestBodies;
