import { PutCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { IsoDateString } from '../../domain/dates';
import type { WaitingOccurrence, WaitingOccurrences } from '../../ports/waiting-occurrences';
import { batchWriteAll } from './batch-write';
import { attr, customerKey, itemType, waitingByStarterIndexKey, waitingOccurrenceKey, waitingOccurrenceSortKeyPrefix } from './keys';
import { queryAll } from './query-all';

/** Days after its last chance to be sent that DynamoDB TTL may delete an entry nobody started. */
const waitingRetentionDays = 30;

const StoredWaiting = z.object({
  customerId: z.string().min(1),
  journeyId: z.string().min(1),
  occurrence: z.object({
    key: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
    date: IsoDateString,
    facts: z.record(z.string(), z.union([z.string(), z.number()])),
    sendLateUntil: z.iso.datetime({ offset: true }).optional(),
    recipientId: z.string().optional(),
  }),
  startedBy: z.string().min(1),
  senders: z.array(z.discriminatedUnion('kind', [z.object({ kind: z.literal('dealer'), dealerId: z.string() }), z.object({ kind: z.literal('brand'), brandId: z.string() })])),
});

/**
 * Waiting occurrences in the engine table (layout in docs/data-model.md): a Put under the
 * customer they wait for, a Query of that partition's `WAITING#` range, and BatchWriteItem to
 * delete (the event consumer's role has it; it has no DeleteItem). Erasure finds the other side's
 * entries through GSI1 (`WAITING-FROM#<customerId>`).
 */
export function createDynamoWaitingOccurrences(client: DynamoDBDocumentClient, tableName: string): WaitingOccurrences {
  return {
    async wait(entry, now) {
      const lastChance = Date.parse(entry.occurrence.sendLateUntil ?? entry.occurrence.at);
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...waitingOccurrenceKey(entry.customerId, entry.journeyId, entry.occurrence.key),
            ...waitingByStarterIndexKey(entry.startedBy, entry.customerId, entry.journeyId, entry.occurrence.key),
            type: itemType.waitingOccurrence,
            ...entry,
            createdAt: now.toISOString(),
            [attr.expiresAt]: Math.floor(Math.max(lastChance, now.getTime()) / 1000) + waitingRetentionDays * 86_400,
          },
        }),
      );
    },

    async listFor(customerId) {
      const items = await queryAll(client, {
        TableName: tableName,
        ConsistentRead: true,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
        ExpressionAttributeValues: { ':pk': customerKey(customerId).PK, ':prefix': waitingOccurrenceSortKeyPrefix },
      });
      const entries: WaitingOccurrence[] = [];
      let unreadable = 0;
      for (const item of items) {
        const parsed = StoredWaiting.safeParse(item);
        if (parsed.success) entries.push(parsed.data);
        else unreadable += 1;
      }
      return { entries, unreadable };
    },

    async remove({ customerId, journeyId, occurrenceKey }) {
      await batchWriteAll(client, tableName, [{ DeleteRequest: { Key: waitingOccurrenceKey(customerId, journeyId, occurrenceKey) } }]);
    },
  };
}
