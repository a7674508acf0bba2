import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import { Customer, Dealer, Vehicle, type CustomerContext } from '../../domain/customer';
import { CorruptItemError } from '../../domain/errors';
import type { CustomerDirectory } from '../../ports/customers';
import { attr, birthdayIndex, birthdayIndexPartition, customerKey, customerIdFromPartition, dealerKey, profileSortKeyPrefix, vehicleSortKeyPrefix } from './keys';

type Item = Record<string, unknown>;

function parseItem<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error } }, item: Item): T {
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    throw new CorruptItemError(`Item ${String(item[attr.pk])}/${String(item[attr.sk])} does not match its schema`, { cause: parsed.error });
  }
  return parsed.data;
}

/** Customers, vehicles and dealers in the engine table. */
export function createDynamoCustomerDirectory(client: DynamoDBDocumentClient, tableName: string): CustomerDirectory {
  // Dealers change rarely and every customer points at one: cache them for the function's life.
  const dealers = new Map<string, Dealer>();

  async function loadDealers(dealerIds: string[]): Promise<void> {
    const missing = [...new Set(dealerIds)].filter((id) => !dealers.has(id));
    for (let start = 0; start < missing.length; start += 100) {
      let keys: Item[] | undefined = missing.slice(start, start + 100).map((id) => ({ ...dealerKey(id) }));
      while (keys && keys.length > 0) {
        const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
        for (const item of result.Responses?.[tableName] ?? []) {
          const dealer = parseItem(Dealer, item);
          dealers.set(dealer.id, dealer);
        }
        keys = result.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined;
      }
    }
  }

  function toContext(customer: Customer, vehicleItems: Item[]): CustomerContext | undefined {
    const dealer = dealers.get(customer.dealerId);
    if (!dealer) throw new CorruptItemError(`Customer refers to unknown dealer ${customer.dealerId}`);
    return { customer, vehicles: vehicleItems.map((item) => parseItem(Vehicle, item)), dealer };
  }

  async function readPartition(customerId: string): Promise<{ customer?: Customer; vehicles: Item[] }> {
    const items = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :profile)',
      ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
      ExpressionAttributeValues: { ':pk': customerKey(customerId).PK, ':profile': profileSortKeyPrefix },
    });
    const profile = items.find((item) => item[attr.sk] === customerKey(customerId).SK);
    return {
      customer: profile ? parseItem(Customer, profile) : undefined,
      vehicles: items.filter((item) => String(item[attr.sk]).startsWith(vehicleSortKeyPrefix)),
    };
  }

  return {
    async findByBirthdayMonthDays(monthDays) {
      const indexed = (
        await Promise.all(
          monthDays.map((monthDay) =>
            queryAll(client, {
              TableName: tableName,
              IndexName: birthdayIndex,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': attr.gsi1pk },
              ExpressionAttributeValues: { ':pk': birthdayIndexPartition(monthDay) },
            }),
          ),
        )
      ).flat();
      const customerIds = indexed.map((item) => customerIdFromPartition(String(item[attr.pk])));
      const partitions = await Promise.all(customerIds.map(readPartition));
      const customers = partitions.flatMap((partition) => (partition.customer ? [partition] : []));
      await loadDealers(customers.map((partition) => partition.customer!.dealerId));
      return customers.flatMap((partition) => toContext(partition.customer!, partition.vehicles) ?? []);
    },

    async getCustomerContext(customerId) {
      const partition = await readPartition(customerId);
      if (!partition.customer) return undefined;
      await loadDealers([partition.customer.dealerId]);
      return toContext(partition.customer, partition.vehicles);
    },
  };
}
