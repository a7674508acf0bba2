import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from './document-client';
import * as z from 'zod';
import { addDays } from '../../domain/dates';
import { DispatchMessage, dispatchMessageId } from '../../domain/dispatch-message';
import type { SendRef } from '../../ports/ledger';
import type { HeldMessage, MessageSchedule } from '../../ports/message-schedule';
import { attr, customerKey, heldIndexKey, heldIndexPartition, heldIndexShards, heldMessageKey, heldMessageSortKeyPrefix, itemType, openOccurrenceIndex } from './keys';
import { isConditionFailure } from './ledger-reconcile';
import { queryAll } from './query-all';

/**
 * How many UTC days before the one of `until` the release still looks in. A release run that did
 * not happen (an outage) leaves its entries under past days; they are found for a week, as the
 * reconciler looks back a week for open occurrences. Each day looked at costs 4 small Queries,
 * most of them on empty partitions.
 */
export const heldLookBackDays = 7;

/**
 * Days after its due instant a stored entry may be deleted by DynamoDB TTL, whatever became of it:
 * released and cancelled entries are kept that long as a record (listed nowhere), and an entry
 * nobody released within the look-back does not stay for ever.
 */
export const heldRetentionDays = 30;

const HeldStatus = z.enum(['held', 'released', 'cancelled']);

const HeldItem = z.object({
  status: HeldStatus,
  message: DispatchMessage,
  dueAt: z.iso.datetime({ offset: true }),
  reason: z.string().min(1),
});

function toHeldMessage(item: z.infer<typeof HeldItem>): HeldMessage {
  return { message: item.message, dueAt: item.dueAt, reason: item.reason };
}

const keyOf = (send: SendRef) => heldMessageKey(send.customerId, send.journeyId, send.occurrenceKey, send.messageId);

// Index sort keys are `<dueAt ISO>#<send id>`; `$` sorts right after `#`, so "below `<until>$`"
// keeps every entry due at `until` itself and none after it.
const indexUpperBound = (until: Date) => `${until.toISOString()}$`;

/**
 * Messages held until an instant, in the engine table (layout and access patterns in
 * docs/data-model.md): one item per send under its customer, filed on GSI1 by UTC day and shard
 * while held, so `listDue` is a few Queries and never a Scan. Releasing or cancelling an entry
 * is a conditional update that drops its index entry (no DeleteItem for any role): the item stays
 * as a record until its TTL.
 */
export function createDynamoMessageSchedule(client: DynamoDBDocumentClient, tableName: string): MessageSchedule {
  /** A conditional update; `false` when the condition failed (the entry moved or is gone). */
  const updateIf = async (input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> => {
    try {
      await client.send(new UpdateCommand({ TableName: tableName, ...input }));
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  };

  /** Takes the entry out of the due index with its final status, if it is still held (and due at `dueAt`). */
  const finish = (send: SendRef, status: 'released' | 'cancelled', dueAt?: string) =>
    updateIf({
      Key: keyOf(send),
      UpdateExpression: 'SET #status = :final REMOVE #gsi1pk, #gsi1sk',
      ConditionExpression: `#status = :held${dueAt === undefined ? '' : ' AND dueAt = :dueAt'}`,
      ExpressionAttributeNames: { '#status': 'status', '#gsi1pk': attr.gsi1pk, '#gsi1sk': attr.gsi1sk },
      ExpressionAttributeValues: { ':final': status, ':held': 'held', ...(dueAt === undefined ? {} : { ':dueAt': dueAt }) },
    });

  /** Held entries of one index partition due by `until`, earliest first, until `wanted` readable ones. */
  const readPartition = async (partition: string, until: Date, wanted: number) => {
    const entries: { sortKey: string; entry: HeldMessage }[] = [];
    let unreadable = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: openOccurrenceIndex,
          KeyConditionExpression: '#pk = :pk AND #sk < :upper',
          ExpressionAttributeNames: { '#pk': attr.gsi1pk, '#sk': attr.gsi1sk },
          ExpressionAttributeValues: { ':pk': partition, ':upper': indexUpperBound(until) },
          Limit: wanted - entries.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const parsed = HeldItem.safeParse(item);
        if (!parsed.success) unreadable += 1;
        // The index is eventually consistent: an entry released a moment ago may still show.
        else if (parsed.data.status === 'held') entries.push({ sortKey: String(item[attr.gsi1sk]), entry: toHeldMessage(parsed.data) });
      }
      startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (startKey && entries.length < wanted);
    return { entries, unreadable };
  };

  return {
    async hold(entry, now) {
      const dueAt = new Date(entry.dueAt);
      await client.send(
        new PutCommand({
          TableName: tableName,
          // Holding a send again overwrites its item: the index entry moves to the new due time.
          Item: {
            ...keyOf(entry.message),
            ...heldIndexKey(dueAt.toISOString(), entry.message.customerId, dispatchMessageId(entry.message)),
            type: itemType.heldMessage,
            status: 'held',
            message: entry.message,
            dueAt: entry.dueAt,
            reason: entry.reason,
            heldAt: now.toISOString(),
            [attr.expiresAt]: Math.floor(dueAt.getTime() / 1000) + heldRetentionDays * 86_400,
          },
        }),
      );
    },

    cancel: (send) => finish(send, 'cancelled'),

    release: (send, dueAt) => finish(send, 'released', dueAt),

    async listDue(until, limit) {
      const entries: HeldMessage[] = [];
      let unreadable = 0;
      const lastDay = until.toISOString().slice(0, 10);
      // Days in order: every entry of a day is due before any of the next, so the first `limit`
      // entries are found without reading later days.
      for (let day = addDays(lastDay, -heldLookBackDays); day <= lastDay && entries.length < limit; day = addDays(day, 1)) {
        const wanted = limit - entries.length;
        const shards = await Promise.all(
          Array.from({ length: heldIndexShards }, (_, shard) => readPartition(heldIndexPartition(day, shard), until, wanted)),
        );
        const dayEntries = shards.flatMap((shard) => shard.entries).sort((a, b) => a.sortKey.localeCompare(b.sortKey));
        entries.push(...dayEntries.slice(0, wanted).map(({ entry }) => entry));
        unreadable += shards.reduce((total, shard) => total + shard.unreadable, 0);
      }
      return { entries, unreadable };
    },

    async listForCustomer(customerId) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
        ExpressionAttributeValues: { ':pk': customerKey(customerId).PK, ':prefix': heldMessageSortKeyPrefix },
      });
      const entries: HeldMessage[] = [];
      let unreadable = 0;
      for (const item of items) {
        const parsed = HeldItem.safeParse(item);
        if (!parsed.success) unreadable += 1;
        else if (parsed.data.status === 'held') entries.push(toHeldMessage(parsed.data));
      }
      return { entries, unreadable };
    },
  };
}
