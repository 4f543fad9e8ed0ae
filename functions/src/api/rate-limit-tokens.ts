// The api's rate limit: EVENTQ_API_RATE_PER_MINUTE requests per minute per
// tenant token, per api instance (a token bucket holding a second's worth, at
// least one), so one tenant's loop cannot take an instance from the others.
// Over it: 429 ERR_RATE_LIMITED with Retry-After in whole seconds. 0 turns it
// off (the local stack). Keyed by the token's hash, checked after the token
// is known to be ours, so made-up tokens fill no buckets.
import { RateLimiter } from '../delivery/rate-limiter';
import { RateLimitedError } from '../errors';
import { hashToken } from '../store/token-store';

export type TokenRateCheck = (token: string) => void;

export function createTokenRateCheck(perMinute: number, now: () => number): TokenRateCheck {
  if (perMinute <= 0) return () => undefined;
  const limiter = new RateLimiter();
  return (token) => {
    const key = hashToken(token);
    if (limiter.take(key, perMinute, now())) return;
    throw new RateLimitedError(Math.max(1, Math.ceil(limiter.waitMs(key, perMinute) / 1000)));
  };
}
