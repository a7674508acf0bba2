import { ConditionalCheckFailedException, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from './document-client';
import { CorruptItemError } from '../../domain/errors';
import { saidAfter, Suppression } from '../../domain/suppression';
import type { CustomerPhoneLookup, SuppressionList } from '../../ports/suppression';
import { attr, customerIdFromPartition, customerKey, itemType, openOccurrenceIndex, phoneIndexPartition, suppressionKey, suppressionSortKeyPrefix } from './keys';
import { queryAll } from './query-all';

type Item = Record<string, unknown>;

/** Read-and-write rounds of one entry before giving up (each lost round is another word arriving meanwhile). */
const writeRounds = 5;

function parseEntry(item: Item): Suppression {
  const parsed = Suppression.safeParse(item);
  if (!parsed.success) throw new CorruptItemError(`Item ${String(item[attr.pk])}/${String(item[attr.sk])} is not a suppression entry`, { cause: parsed.error });
  return parsed.data;
}

/** A write's condition that the entry is still as read: same start, and lifted at the same time or not at all. */
function unchangedSince(stored: Suppression) {
  return stored.liftedAt === undefined
    ? { ConditionExpression: '#at = :at AND attribute_not_exists(liftedAt)', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':at': stored.at } }
    : { ConditionExpression: '#at = :at AND liftedAt = :lifted', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':at': stored.at, ':lifted': stored.liftedAt } };
}

/** The suppression list in the engine table, one item per customer, channel, scope and reason under the profile. */
export function createDynamoSuppressionList(client: DynamoDBDocumentClient, tableName: string): SuppressionList {
  const entriesOf = async (customerId: string, channel?: string): Promise<Suppression[]> => {
    const items = await queryAll(client, {
      TableName: tableName,
      ConsistentRead: true,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
      ExpressionAttributeValues: { ':pk': customerKey(customerId).PK, ':prefix': `${suppressionSortKeyPrefix}${channel ? `${channel}#` : ''}` },
    });
    return items.map(parseEntry);
  };

  return {
    async suppress(entry) {
      const { liftedAt: _lifted, ...active } = Suppression.parse(entry);
      const key = suppressionKey(active.customerId, active.channel, active.scope, active.reason);
      // Read, decide by the words' own times, write only over what was read: a word that came in
      // meanwhile fails the condition and is read again.
      for (let round = 1; ; round += 1) {
        const read = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
        const stored = read.Item ? parseEntry(read.Item) : undefined;
        if (!saidAfter(active.at, stored)) return;
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...key, type: itemType.suppression, ...active },
              ...(stored ? unchangedSince(stored) : { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': attr.pk } }),
            }),
          );
          return;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException) || round >= writeRounds) throw error;
        }
      }
    },

    async lift(customerId, channel, reason, at, source) {
      const ofReason = (await entriesOf(customerId, channel)).filter((entry) => entry.reason === reason);
      if (ofReason.length === 0) {
        // Nothing to lift yet: a STOP sent before this START may still be on its way.
        const marker = { customerId, channel, scope: 'all' as const, reason, source, at, liftedAt: at };
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...suppressionKey(customerId, channel, marker.scope, reason), type: itemType.suppression, ...marker },
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': attr.pk },
            }),
          );
        } catch (error) {
          // A STOP came in meanwhile: it is the customer's word until a START said after it.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
        return 0;
      }
      // Entries in force that began at or before this START: a STOP said after it stays.
      const toLift = ofReason.filter((entry) => entry.liftedAt === undefined && saidAfter(at, entry));
      let lifted = 0;
      for (const entry of toLift) {
        try {
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: suppressionKey(customerId, entry.channel, entry.scope, entry.reason),
              // Only an entry still in force: a STOP that came in meanwhile rewrote it without liftedAt and a newer time.
              ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(liftedAt) AND #at = :at',
              UpdateExpression: 'SET liftedAt = :lifted',
              ExpressionAttributeNames: { '#pk': attr.pk, '#at': 'at' },
              ExpressionAttributeValues: { ':lifted': at, ':at': entry.at },
            }),
          );
          lifted += 1;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      return lifted;
    },

    listForCustomer: (customerId) => entriesOf(customerId),
  };
}

/** Customers by normalised mobile number, through the profile's GSI1 entry (see `customerItem`). */
export function createDynamoCustomerPhoneLookup(client: DynamoDBDocumentClient, tableName: string): CustomerPhoneLookup {
  return {
    async customersWithPhone(e164) {
      const items = await queryAll(client, {
        TableName: tableName,
        IndexName: openOccurrenceIndex,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': attr.gsi1pk },
        ExpressionAttributeValues: { ':pk': phoneIndexPartition(e164) },
      });
      return items.map((item) => customerIdFromPartition(String(item[attr.gsi1sk])));
    },
  };
}
