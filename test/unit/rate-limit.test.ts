import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../shared/domain/rate-limit';

describe('the per-key rate limit (token bucket)', () => {
  it('allows a burst, then refuses with the seconds until a request would pass', () => {
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 });

    const answers = [0, 0, 0, 0].map((at) => limiter.take('key-1', at));

    expect(answers.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(answers[3]).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate, never above the burst', () => {
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 });
    for (let index = 0; index < 3; index += 1) limiter.take('key-1', 0);

    const afterHalfSecond = limiter.take('key-1', 500);
    const atOnce = limiter.take('key-1', 500);
    const afterAnHour = [1, 2, 3, 4].map(() => limiter.take('key-1', 3_600_000));

    expect(afterHalfSecond).toEqual({ allowed: true });
    expect(atOnce.allowed).toBe(false);
    expect(afterAnHour.map((answer) => answer.allowed)).toEqual([true, true, true, false]);
  });

  it('counts each key apart', () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1 });

    limiter.take('key-1', 0);

    expect(limiter.take('key-1', 0).allowed).toBe(false);
    expect(limiter.take('key-2', 0).allowed).toBe(true);
  });

  it('asks a slow refill to wait whole seconds', () => {
    const limiter = createRateLimiter({ perSecond: 0.25, burst: 1 });

    limiter.take('key-1', 0);

    expect(limiter.take('key-1', 0)).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });
});
