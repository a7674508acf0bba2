import type { DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { Channel } from '../../domain/customer';
import { IsoDateString } from '../../domain/dates';
import { OccurrenceStatus } from '../../ports/ledger';
import type { OccurrenceHistory, OccurrenceRecord } from '../../ports/occurrence-history';
import { attr, customerKey, occurrenceSortKeyPrefix } from './keys';
import { queryAll } from './query-all';
import { completeOccurrenceItem } from './ledger-stored-form';

const OccurrenceItem = z.object({
  journeyId: z.string().min(1),
  occurrenceKey: z.string().min(1),
  occurrenceDate: IsoDateString,
  sendDate: IsoDateString.optional(),
  status: z.enum(OccurrenceStatus),
  lastQueuedAt: z.string().min(1).optional(),
  messages: z.array(z.object({ messageId: z.string().min(1), channel: Channel, template: z.string().min(1), contactable: z.boolean() })),
});

/** A customer's occurrence items: one Query of their partition's `OCC#` range. */
export function createDynamoOccurrenceHistory(client: DynamoDBDocumentClient, tableName: string): OccurrenceHistory {
  return {
    async occurrencesOf(customerId) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :occurrence)',
        ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
        ExpressionAttributeValues: { ':pk': customerKey(customerId).PK, ':occurrence': occurrenceSortKeyPrefix },
      });
      const occurrences: OccurrenceRecord[] = [];
      let skipped = 0;
      for (const item of items) {
        const parsed = OccurrenceItem.safeParse(completeOccurrenceItem(item));
        if (!parsed.success) {
          skipped += 1;
          continue;
        }
        const { sendDate, lastQueuedAt, ...occurrence } = parsed.data;
        occurrences.push({ ...occurrence, ...(sendDate ? { sendDate } : {}), ...(lastQueuedAt ? { lastQueuedAt } : {}) });
      }
      return { occurrences, skipped };
    },
  };
}
