// What the push engine needs to know about one subscription, read from the
// emulator's REST representation of it (the same resource production has):
// where it pushes, with which token, and its ack deadline, retry policy,
// dead-letter policy and ordering.

export interface SubscriptionSettings {
  /** projects/<p>/subscriptions/<id> */
  readonly name: string;
  /** '' for a pull (or paused) subscription. */
  readonly pushEndpoint: string;
  readonly oidcToken?: { readonly serviceAccountEmail: string; readonly audience: string };
  readonly ackDeadlineMs: number;
  /** Absent: Pub/Sub redelivers at once (subject to push backoff). */
  readonly retryPolicy?: { readonly minimumBackoffMs: number; readonly maximumBackoffMs: number };
  readonly deadLetterPolicy?: { readonly deadLetterTopic: string; readonly maxDeliveryAttempts: number };
  readonly ordered: boolean;
}

/** Pub/Sub's defaults: ack deadline 10 s, retry backoff 10 s–600 s, 5 delivery attempts. */
const DEFAULT_ACK_DEADLINE_SECONDS = 10;
const DEFAULT_MIN_BACKOFF_MS = 10_000;
const DEFAULT_MAX_BACKOFF_MS = 600_000;
const DEFAULT_MAX_DELIVERY_ATTEMPTS = 5;

interface SubscriptionResource {
  name?: string;
  pushConfig?: { pushEndpoint?: string; oidcToken?: { serviceAccountEmail?: string; audience?: string } };
  ackDeadlineSeconds?: number;
  retryPolicy?: { minimumBackoff?: string; maximumBackoff?: string };
  deadLetterPolicy?: { deadLetterTopic?: string; maxDeliveryAttempts?: number };
  enableMessageOrdering?: boolean;
}

/** A JSON google.protobuf.Duration ("10s", "1.5s") in milliseconds. */
export function durationMs(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)s$/.exec(value);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

export function parseSubscriptionSettings(resource: unknown): SubscriptionSettings {
  const r = resource as SubscriptionResource;
  if (typeof r?.name !== 'string') throw new Error('a subscription resource without a name');
  const oidc = r.pushConfig?.oidcToken;
  const retry = r.retryPolicy;
  const deadLetter = r.deadLetterPolicy;
  return {
    name: r.name,
    pushEndpoint: r.pushConfig?.pushEndpoint ?? '',
    ...(oidc?.serviceAccountEmail
      ? { oidcToken: { serviceAccountEmail: oidc.serviceAccountEmail, audience: oidc.audience ?? '' } }
      : {}),
    ackDeadlineMs: (r.ackDeadlineSeconds || DEFAULT_ACK_DEADLINE_SECONDS) * 1000,
    ...(retry
      ? {
          retryPolicy: {
            minimumBackoffMs: durationMs(retry.minimumBackoff) ?? DEFAULT_MIN_BACKOFF_MS,
            maximumBackoffMs: durationMs(retry.maximumBackoff) ?? DEFAULT_MAX_BACKOFF_MS,
          },
        }
      : {}),
    ...(deadLetter?.deadLetterTopic
      ? {
          deadLetterPolicy: {
            deadLetterTopic: deadLetter.deadLetterTopic,
            maxDeliveryAttempts: deadLetter.maxDeliveryAttempts || DEFAULT_MAX_DELIVERY_ATTEMPTS,
          },
        }
      : {}),
    ordered: r.enableMessageOrdering === true,
  };
}
