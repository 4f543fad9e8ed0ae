// Pub/Sub admin calls (subscriptions, seeks, IAM, the dead-letter pull) get a
// deadline and the one error model (with-deadline.ts): a Pub/Sub that is down
// or slow is a 503 ERR_UNAVAILABLE on every route, as the queue store is,
// rather than a raw client error or a wait on the client's own retries.
import { withDeadline } from '../with-deadline';

/** Longer than a healthy admin call takes (a subscription is created in a few seconds at worst). */
export const PUBSUB_ADMIN_DEADLINE_MS = 10_000;

export function withPubsubDeadline<T>(
  what: string,
  call: () => Promise<T>,
  options: { readonly passThrough?: readonly number[]; readonly deadlineMs?: number } = {},
): Promise<T> {
  return withDeadline('Pub/Sub', what, call, {
    deadlineMs: options.deadlineMs ?? PUBSUB_ADMIN_DEADLINE_MS,
    passThrough: options.passThrough,
  });
}
