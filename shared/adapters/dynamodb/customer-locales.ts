import { GetCommand, type DynamoDBDocumentClient } from './document-client';
import { Locale } from '../../domain/customer';
import type { CustomerLocales } from '../../ports/unsubscribe';
import { customerKey } from './keys';

/** A customer's language from the profile item, reading that one attribute. */
export function createDynamoCustomerLocales(client: DynamoDBDocumentClient, tableName: string): CustomerLocales {
  return {
    async localeOf(customerId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: customerKey(customerId), ProjectionExpression: '#locale', ExpressionAttributeNames: { '#locale': 'locale' } }));
      if (!Item) return undefined;
      // A profile whose locale does not parse still gets a page: in English.
      const parsed = Locale.safeParse(Item.locale);
      return parsed.success ? parsed.data : 'en';
    },
  };
}
