import { createTokenRateCheck } from '../../../functions/src/api/rate-limit-tokens';
import { RateLimitedError } from '../../../functions/src/errors';

const A = 'eqt_token-of-a-0000000';
const B = 'eqt_token-of-b-0000000';

function refused(check: (t: string) => void, token: string): RateLimitedError | undefined {
  try {
    check(token);
    return undefined;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

describe('createTokenRateCheck', () => {
  it("lets a second's worth through at once, then refuses with 429 and a Retry-After in whole seconds", () => {
    const now = 0;
    const check = createTokenRateCheck(600, () => now);
    for (let i = 0; i < 10; i++) expect(refused(check, A)).toBeUndefined();
    const error = refused(check, A);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error!.status).toBe(429);
    expect(error!.code).toBe('ERR_RATE_LIMITED');
    expect(error!.retryAfterSeconds).toBe(1);
  });

  it('refills at the configured rate', () => {
    let now = 0;
    const check = createTokenRateCheck(60, () => now);
    expect(refused(check, A)).toBeUndefined();
    expect(refused(check, A)?.retryAfterSeconds).toBe(1);
    now += 1000;
    expect(refused(check, A)).toBeUndefined();
  });

  it('counts each token apart', () => {
    const check = createTokenRateCheck(60, () => 0);
    expect(refused(check, A)).toBeUndefined();
    expect(refused(check, A)).toBeInstanceOf(RateLimitedError);
    expect(refused(check, B)).toBeUndefined();
  });

  it('says how long to wait at a slow rate', () => {
    const check = createTokenRateCheck(1, () => 0);
    expect(refused(check, A)).toBeUndefined();
    expect(refused(check, A)?.retryAfterSeconds).toBe(60);
  });

  it('with 0 never refuses', () => {
    const check = createTokenRateCheck(0, () => 0);
    for (let i = 0; i < 10_000; i++) expect(refused(check, A)).toBeUndefined();
  });
});
