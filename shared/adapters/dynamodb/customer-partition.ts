import type { DynamoDBDocumentClient } from './document-client';
import { attr, complaintSortKeyPrefix, customerKey, profileSortKeyPrefix, suppressionSortKeyPrefix, vehicleSortKeyPrefix, visitSortKeyPrefix } from './keys';
import { queryAll } from './query-all';

type Item = Record<string, unknown>;

/** A customer's profile range as stored, grouped by kind and not yet parsed: each reader has its own policy for a bad item. */
export interface CustomerPartitionItems {
  profile: Item;
  vehicles: Item[];
  /** Oldest first: their sort keys hold the visit date first. */
  visits: Item[];
  complaints: Item[];
  /** Suppression list entries (see suppression-list.ts), lifted ones included. */
  suppressions: Item[];
}

/**
 * The customer's profile range (profile, cars, visits, complaints, suppression entries; not the ledger) in one Query,
 * or undefined when there is no profile (never stored, or erased). `consistent` for reads whose
 * outcome must see a change made a moment ago (consent at dispatch, events applied in order).
 */
export async function readCustomerPartition(
  client: DynamoDBDocumentClient,
  tableName: string,
  customerId: string,
  { consistent }: { consistent: boolean },
): Promise<CustomerPartitionItems | undefined> {
  const { PK, SK } = customerKey(customerId);
  const items = await queryAll(client, {
    TableName: tableName,
    ...(consistent ? { ConsistentRead: true } : {}),
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :profile)',
    ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
    ExpressionAttributeValues: { ':pk': PK, ':profile': profileSortKeyPrefix },
  });
  const profile = items.find((item) => item[attr.sk] === SK);
  if (!profile) return undefined;
  const withPrefix = (prefix: string) => items.filter((item) => String(item[attr.sk]).startsWith(prefix));
  return { profile, vehicles: withPrefix(vehicleSortKeyPrefix), visits: withPrefix(visitSortKeyPrefix), complaints: withPrefix(complaintSortKeyPrefix), suppressions: withPrefix(suppressionSortKeyPrefix) };
}
