import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { IsoDateString } from '../../domain/dates';
import { DispatchMessage } from '../../domain/dispatch-message';
import type { ConsoleActivity, RecentActivity } from '../../ports/console-activity';
import { attr, customerIdFromPartition, customerPartitionPrefix, heldMessageSortKeyPrefix, occurrenceSortKeyPrefix, profileSortKeyPrefix, sendSortKeyPrefix } from './keys';
import { parseSendItem } from './ledger-items';
import { scanAll } from './scan-all';

const HandledItem = z.object({ journeyId: z.string().min(1), occurrenceKey: z.string().min(1), occurrenceDate: IsoDateString, sendDate: IsoDateString.optional() });
const HeldItem = z.object({ message: DispatchMessage, dueAt: z.iso.datetime({ offset: true }), reason: z.string().min(1) });

/**
 * Recent sends, the ledger's occurrences of the days the calendar simulates, the messages still
 * held and every customer's dealer in one parallel Scan of the table. Sends have no index
 * by date (they sort under their customer), so the console pays one read of the table per
 * refresh, and caches the result for minutes (see `composeConsole`); at a scale where that costs
 * too much, a stream-fed daily count would replace it.
 */
export function createDynamoConsoleActivity(client: DynamoDBDocumentClient, tableName: string, segments = 4): ConsoleActivity {
  return {
    async recentActivity(since, handledFrom): Promise<RecentActivity> {
      const activity: RecentActivity = { sends: [], dealerOf: new Map(), handled: [], held: [], skipped: 0 };
      await Promise.all(
        Array.from({ length: segments }, async (_, segment) => {
          const items = await scanAll(client, {
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression:
              'begins_with(#pk, :customer) AND (#sk = :profile OR (begins_with(#sk, :send) AND #updatedAt >= :since)' +
              ' OR (begins_with(#sk, :occurrence) AND (sendDate >= :handledFrom OR (attribute_not_exists(sendDate) AND occurrenceDate >= :handledFrom)))' +
              ' OR (begins_with(#sk, :held) AND #status = :held_status))',
            ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk, '#updatedAt': 'updatedAt', '#status': 'status' },
            ExpressionAttributeValues: {
              ':customer': customerPartitionPrefix,
              ':profile': profileSortKeyPrefix,
              ':send': sendSortKeyPrefix,
              ':since': since.toISOString(),
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
            if (sortKey.startsWith(occurrenceSortKeyPrefix) || sortKey.startsWith(heldMessageSortKeyPrefix)) {
              const occurrence = sortKey.startsWith(occurrenceSortKeyPrefix) ? HandledItem.safeParse(item) : undefined;
              const held = occurrence ? undefined : HeldItem.safeParse(item);
              if (occurrence?.success) activity.handled.push({ customerId, ...occurrence.data });
              else if (held?.success) activity.held.push(held.data);
              else activity.skipped += 1;
              continue;
            }
            try {
              activity.sends.push(parseSendItem(item));
            } catch {
              // One bad send item costs its own count only.
              activity.skipped += 1;
            }
          }
        }),
      );
      return activity;
    },
  };
}
