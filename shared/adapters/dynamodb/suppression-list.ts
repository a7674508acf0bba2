import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CorruptItemError } from '../../domain/errors';
import { Suppression } from '../../domain/suppression';
import type { CustomerPhoneLookup, SuppressionList } from '../../ports/suppression';
import { attr, customerIdFromPartition, customerKey, itemType, openOccurrenceIndex, phoneIndexPartition, suppressionKey, suppressionSortKeyPrefix } from './keys';
import { queryAll } from './query-all';

type Item = Record<string, unknown>;

function parseEntry(item: Item): Suppression {
  const parsed = Suppression.safeParse(item);
  if (!parsed.success) throw new CorruptItemError(`Item ${String(item[attr.pk])}/${String(item[attr.sk])} is not a suppression entry`, { cause: parsed.error });
  return parsed.data;
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
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...suppressionKey(active.customerId, active.channel, active.scope, active.reason), type: itemType.suppression, ...active },
        }),
      );
    },

    async lift(customerId, channel, reason, at) {
      const toLift = (await entriesOf(customerId, channel)).filter((entry) => entry.reason === reason && entry.liftedAt === undefined);
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
