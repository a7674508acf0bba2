/**
 * A token bucket per caller: `burst` requests at once, refilled at `perSecond`. Pure: the caller
 * passes the time. The API keeps one per function instance (see the README's rate-limit section
 * for why in memory and not in the table).
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ perSecond: 10, burst: 20 });
 * const answer = limiter.take('key-1', Date.now());
 * if (!answer.allowed) respond429(answer.retryAfterSeconds);
 * ```
 */
export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests allowed at once after a quiet spell. */
  burst: number;
}

export type RateAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(caller: string, nowMs: number): RateAnswer;
}

export function createRateLimiter({ perSecond, burst }: RateLimit, { maxCallers = 10_000 }: { maxCallers?: number } = {}): RateLimiter {
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return {
    take(caller, nowMs) {
      const bucket = buckets.get(caller) ?? { tokens: burst, atMs: nowMs };
      // A clock stepping back must not mint tokens: count no time then.
      const elapsedSeconds = Math.max(0, nowMs - bucket.atMs) / 1000;
      const tokens = Math.min(burst, bucket.tokens + elapsedSeconds * perSecond);
      if (!buckets.has(caller) && buckets.size >= maxCallers) buckets.clear(); // a bound: a cleared caller starts full again
      if (tokens >= 1) {
        buckets.set(caller, { tokens: tokens - 1, atMs: nowMs });
        return { allowed: true };
      }
      buckets.set(caller, { tokens, atMs: nowMs });
      // Whole seconds, rounded up: Retry-After takes an integer, and sooner would be refused again.
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
    },
  };
}
