import { BatchGetCommand, type DynamoDBDocumentClient } from './document-client';
import type { Brand } from '../../domain/brand';
import type { Dealer } from '../../domain/customer';
import { TransientDeliveryError } from '../../domain/errors';
import type { CustomerRecord, CustomerStore, SaveOutcome } from '../../ports/customers';
import { batchWriteAll, type WriteRequest } from './batch-write';
import { brandItem, customerRecordItems, dealerItem } from './customer-items';
import { attr, brandKey, complaintSortKeyPrefix, customerKey, dealerKey, profileSortKeyPrefix, vehicleSortKeyPrefix, visitSortKeyPrefix, type ItemKey } from './keys';
import { queryAll } from './query-all';

type Item = Record<string, unknown>;

/** JSON with sorted keys: two items are the same when this is, whatever order DynamoDB returns. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Item).filter(([, field]) => field !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The sets a customer record replaces: what is stored under these and not in the record goes. */
const replacedPrefixes = [vehicleSortKeyPrefix, visitSortKeyPrefix, complaintSortKeyPrefix];

const keyOf = (item: Item): ItemKey => ({ PK: String(item[attr.pk]), SK: String(item[attr.sk]) });
const keyId = (key: ItemKey) => `${key.PK}|${key.SK}`;

/** BatchGet of up to 100 keys a call, unprocessed keys retried with backoff. */
async function batchGetAll(client: DynamoDBDocumentClient, tableName: string, keys: ItemKey[]): Promise<Item[]> {
  const found: Item[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: ItemKey[] = keys.slice(start, start + 100);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new TransientDeliveryError('DynamoDB kept reads unprocessed; run the import again');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    }
  }
  return found;
}

/**
 * Compares what is stored with what should be, and lists the writes that close the gap: puts
 * for new or changed items, deletes for stored items no longer wanted.
 */
function plan(stored: Item[], wanted: Item[], deletable: (item: Item) => boolean): WriteRequest[] {
  const storedById = new Map(stored.map((item) => [keyId(keyOf(item)), item]));
  const wantedIds = new Set(wanted.map((item) => keyId(keyOf(item))));
  const writes: WriteRequest[] = [];
  for (const item of wanted) {
    const current = storedById.get(keyId(keyOf(item)));
    if (!current || canonical(current) !== canonical(item)) writes.push({ PutRequest: { Item: item } });
  }
  for (const item of stored) {
    if (!wantedIds.has(keyId(keyOf(item))) && deletable(item)) writes.push({ DeleteRequest: { Key: keyOf(item) } });
  }
  return writes;
}

const outcomeOf = (existed: boolean, writes: WriteRequest[]): SaveOutcome => (!existed ? 'imported' : writes.length > 0 ? 'updated' : 'unchanged');

/** The import's writes to the engine table: read, compare, write only the difference. */
export function createDynamoCustomerStore(client: DynamoDBDocumentClient, tableName: string): CustomerStore {
  /** Dealers and brands: one item each, overwritten when it differs, never deleted by an import. */
  async function saveSingles(entries: { key: ItemKey; item: Item }[]): Promise<SaveOutcome[]> {
    const stored = await batchGetAll(client, tableName, entries.map((entry) => entry.key));
    const plans = entries.map(({ key, item }) => {
      const current = stored.filter((storedItem) => keyId(keyOf(storedItem)) === keyId(key));
      return { existed: current.length > 0, writes: plan(current, [item], () => false) };
    });
    await batchWriteAll(client, tableName, plans.flatMap((entry) => entry.writes));
    return plans.map((entry) => outcomeOf(entry.existed, entry.writes));
  }

  return {
    async existingBrands(brandIds) {
      const items = await batchGetAll(client, tableName, [...new Set(brandIds)].map(brandKey));
      return new Set(items.map((item) => String(item.id)));
    },

    saveBrands: (brands: Brand[]) => saveSingles(brands.map((brand) => ({ key: brandKey(brand.id), item: brandItem(brand) }))),

    async existingDealers(dealerIds) {
      const items = await batchGetAll(client, tableName, [...new Set(dealerIds)].map(dealerKey));
      return new Set(items.map((item) => String(item.id)));
    },

    saveDealers: (dealers: Dealer[]) => saveSingles(dealers.map((dealer) => ({ key: dealerKey(dealer.id), item: dealerItem(dealer) }))),

    async saveCustomers(records: CustomerRecord[]) {
      const plans = await Promise.all(
        records.map(async (record) => {
          const { customer } = record;
          // The profile and its vehicles, not the ledger items that share the partition.
          const stored = await queryAll(client, {
            TableName: tableName,
            ConsistentRead: true,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :profile)',
            ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
            ExpressionAttributeValues: { ':pk': customerKey(customer.id).PK, ':profile': profileSortKeyPrefix },
          });
          const wanted = customerRecordItems(record);
          const existed = stored.some((item) => item[attr.sk] === customerKey(customer.id).SK);
          // Everything under the profile is replaced by the record's sets; the profile itself is
          // overwritten, never deleted, by an import.
          const writes = plan(stored, wanted, (item) => replacedPrefixes.some((prefix) => String(item[attr.sk]).startsWith(prefix)));
          return { existed, writes };
        }),
      );
      await batchWriteAll(client, tableName, plans.flatMap((entry) => entry.writes));
      return plans.map((entry) => outcomeOf(entry.existed, entry.writes));
    },
  };
}
