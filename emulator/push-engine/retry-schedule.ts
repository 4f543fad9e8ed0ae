// When a message that failed is pushed again: the subscription's retry policy,
// "exponential backoff between the minimum and the maximum" as Pub/Sub
// documents it. Without a retry policy Pub/Sub redelivers at once; push
// backoff (push-window.ts) is then what spaces the attempts.
import type { SubscriptionSettings } from './subscription-settings';

/** The wait after the `failedAttempts`-th failure (1 = the first): min·2^(n-1), at most max. */
export function retryDelayMs(failedAttempts: number, policy: SubscriptionSettings['retryPolicy']): number {
  if (!policy) return 0;
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^30 times any minimum is past every maximum; the cap keeps the power finite.
  const grown = policy.minimumBackoffMs * 2 ** Math.min(exponent, 30);
  return Math.max(policy.minimumBackoffMs, Math.min(policy.maximumBackoffMs, grown));
}
