import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord, ApiKeyStore } from '../../shared/ports/api-keys';
import { createApiKey, createKeyCheck } from '../../shared/use-cases/api-keys';

function memoryKeyStore(): ApiKeyStore & { reads: number } {
  const keys = new Map<string, ApiKeyRecord>();
  const store = {
    reads: 0,
    create: async (record: ApiKeyRecord) => void keys.set(record.keyId, record),
    get: async (keyId: string) => {
      store.reads += 1;
      return keys.get(keyId);
    },
    list: async () => [...keys.values()],
    revoke: async (keyId: string, at: string) => {
      const record = keys.get(keyId);
      if (record) keys.set(keyId, { ...record, revokedAt: at });
      return record !== undefined;
    },
  };
  return store;
}

describe('API keys', () => {
  it('stores only the hash of a high-entropy key and accepts it as Bearer for its tenant', async () => {
    const store = memoryKeyStore();
    const { key, record } = await createApiKey({ kind: 'brand', brandId: 'bmw-cn' }, new Date('2026-03-14T00:00:00Z'), store);
    const check = createKeyCheck(store);

    expect(key).toMatch(/^djk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await store.list())).not.toContain(key.slice(21));
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await check(`Bearer ${key}`)).toEqual({ keyId: record.keyId, tenant: { kind: 'brand', brandId: 'bmw-cn' } });
    expect(await check(key)).toBeUndefined();
    // Another last character (never the same one: a key may end in A).
    expect(await check(`Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
  });

  it('reuses an answer within the TTL and refuses a revoked key once it has passed', async () => {
    const store = memoryKeyStore();
    let now = 0;
    const { key, record } = await createApiKey({ kind: 'dealer', dealerId: 'dealer-sh' }, new Date(), store);
    const check = createKeyCheck(store, { ttlMs: 60_000, clock: () => now });

    await check(`Bearer ${key}`);
    await store.revoke(record.keyId, new Date().toISOString());
    now = 59_000;
    const cached = await check(`Bearer ${key}`);
    now = 61_000;
    const after = await check(`Bearer ${key}`);

    expect(cached).toEqual({ keyId: record.keyId, tenant: { kind: 'dealer', dealerId: 'dealer-sh' } });
    expect(after).toBeUndefined();
    expect(store.reads).toBe(2);
  });
});
