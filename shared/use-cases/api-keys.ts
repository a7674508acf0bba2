/**
 * API keys: created high-entropy and shown once, stored as a SHA-256 only, checked on every
 * request (with a short cache), revocable. A key reads `djk_<keyId>_<secret>`: the public id
 * finds the stored hash with one read, the 256-bit secret is what makes it unguessable.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Tenant } from '../domain/tenant';
import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-keys';

const keyPattern = /^djk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Creates a key for the tenant and returns it in full: the only time it is ever seen. */
export async function createApiKey(tenant: Tenant, now: Date, store: ApiKeyStore): Promise<{ key: string; record: ApiKeyRecord }> {
  const keyId = randomBytes(8).toString('hex');
  const key = `djk_${keyId}_${randomBytes(32).toString('base64url')}`;
  const record: ApiKeyRecord = { keyId, tenant, hash: hashKey(key), createdAt: now.toISOString() };
  await store.create(record);
  return { key, record };
}

export interface KeyCheckOptions {
  /** How long an answer is reused: a revoked key stops working within this. */
  ttlMs?: number;
  maxEntries?: number;
  clock?: () => number;
}

/** Who called: the key's public id (what the rate limit counts by) and the tenant it speaks for. */
export interface ApiCaller {
  keyId: string;
  tenant: Tenant;
}

/**
 * A key checker for a function's life: the caller of a valid `Authorization: Bearer` header, or
 * undefined (missing, malformed, unknown, wrong secret, revoked). Answers, bad ones included,
 * are cached by the key's hash for `ttlMs` (60 s), so a flood of one bad key costs one read.
 */
export function createKeyCheck(store: ApiKeyStore, { ttlMs = 60_000, maxEntries = 10_000, clock = Date.now }: KeyCheckOptions = {}) {
  const cache = new Map<string, { caller: ApiCaller | undefined; until: number }>();

  async function lookUp(key: string, hash: string): Promise<ApiCaller | undefined> {
    const match = keyPattern.exec(key);
    if (!match) return undefined;
    const record = await store.get(match[1]!);
    if (!record || record.revokedAt !== undefined) return undefined;
    return timingSafeEqual(Buffer.from(record.hash, 'hex'), Buffer.from(hash, 'hex')) ? { keyId: record.keyId, tenant: record.tenant } : undefined;
  }

  return async (authorization: string | undefined): Promise<ApiCaller | undefined> => {
    const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(authorization ?? '');
    if (!match) return undefined;
    const key = match[1]!;
    const hash = hashKey(key);
    const cached = cache.get(hash);
    if (cached && cached.until > clock()) return cached.caller;
    const caller = await lookUp(key, hash);
    if (cache.size >= maxEntries) cache.clear(); // a bound, not an LRU: a refill costs one read per key
    cache.set(hash, { caller, until: clock() + ttlMs });
    return caller;
  };
}
