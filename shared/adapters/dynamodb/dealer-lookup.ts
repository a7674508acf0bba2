import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Dealer } from '../../domain/customer';
import { CorruptItemError, TransientDeliveryError } from '../../domain/errors';
import type { DealerLookup } from '../../ports/events';
import { dealerKey, type ItemKey } from './keys';

/** Dealers by id (BatchGet, unprocessed keys retried); unknown ids are left out of the map. */
export function createDynamoDealerLookup(client: DynamoDBDocumentClient, tableName: string): DealerLookup {
  return {
    async dealers(dealerIds) {
      const found = new Map<string, Dealer>();
      let keys: ItemKey[] = [...new Set(dealerIds)].slice(0, 100).map(dealerKey);
      for (let attempt = 0; keys.length > 0; attempt += 1) {
        if (attempt > 8) throw new TransientDeliveryError('DynamoDB kept dealers unprocessed; retry later');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
        const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
        for (const item of result.Responses?.[tableName] ?? []) {
          const parsed = Dealer.safeParse(item);
          if (!parsed.success) throw new CorruptItemError(`Dealer item ${String(item.PK)} does not match its schema`, { cause: parsed.error });
          found.set(parsed.data.id, parsed.data);
        }
        keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
      }
      return found;
    },
  };
}
