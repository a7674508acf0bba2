import { QueryCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { CorruptItemError } from '../../domain/errors';
import type { MessageHistory } from '../../ports/message-history';
import { attr, customerKey, sendSortKeyPrefix } from './keys';
import { parseSendItem } from './ledger-items';
import { decodeCursor, encodeCursor } from './page-cursor';

const PageKey = z.strictObject({ PK: z.string(), SK: z.string() });

/** A customer's sends, a page per Query (`PK = CUST#<id> AND begins_with(SK, 'SEND#')`, `Limit`). */
export function createDynamoMessageHistory(client: DynamoDBDocumentClient, tableName: string): MessageHistory {
  return {
    async listMessages({ customerId, limit, cursor }) {
      const partition = customerKey(customerId).PK;
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
          ExpressionAttributeValues: { ':pk': partition, ':prefix': sendSortKeyPrefix },
          Limit: limit,
          // Only a send key of this customer is a place to go on from.
          ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, PageKey, (key) => key.PK === partition && key.SK.startsWith(sendSortKeyPrefix)) } : {}),
        }),
      );
      const messages = (page.Items ?? []).map((item) => {
        try {
          return parseSendItem(item);
        } catch (error) {
          // The key names the customer: keep it out of the message (it reaches logs).
          throw new CorruptItemError('a stored send does not match its schema', { cause: error });
        }
      });
      return { messages, ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey) } : {}) };
    },
  };
}
