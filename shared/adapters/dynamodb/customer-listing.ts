import { ScanCommand, type DynamoDBDocumentClient } from './document-client';
import { batchGetAll } from './batch-get';
import { decodeCustomerRecord, readCustomerPartition } from './customer-partition';
import * as z from 'zod';
import { Dealer } from '../../domain/customer';
import { customerFacts, type CustomerFacts } from '../../domain/customer-facts';
import { pseudonym } from '../../logging';
import type { CustomerListing, CustomerPage, SkippedRecord } from '../../ports/customers';
import { attr, customerIdFromPartition, customerPartitionPrefix, dealerKey, profileSortKeyPrefix } from './keys';

type Item = Record<string, unknown>;

export interface CustomerListingOptions {
  /** Parallel Scan segments: each page reads one slice of each, at once. */
  segments?: number;
  /** Items each segment evaluates per page (profiles are a share of them). */
  itemsPerSegment?: number;
  /**
   * Only this slice of the table (`index` of `of` equal slices, by partition hash, as a parallel
   * Scan splits it): a job sharded into runs that each fit a Lambda invocation lists its own
   * customers. Default: the whole table.
   */
  slice?: { index: number; of: number };
}

/** Where each segment goes on: its last key, `null` before its first page, `'done'` after its last. */
const Cursor = z.array(z.union([z.record(z.string(), z.unknown()), z.null(), z.literal('done')]));
type Cursor = z.infer<typeof Cursor>;

// Only customer profiles: their PK is the customer partition, their SK the profile itself.
const profilesOnly = {
  FilterExpression: '#sk = :profile AND begins_with(#pk, :customer)',
  ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
  ExpressionAttributeValues: { ':profile': profileSortKeyPrefix, ':customer': customerPartitionPrefix },
};

/**
 * Lists every customer of the engine table for the due index's recompute: parallel Scan segments
 * find the profiles, and each customer's profile range (profile, cars, visits, complaints) is then
 * read in one Query, so a record is never split across pages. Costs one read of the table per
 * recompute, which runs only when the journeys change.
 */
export function createDynamoCustomerListing(client: DynamoDBDocumentClient, tableName: string, { segments = 4, itemsPerSegment = 200, slice = { index: 0, of: 1 } }: CustomerListingOptions = {}): CustomerListing {
  // The slice's segments among all of the table's: each customer falls in exactly one.
  const totalSegments = segments * slice.of;
  const firstSegment = segments * slice.index;
  const dealerCountries = new Map<string, string | undefined>();

  async function countriesOf(dealerIds: string[]): Promise<void> {
    const unknown = [...new Set(dealerIds)].filter((id) => !dealerCountries.has(id));
    for (const item of await batchGetAll(client, tableName, unknown.map(dealerKey))) {
      const dealer = Dealer.safeParse(item);
      // A bad dealer item costs its customers only the fallback region, not their due dates.
      if (dealer.success) dealerCountries.set(dealer.data.id, dealer.data.address.country);
    }
    for (const id of unknown) if (!dealerCountries.has(id)) dealerCountries.set(id, undefined);
  }

  async function readRecord(customerId: string): Promise<ReturnType<typeof decodeCustomerRecord> | undefined> {
    const partition = await readCustomerPartition(client, tableName, customerId, { consistent: false });
    // Undefined: erased since the scan saw it.
    return partition && decodeCustomerRecord(partition);
  }

  return {
    async countCustomers() {
      const counts = await Promise.all(
        Array.from({ length: segments }, async (_, segment) => {
          let count = 0;
          let startKey: Item | undefined;
          do {
            const page = await client.send(new ScanCommand({ TableName: tableName, Segment: firstSegment + segment, TotalSegments: totalSegments, Select: 'COUNT', ExclusiveStartKey: startKey, ...profilesOnly }));
            count += page.Count ?? 0;
            startKey = page.LastEvaluatedKey as Item | undefined;
          } while (startKey);
          return count;
        }),
      );
      return counts.reduce((sum, count) => sum + count, 0);
    },

    async listCustomers(cursor): Promise<CustomerPage> {
      const positions: Cursor = cursor === undefined ? Array.from({ length: segments }, () => null) : Cursor.parse(JSON.parse(cursor));
      const scanned = await Promise.all(
        positions.map(async (position, segment) => {
          if (position === 'done') return { ids: [] as string[], next: 'done' as const };
          const page = await client.send(
            new ScanCommand({
              TableName: tableName,
              Segment: firstSegment + segment,
              TotalSegments: totalSegments,
              Limit: itemsPerSegment,
              ProjectionExpression: '#pk',
              ...(position !== null ? { ExclusiveStartKey: position } : {}),
              ...profilesOnly,
            }),
          );
          const ids = (page.Items ?? []).map((item) => customerIdFromPartition(String(item[attr.pk])));
          return { ids, next: (page.LastEvaluatedKey as Item | undefined) ?? ('done' as const) };
        }),
      );
      const records = await Promise.all(scanned.flatMap(({ ids }) => ids).map(async (id) => ({ id, read: await readRecord(id) })));
      const customers: CustomerFacts[] = [];
      const skipped: SkippedRecord[] = [];
      const good = records.flatMap(({ read }) => (read?.ok ? [read.record] : []));
      await countriesOf(good.map((record) => record.customer.dealerId));
      for (const { id, read } of records) {
        if (read === undefined) continue;
        if (read.ok) customers.push(customerFacts(read.record, dealerCountries.get(read.record.customer.dealerId)));
        else skipped.push({ record: pseudonym(id), issues: read.issues });
      }
      const next = scanned.map(({ next: position }) => position);
      return { customers, skipped, cursor: next.every((position) => position === 'done') ? undefined : JSON.stringify(next) };
    },
  };
}
