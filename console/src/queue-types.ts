// The shapes of the API's answers that the pages read (CONTRACT.md; /openapi.json has them all).

export interface Queue {
  readonly name: string;
  readonly kind: 'push' | 'pull';
  readonly status: 'active' | 'paused' | 'disabled';
  readonly statusReason?: string;
  readonly sink?: string;
  readonly types?: string[];
  readonly source?: string;
  readonly filters: unknown[];
  readonly contentMode: 'binary' | 'structured';
  readonly failingSince?: string;
  readonly allowedRate?: number;
  readonly subscription: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface CreatedQueue extends Queue {
  readonly secret?: string;
  readonly credentials?: Record<string, unknown>;
}

export interface EventType {
  readonly type: string;
  readonly description: string;
  readonly schema: Record<string, unknown>;
  /** `operational` for eventq's own events (io.eventq.*); absent for the platform's. */
  readonly category?: string;
}

export interface Failure {
  readonly time: string;
  readonly eventId: string;
  readonly type: string;
  readonly webhookId?: string;
  readonly status: number | null;
  readonly error: string;
  readonly latencyMs?: number | null;
  readonly attempt?: number | null;
}

/** An entry of the message log (CONTRACT.md "Message log"). */
export interface LogEntry {
  readonly webhookId: string;
  readonly queue?: string;
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject?: string;
  readonly time?: string;
  readonly publishTime: string;
  readonly status: 'delivered' | 'failing' | 'dead-lettered' | 'filtered' | 'invalid';
  readonly reason?: string;
  readonly attemptCount: number;
  readonly lastAttempt?: {
    readonly at: string;
    readonly status?: number;
    readonly error?: string;
    readonly latencyMs: number;
  };
  readonly deliveredAt?: string;
}

export interface Attempt {
  readonly at: string;
  readonly attempt: number;
  readonly status?: number;
  readonly error?: string;
  readonly latencyMs: number;
  readonly responseExcerpt?: string;
}

export interface LogEntryDetail extends LogEntry {
  readonly attempts: Attempt[];
  readonly event?: Record<string, unknown>;
  readonly dataOmitted?: boolean;
  readonly dataSize?: number;
}
