import type { DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { IsoDateString } from '../../domain/dates';
import { DispatchMessage } from '../../domain/dispatch-message';
import type { ConsoleSlice, ConsoleSliceContents } from '../../ports/console-activity';
import { customerPartitionOf, decodeCustomerRecord, readCustomerPartition, type CustomerPartitionItems } from './customer-partition';
import type { CustomerRecord } from '../../domain/customer';
import { attr, customerIdFromPartition, customerPartitionPrefix, heldMessageSortKeyPrefix, occurrenceSortKeyPrefix, profileSortKeyPrefix, suppressionSortKeyPrefix } from './keys';
import { forEachScanPage } from './scan-all';
import { completeOccurrenceItem } from './ledger-stored-form';

type Item = Record<string, unknown>;

const HandledItem = z.object({ journeyId: z.string().min(1), occurrenceKey: z.string().min(1), occurrenceDate: IsoDateString, sendDate: IsoDateString.optional() });
const HeldItem = z.object({ message: DispatchMessage, dueAt: z.iso.datetime({ offset: true }), reason: z.string().min(1) });

/** A ledger item the calendar keeps, into `contents`: an occurrence, a held message, or (one that does not parse) a count. */
export function takeLedgerItem(contents: ConsoleSliceContents, customerId: string, item: Item): void {
  // One bad item costs its own count only.
  const occurrence = String(item[attr.sk]).startsWith(occurrenceSortKeyPrefix) ? HandledItem.safeParse(completeOccurrenceItem(item)) : undefined;
  const held = occurrence ? undefined : HeldItem.safeParse(item);
  if (occurrence?.success) contents.handled.push({ customerId, ...occurrence.data });
  else if (held?.success) contents.held.push(held.data);
  else contents.skipped.ledger += 1;
}

export interface ConsoleSliceOptions {
  /** Parallel Scan segments of the slice, read at once. */
  segments?: number;
  /** Items a Scan page evaluates at most (default: DynamoDB's 1 MB page); tests make it small to split partitions across pages. */
  itemsPerPage?: number;
  /** Only this slice of the table (`index` of `of` equal slices, by partition hash, as a parallel Scan splits it). Default: the whole table. */
  slice?: { index: number; of: number };
}

/**
 * The calendar job's one read of its slice of the table: a parallel Scan whose filter keeps the
 * customers' profile ranges (profile, cars, visits, complaints), the occurrences of the days the
 * calendar simulates and the messages still held. A Scan is billed on every item it evaluates,
 * whatever the filter keeps, so reading the slice once for all of them costs one pass, and no
 * customer is read again by key. Only the calendar job calls it (a run a night and after a
 * deploy, `functions/console-calendar`); the console function has no Scan grant.
 *
 * DynamoDB keeps a partition's items together in sort-key order, so a segment returns them one
 * partition after the other: each partition is made into its customer record and ledger entries
 * as soon as the next one starts (or the segment ends), and its raw items are let go. A partition
 * can straddle two pages; it is carried over to the next. AWS does not document a Scan's order,
 * so a partition that comes back after another one is not trusted to hold the whole profile
 * range: its ledger items are taken as they come (each stands alone), and its customer record is
 * read again whole by key once the Scan is done (none of these in a normal run).
 */
export function createDynamoConsoleSlice(client: DynamoDBDocumentClient, tableName: string, { segments = 4, itemsPerPage, slice = { index: 0, of: 1 } }: ConsoleSliceOptions = {}): ConsoleSlice {
  return {
    async read(handledFrom): Promise<ConsoleSliceContents> {
      const contents: ConsoleSliceContents = { customers: [], handled: [], held: [], skipped: { customers: 0, ledger: 0 } };
      // By customer id, in the order read: a record a partition seen again replaces is found here.
      const records = new Map<string, CustomerRecord>();
      const unreadable = new Set<string>();
      const taken = new Set<string>();
      const seenAgain = new Set<string>();

      function keepRecord(customerId: string, partition: CustomerPartitionItems | undefined): void {
        records.delete(customerId);
        unreadable.delete(customerId);
        if (!partition) return; // no customer stored (erased): its ledger still counts
        const decoded = decodeCustomerRecord(partition);
        if (decoded.ok) records.set(customerId, decoded.record);
        else unreadable.add(customerId);
      }

      /** One partition's items, in sort-key order: its record (when it has a profile) and its ledger entries. */
      function take(partitionKey: string, items: Item[]): void {
        const customerId = customerIdFromPartition(partitionKey);
        const again = taken.has(partitionKey);
        taken.add(partitionKey);
        if (again) seenAgain.add(customerId);
        const profileRange: Item[] = [];
        for (const item of items) {
          const sortKey = String(item[attr.sk]);
          if (sortKey.startsWith(profileSortKeyPrefix)) {
            profileRange.push(item);
            continue;
          }
          takeLedgerItem(contents, customerId, item);
        }
        if (!again) keepRecord(customerId, customerPartitionOf(profileRange));
      }

      await Promise.all(
        Array.from({ length: segments }, async (_, segment) => {
          let current: { partitionKey: string; items: Item[] } | undefined;
          await forEachScanPage(
            client,
            {
              TableName: tableName,
              // The slice's segments only, out of the whole table's.
              Segment: segments * slice.index + segment,
              TotalSegments: segments * slice.of,
              ...(itemsPerPage !== undefined ? { Limit: itemsPerPage } : {}),
              FilterExpression:
                'begins_with(#pk, :customer) AND ((begins_with(#sk, :profile) AND NOT begins_with(#sk, :suppression))' +
                ' OR (begins_with(#sk, :occurrence) AND (sendDate >= :handledFrom OR (attribute_not_exists(sendDate) AND occurrenceDate >= :handledFrom)))' +
                ' OR (begins_with(#sk, :held) AND #status = :held_status))',
              ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk, '#status': 'status' },
              ExpressionAttributeValues: {
                ':customer': customerPartitionPrefix,
                ':profile': profileSortKeyPrefix,
                ':suppression': suppressionSortKeyPrefix,
                ':occurrence': occurrenceSortKeyPrefix,
                ':handledFrom': handledFrom,
                ':held': heldMessageSortKeyPrefix,
                ':held_status': 'held',
              },
            },
            (items) => {
              for (const item of items) {
                const partitionKey = String(item[attr.pk]);
                if (current?.partitionKey !== partitionKey) {
                  if (current) take(current.partitionKey, current.items);
                  current = { partitionKey, items: [] };
                }
                current.items.push(item);
              }
            },
          );
          if (current) take(current.partitionKey, current.items);
        }),
      );
      for (const customerId of seenAgain) keepRecord(customerId, await readCustomerPartition(client, tableName, customerId, { consistent: false }));
      contents.customers = [...records.values()];
      contents.skipped.customers = unreadable.size;
      return contents;
    },
  };
}
