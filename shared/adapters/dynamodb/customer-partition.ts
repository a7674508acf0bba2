import type { DynamoDBDocumentClient } from './document-client';
import { attr, complaintSortKeyPrefix, customerKey, profileSortKeyPrefix, suppressionSortKeyPrefix, vehicleSortKeyPrefix, visitSortKeyPrefix } from './keys';
import { queryAll } from './query-all';
import type * as z from 'zod';
import { Customer, fieldIssues, Vehicle, type CustomerRecord, type FieldIssue } from '../../domain/customer';
import { Complaint, ServiceVisit } from '../../domain/service-history';

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
  const { PK } = customerKey(customerId);
  const items = await queryAll(client, {
    TableName: tableName,
    ...(consistent ? { ConsistentRead: true } : {}),
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :profile)',
    ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
    ExpressionAttributeValues: { ':pk': PK, ':profile': profileSortKeyPrefix },
  });
  return customerPartitionOf(items);
}

/**
 * A customer's profile-range items (in sort-key order, as a Query or Scan returns them) grouped by
 * kind, or undefined without the profile. Items of other kinds (the ledger's) are left out.
 */
export function customerPartitionOf(items: readonly Item[]): CustomerPartitionItems | undefined {
  const profile = items.find((item) => item[attr.sk] === profileSortKeyPrefix);
  if (!profile) return undefined;
  const withPrefix = (prefix: string) => items.filter((item) => String(item[attr.sk]).startsWith(prefix));
  return { profile, vehicles: withPrefix(vehicleSortKeyPrefix), visits: withPrefix(visitSortKeyPrefix), complaints: withPrefix(complaintSortKeyPrefix), suppressions: withPrefix(suppressionSortKeyPrefix) };
}

/**
 * The customer record a partition holds, each item checked on its own schema, or the fields that
 * did not parse: readers over many customers skip such a record whole (one read in part would
 * give wrong due dates and sends) and count it.
 */
export function decodeCustomerRecord(partition: CustomerPartitionItems): { ok: true; record: CustomerRecord } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const parseAll = <T>(schema: z.ZodType<T>, items: Item[], label: string): T[] =>
    items.flatMap((item, index) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) return [parsed.data];
      issues.push(...fieldIssues(parsed.error, [label, index]));
      return [];
    });
  const customer = Customer.safeParse(partition.profile);
  if (!customer.success) issues.push(...fieldIssues(customer.error, ['customer']));
  const vehicles = parseAll(Vehicle, partition.vehicles, 'vehicles');
  const visits = parseAll(ServiceVisit, partition.visits, 'visits');
  const complaints = parseAll(Complaint, partition.complaints, 'complaints');
  if (!customer.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, record: { customer: customer.data, vehicles, visits, complaints } };
}
