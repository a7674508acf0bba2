import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRateLimiter, type RateLimit } from '../../shared/domain/rate-limit';
import type { Tenant } from '../../shared/domain/tenant';
import { HttpProblem } from '../../shared/middleware/http-problems';
import type { ApiKeyStore } from '../../shared/ports/api-keys';
import { createKeyCheck } from '../../shared/use-cases/api-keys';
import { header, type Authenticate } from './http';

/**
 * The documented per-key limit: 10 requests a second sustained, bursts of 20, per function
 * instance (a token bucket in memory; see the README's "Rate limit" for why not in the table).
 */
export const apiRateLimit: RateLimit = { perSecond: 10, burst: 20 };

/**
 * Checks the `Authorization: Bearer` key (cached, see `createKeyCheck`), then the key's rate:
 * 401 for a missing or bad key, 429 with `Retry-After` past the limit. An unauthenticated caller
 * is refused before anything else is read, whatever the route or body.
 */
export function createAuthenticate(keys: ApiKeyStore, { limit = apiRateLimit, clock = Date.now }: { limit?: RateLimit; clock?: () => number } = {}): Authenticate {
  const checkKey = createKeyCheck(keys);
  const limiter = createRateLimiter(limit);
  return async (event: APIGatewayProxyEventV2): Promise<Tenant> => {
    const caller = await checkKey(header(event, 'authorization'));
    if (!caller) throw new HttpProblem(401, 'Unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".');
    const answer = limiter.take(caller.keyId, clock());
    if (!answer.allowed) {
      throw new HttpProblem(429, 'Too Many Requests', `More than ${limit.perSecond} requests a second (bursts of ${limit.burst}) with this key; retry after ${answer.retryAfterSeconds} s.`, undefined, {
        'retry-after': String(answer.retryAfterSeconds),
      });
    }
    return caller.tenant;
  };
}
