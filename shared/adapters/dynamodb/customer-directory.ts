import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import { Customer, Dealer, Vehicle, type CustomerContext } from '../../domain/customer';
import { Complaint, ServiceVisit } from '../../domain/service-history';
import { CorruptItemError, TransientDeliveryError } from '../../domain/errors';
import type { CustomerDirectory } from '../../ports/customers';
import { attr, complaintSortKeyPrefix, customerKey, dealerKey, profileSortKeyPrefix, vehicleSortKeyPrefix, visitSortKeyPrefix } from './keys';

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

  async function loadDealer(dealerId: string): Promise<Dealer> {
    const cached = dealers.get(dealerId);
    if (cached) return cached;
    let keys: Item[] | undefined = [{ ...dealerKey(dealerId) }];
    // BatchGet rather than Get: unprocessed keys under throttling are retried with backoff here,
    // and the call widens to many dealers when a batch of customers needs them.
    for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      if (attempt > 8) throw new TransientDeliveryError('DynamoDB kept the dealer unprocessed; retry later');
      const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
      for (const item of result.Responses?.[tableName] ?? []) {
        const dealer = parseItem(Dealer, item);
        dealers.set(dealer.id, dealer);
      }
      keys = result.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined;
    }
    const dealer = dealers.get(dealerId);
    if (!dealer) throw new CorruptItemError(`Customer refers to unknown dealer ${dealerId}`);
    return dealer;
  }

  /**
   * The customer's profile range (profile, cars, visits, complaints; not the ledger) in one Query.
   * Each item is checked on its own schema, and any bad one fails this customer's context with
   * CorruptItemError rather than being skipped: a message is personalised from these facts (the
   * car, the complaint reference, the last visit), and one sent from half of them would be wrong
   * in a way nobody sees, while a failed send is recorded with its reason and the alarm fires.
   * Candidate reads, which cover many customers, skip and count instead.
   */
  async function readPartition(customerId: string): Promise<Omit<CustomerContext, 'dealer'> | undefined> {
    const items = await queryAll(client, {
      TableName: tableName,
      // Consent withdrawn a moment ago must stop this send: an eventually consistent read could
      // still return the grant.
      ConsistentRead: true,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :profile)',
      ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
      ExpressionAttributeValues: { ':pk': customerKey(customerId).PK, ':profile': profileSortKeyPrefix },
    });
    const profile = items.find((item) => item[attr.sk] === customerKey(customerId).SK);
    if (!profile) return undefined;
    const withPrefix = (prefix: string) => items.filter((item) => String(item[attr.sk]).startsWith(prefix));
    return {
      customer: parseItem(Customer, profile),
      vehicles: withPrefix(vehicleSortKeyPrefix).map((item) => parseItem(Vehicle, item)),
      // Sort keys hold the visit date first, so the Query returns visits oldest first.
      visits: withPrefix(visitSortKeyPrefix).map((item) => parseItem(ServiceVisit, item)),
      complaints: withPrefix(complaintSortKeyPrefix).map((item) => parseItem(Complaint, item)),
    };
  }

  return {
    async getCustomerContext(customerId): Promise<CustomerContext | undefined> {
      const partition = await readPartition(customerId);
      if (!partition) return undefined;
      return { ...partition, dealer: await loadDealer(partition.customer.dealerId) };
    },
  };
}
