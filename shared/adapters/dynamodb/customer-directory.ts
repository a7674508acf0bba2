import type { DynamoDBDocumentClient } from './document-client';
import { batchGetAll } from './batch-get';
import { readCustomerPartition } from './customer-partition';
import { Customer, Dealer, Vehicle, type CustomerContext } from '../../domain/customer';
import { Complaint, ServiceVisit } from '../../domain/service-history';
import { Suppression } from '../../domain/suppression';
import { CorruptItemError } from '../../domain/errors';
import type { CustomerDirectory } from '../../ports/customers';
import { attr, dealerKey } from './keys';

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
    for (const item of await batchGetAll(client, tableName, [dealerKey(dealerId)])) {
      const dealer = parseItem(Dealer, item);
      dealers.set(dealer.id, dealer);
    }
    const dealer = dealers.get(dealerId);
    if (!dealer) throw new CorruptItemError(`Customer refers to unknown dealer ${dealerId}`);
    return dealer;
  }

  /**
   * The customer's profile range, each item checked on its own schema. Any bad one fails this
   * customer's context with CorruptItemError rather than being skipped: a message is personalised
   * from these facts (the car, the complaint reference, the last visit), and one sent from half of
   * them would be wrong in a way nobody sees, while a failed send is recorded with its reason and
   * the alarm fires. Candidate reads, which cover many customers, skip and count instead.
   */
  async function readPartition(customerId: string): Promise<Omit<CustomerContext, 'dealer'> | undefined> {
    // Consistent: consent withdrawn a moment ago must stop this send.
    const partition = await readCustomerPartition(client, tableName, customerId, { consistent: true });
    if (!partition) return undefined;
    return {
      customer: parseItem(Customer, partition.profile),
      vehicles: partition.vehicles.map((item) => parseItem(Vehicle, item)),
      visits: partition.visits.map((item) => parseItem(ServiceVisit, item)),
      complaints: partition.complaints.map((item) => parseItem(Complaint, item)),
      suppressions: partition.suppressions.map((item) => parseItem(Suppression, item)),
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
