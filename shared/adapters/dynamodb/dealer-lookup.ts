import type { DynamoDBDocumentClient } from './document-client';
import { batchGetAll } from './batch-get';
import { Dealer } from '../../domain/customer';
import { CorruptItemError } from '../../domain/errors';
import type { DealerLookup } from '../../ports/events';
import { dealerKey } from './keys';

/** Dealers by id (BatchGet, unprocessed keys retried); unknown ids are left out of the map. */
export function createDynamoDealerLookup(client: DynamoDBDocumentClient, tableName: string): DealerLookup {
  return {
    async dealers(dealerIds) {
      const found = new Map<string, Dealer>();
      for (const item of await batchGetAll(client, tableName, [...new Set(dealerIds)].slice(0, 100).map(dealerKey))) {
        const parsed = Dealer.safeParse(item);
        if (!parsed.success) throw new CorruptItemError(`Dealer item ${String(item.PK)} does not match its schema`, { cause: parsed.error });
        found.set(parsed.data.id, parsed.data);
      }
      return found;
    },
  };
}
