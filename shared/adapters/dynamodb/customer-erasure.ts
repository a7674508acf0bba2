import { GetCommand, PutCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { CorruptItemError } from '../../domain/errors';
import type { CustomerErasure, Tombstone } from '../../ports/erasure';
import { batchWriteAll } from './batch-write';
import { attr, customerKey, intakeByCustomerIndexPartition, itemType, openOccurrenceIndex, tombstoneKey, waitingByStarterIndexPartition, type ItemKey } from './keys';
import { queryAll } from './query-all';

const StoredTombstone = z.object({ customerId: z.string().min(1), dealerId: z.string().min(1), erasedAt: z.string().min(1) });

function parseTombstone(item: Record<string, unknown>): Tombstone {
  const parsed = StoredTombstone.safeParse(item);
  if (!parsed.success) throw new CorruptItemError('a stored tombstone does not match its schema', { cause: parsed.error });
  return parsed.data;
}

/**
 * Erasure in the engine table. Everything about a customer sorts under their partition but the
 * intake records of events about them, found through their GSI1 entry (`INTAKE#<customerId>`),
 * and the occurrences their events started for someone not yet a customer (`WAITING-FROM#`); all
 * are read by key, then deleted 25 at a time (BatchWriteItem). No transaction: the tombstone
 * is written first and every step can run again, so an erasure stopped midway is finished by the
 * next `DELETE`.
 */
export function createDynamoCustomerErasure(client: DynamoDBDocumentClient, tableName: string): CustomerErasure {
  async function getTombstone(customerId: string): Promise<Tombstone | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: tombstoneKey(customerId), ConsistentRead: true }));
    return Item ? parseTombstone(Item) : undefined;
  }

  return {
    async erasedAmong(customerIds) {
      const erased = new Set<string>();
      const ids = [...new Set(customerIds)];
      // Consistent reads (BatchGet's are eventual): an event applied a moment after the erasure
      // must see its tombstone. 25 at a time keeps a large import's burst bounded.
      for (let start = 0; start < ids.length; start += 25) {
        const found = await Promise.all(ids.slice(start, start + 25).map((id) => getTombstone(id)));
        for (const tombstone of found) if (tombstone) erased.add(tombstone.customerId);
      }
      return erased;
    },

    getTombstone,

    async storedDealerOf(customerId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: customerKey(customerId), ConsistentRead: true, ProjectionExpression: 'dealerId' }),
      );
      return typeof Item?.dealerId === 'string' && Item.dealerId !== '' ? Item.dealerId : undefined;
    },

    async writeTombstone(tombstone) {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...tombstoneKey(tombstone.customerId), type: itemType.tombstone, ...tombstone } }));
    },

    async removeCustomerItems(customerId) {
      const keep = tombstoneKey(customerId).SK;
      const byCustomerIndex = (partition: string) =>
        queryAll(client, {
          TableName: tableName,
          IndexName: openOccurrenceIndex,
          KeyConditionExpression: '#gpk = :gpk',
          ExpressionAttributeNames: { '#gpk': attr.gsi1pk, '#pk': attr.pk, '#sk': attr.sk },
          ExpressionAttributeValues: { ':gpk': partition },
          ProjectionExpression: '#pk, #sk',
        });
      const [partition, intake, waiting] = await Promise.all([
        queryAll(client, {
          TableName: tableName,
          ConsistentRead: true,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
          ExpressionAttributeValues: { ':pk': customerKey(customerId).PK },
          ProjectionExpression: '#pk, #sk',
        }),
        byCustomerIndex(intakeByCustomerIndexPartition(customerId)),
        // Occurrences the customer's events started for someone not yet a customer (a referral).
        byCustomerIndex(waitingByStarterIndexPartition(customerId)),
      ]);
      const keys: ItemKey[] = [...partition, ...intake, ...waiting]
        .map((item) => ({ PK: String(item[attr.pk]), SK: String(item[attr.sk]) }))
        .filter((key) => !(key.PK === customerKey(customerId).PK && key.SK === keep));
      await batchWriteAll(client, tableName, keys.map((Key) => ({ DeleteRequest: { Key } })));
      return keys.length;
    },
  };
}
