import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConsoleActivity, RecentActivity } from '../../ports/console-activity';
import { attr, customerIdFromPartition, customerPartitionPrefix, profileSortKeyPrefix, sendSortKeyPrefix } from './keys';
import { parseSendItem } from './ledger-items';
import { scanAll } from './scan-all';

/**
 * Recent sends and every customer's dealer in one parallel Scan of the table. Sends have no index
 * by date (they sort under their customer), so the console pays one read of the table per
 * refresh, and caches the result for minutes (see `composeConsole`); at a scale where that costs
 * too much, a stream-fed daily count would replace it.
 */
export function createDynamoConsoleActivity(client: DynamoDBDocumentClient, tableName: string, segments = 4): ConsoleActivity {
  return {
    async recentActivity(since): Promise<RecentActivity> {
      const activity: RecentActivity = { sends: [], dealerOf: new Map(), skipped: 0 };
      await Promise.all(
        Array.from({ length: segments }, async (_, segment) => {
          const items = await scanAll(client, {
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: 'begins_with(#pk, :customer) AND (#sk = :profile OR (begins_with(#sk, :send) AND #updatedAt >= :since))',
            ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk, '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: { ':customer': customerPartitionPrefix, ':profile': profileSortKeyPrefix, ':send': sendSortKeyPrefix, ':since': since.toISOString() },
          });
          for (const item of items) {
            if (item[attr.sk] === profileSortKeyPrefix) {
              if (typeof item.dealerId === 'string') activity.dealerOf.set(customerIdFromPartition(String(item[attr.pk])), item.dealerId);
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
