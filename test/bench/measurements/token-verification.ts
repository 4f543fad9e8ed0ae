// Measurement 5: what verifying the push token costs per request, with the
// verified-token cache (a hot instance, Pub/Sub reusing one token for many
// pushes) and without it (every request checks the RS256 signature).
import { localPushKeys } from '../../../functions/src/auth/push-keys';
import { VerifiedTokenCache } from '../../../functions/src/auth/verified-token-cache';
import { createPushTokenVerifier } from '../../../functions/src/auth/verify-push-token';
import type { BenchOptions } from '../bench-options';
import { BENCH_AUDIENCE, BENCH_PUSH_ACCOUNT, type PushSigner } from '../support/push-signer';

/** A cache that never remembers: every call verifies the signature. */
class NoCache extends VerifiedTokenCache {
  override has(): boolean {
    return false;
  }
  override knowsHeader(): boolean {
    return false;
  }
}

export interface TokenVerificationResult {
  readonly cachedMicrosPerRequest: number;
  readonly uncachedMicrosPerRequest: number;
  readonly cacheSpeedup: number;
}

/** A cached token is answered synchronously: only a returned promise is awaited. */
async function microsPerCall(call: () => Promise<void> | undefined, ms: number): Promise<number> {
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 100; i++) {
      const pending = call();
      if (pending) await pending;
    }
    calls += 100;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  return (elapsed * 1000) / calls;
}

export async function measureTokenVerification(
  options: BenchOptions,
  signer: PushSigner,
): Promise<TokenVerificationResult> {
  const keys = localPushKeys({ keys: [signer.publicJwk] });
  const expected = {
    audience: BENCH_AUDIENCE,
    serviceAccountEmail: BENCH_PUSH_ACCOUNT,
    clockSkewSeconds: 30,
  };
  const cached = createPushTokenVerifier(keys, expected);
  const uncached = createPushTokenVerifier(keys, expected, { cache: new NoCache() });
  const authorization = `Bearer ${await signer.sign()}`;
  let cachedUs = Number.POSITIVE_INFINITY;
  let uncachedUs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    cachedUs = Math.min(cachedUs, await microsPerCall(() => cached(authorization), options.microBenchMs / 2));
    uncachedUs = Math.min(
      uncachedUs,
      await microsPerCall(() => uncached(authorization), options.microBenchMs / 2),
    );
  }
  return {
    cachedMicrosPerRequest: cachedUs,
    uncachedMicrosPerRequest: uncachedUs,
    cacheSpeedup: uncachedUs / cachedUs,
  };
}
