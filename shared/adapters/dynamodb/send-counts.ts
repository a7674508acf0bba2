import { UpdateCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { Channel } from '../../domain/customer';
import { IsoDateString } from '../../domain/dates';
import type { CountRow, SendCounter, SendCounts } from '../../ports/send-counts';
import { countedOutcomes, monthsOf } from '../../ports/send-counts';
import { attr, itemType, sendCountKey, sendCountOfKey, sendCountPartition } from './keys';
import { queryAll } from './query-all';
import { forEachConcurrently } from '../../use-cases/concurrently';

const CountItem = z.object({
  dealerId: z.string().min(1),
  day: IsoDateString,
  journeyId: z.string().min(1),
  stepId: z.string().min(1),
  channel: Channel,
  outcome: z.enum(countedOutcomes),
  count: z.number().int(),
});

/** Counters live as long as the ledger's items: the console reads 30 days, 400 leaves room for a year's comparison. */
const retentionSeconds = 400 * 86_400;

/** How many dealers' partitions a brand's read queries at once. */
const dealerReads = 16;

/** The outcome counters as items of the engine table (`COUNTS#<dealer>#<month>`, see keys.ts). */
export function createDynamoSendCounts(client: DynamoDBDocumentClient, tableName: string, now: () => Date = () => new Date()): SendCounter & SendCounts {
  return {
    async add(outcome) {
      const key = sendCountKey(outcome);
      // What the key says is not stored again (counters are kept 400 days, one per message's
      // day, step and outcome); only a dealer id the key could not give back would be.
      const fields = { dealerId: outcome.dealerId, day: outcome.day, journeyId: outcome.journeyId, stepId: outcome.stepId, channel: outcome.channel, outcome: outcome.outcome };
      const fromKey = sendCountOfKey(key);
      const names = fromKey && Object.entries(fields).every(([name, value]) => fromKey[name as keyof typeof fromKey] === value) ? [] : Object.keys(fields);
      // One ADD: no read, no condition.
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET #type = :type, #expiresAt = :expiresAt${names.map((name) => `, #${name} = :${name}`).join('')} ADD #count :one`,
          ExpressionAttributeNames: { '#type': 'type', '#count': 'count', '#expiresAt': attr.expiresAt, ...Object.fromEntries(names.map((name) => [`#${name}`, name])) },
          ExpressionAttributeValues: {
            ':type': itemType.sendCount,
            ':expiresAt': Math.floor(now().getTime() / 1000) + retentionSeconds,
            ':one': 1,
            ...Object.fromEntries(names.map((name) => [`:${name}`, fields[name as keyof typeof fields]])),
          },
        }),
      );
    },

    async countsOf(dealerIds, from, to) {
      const rows: CountRow[] = [];
      let unreadable = 0;
      const partitions = dealerIds.flatMap((dealerId) => monthsOf(from, to).map((month) => sendCountPartition(dealerId, month)));
      await forEachConcurrently(partitions, dealerReads, async (partition) => {
        const items = await queryAll(client, {
          TableName: tableName,
          // Sort keys start with the day; `~` sorts after every key of the last day.
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
          ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': `${to}~` },
        });
        for (const item of items) {
          // Counters written before they were slim hold these as attributes; later ones in their key.
          const parsed = CountItem.safeParse({ ...sendCountOfKey(item), ...item });
          if (parsed.success) rows.push(parsed.data);
          else unreadable += 1;
        }
      });
      return { rows, unreadable };
    },
  };
}
