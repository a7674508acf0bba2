/**
 * API keys for the demo dealers (and their brands, where a dealer has a `brandId`), created on
 * the first `npm start` of a data folder. Locally only, the keys are also kept in the data
 * folder so each start can print them for the README's curl example; in AWS a key is shown once
 * by `npm run keys` and never stored but as a hash.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { DynamoDBDocumentClient } from '../shared/adapters/dynamodb/document-client';
import * as z from 'zod';
import { createDynamoApiKeyStore } from '../shared/adapters/dynamodb/api-key-store';
import type { Dealer } from '../shared/domain/customer';
import { tenantId, type Tenant } from '../shared/domain/tenant';
import { createApiKey } from '../shared/use-cases/api-keys';

const DemoKeys = z.array(z.object({ tenant: z.string(), key: z.string() }));
export type DemoKeys = z.infer<typeof DemoKeys>;

export async function ensureDemoKeys(client: DynamoDBDocumentClient, tableName: string, dealers: readonly Dealer[], file: string): Promise<{ created: boolean; keys: DemoKeys }> {
  try {
    const parsed = DemoKeys.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return { created: false, keys: parsed.data };
  } catch {
    // No file yet (first start of this data folder): create the keys below.
  }
  const store = createDynamoApiKeyStore(client, tableName);
  const brands = [...new Set(dealers.flatMap((dealer) => (dealer.brandId ? [dealer.brandId] : [])))];
  const tenants: Tenant[] = [...dealers.map((dealer): Tenant => ({ kind: 'dealer', dealerId: dealer.id })), ...brands.map((brandId): Tenant => ({ kind: 'brand', brandId }))];
  const keys: DemoKeys = [];
  for (const tenant of tenants) keys.push({ tenant: tenantId(tenant), key: (await createApiKey(tenant, new Date(), store)).key });
  await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return { created: true, keys };
}
