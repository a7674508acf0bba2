import type { DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { IsoDateString } from '../../domain/dates';
import { DispatchMessage } from '../../domain/dispatch-message';
import type { ConsoleActivity, RecentActivity } from '../../ports/console-activity';
import { attr, customerIdFromPartition, customerPartitionPrefix, heldMessageSortKeyPrefix, occurrenceSortKeyPrefix, profileSortKeyPrefix } from './keys';
import { scanAll } from './scan-all';

const HandledItem = z.object({ journeyId: z.string().min(1), occurrenceKey: z.string().min(1), occurrenceDate: IsoDateString, sendDate: IsoDateString.optional() });
const HeldItem = z.object({ message: DispatchMessage, dueAt: z.iso.datetime({ offset: true }), reason: z.string().min(1) });

/**
 * The ledger's occurrences of the days the calendar simulates, the messages still held and every
 * customer's dealer in one parallel Scan of the table, or of one slice of it (a shard of the job). Only the calendar job calls it (a run a
 * night and after a deploy, `functions/console-calendar`); the console function has no Scan grant.
 */
export function createDynamoConsoleActivity(client: DynamoDBDocumentClient, tableName: string, { segments = 4, slice = { index: 0, of: 1 } }: { segments?: number; slice?: { index: number; of: number } } = {}): ConsoleActivity {
  return {
    async recentActivity(handledFrom): Promise<RecentActivity> {
      const activity: RecentActivity = { dealerOf: new Map(), handled: [], held: [], skipped: 0 };
      await Promise.all(
        Array.from({ length: segments }, async (_, segment) => {
          const items = await scanAll(client, {
            TableName: tableName,
            // The slice's segments only, as the customer listing splits the table (same partitions).
            Segment: segments * slice.index + segment,
            TotalSegments: segments * slice.of,
            FilterExpression:
              'begins_with(#pk, :customer) AND (#sk = :profile' +
              ' OR (begins_with(#sk, :occurrence) AND (sendDate >= :handledFrom OR (attribute_not_exists(sendDate) AND occurrenceDate >= :handledFrom)))' +
              ' OR (begins_with(#sk, :held) AND #status = :held_status))',
            ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk, '#status': 'status' },
            ExpressionAttributeValues: {
              ':customer': customerPartitionPrefix,
              ':profile': profileSortKeyPrefix,
              ':occurrence': occurrenceSortKeyPrefix,
              ':handledFrom': handledFrom,
              ':held': heldMessageSortKeyPrefix,
              ':held_status': 'held',
            },
          });
          for (const item of items) {
            const sortKey = String(item[attr.sk]);
            const customerId = customerIdFromPartition(String(item[attr.pk]));
            if (sortKey === profileSortKeyPrefix) {
              if (typeof item.dealerId === 'string') activity.dealerOf.set(customerId, item.dealerId);
              continue;
            }
            // One bad item costs its own count only.
            const occurrence = sortKey.startsWith(occurrenceSortKeyPrefix) ? HandledItem.safeParse(item) : undefined;
            const held = occurrence ? undefined : HeldItem.safeParse(item);
            if (occurrence?.success) activity.handled.push({ customerId, ...occurrence.data });
            else if (held?.success) activity.held.push(held.data);
            else activity.skipped += 1;
          }
        }),
      );
      return activity;
    },
  };
}
