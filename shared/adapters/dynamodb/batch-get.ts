import { BatchGetCommand, type DynamoDBDocumentClient } from './document-client';
import { TransientDeliveryError } from '../../domain/errors';
import type { ItemKey } from './keys';

/** BatchGetItem's limit per call. */
const maxPerBatch = 100;

/**
 * Reads items by key in batches of 100, asking again with backoff for what DynamoDB leaves
 * unprocessed (throttling). Items not found are simply absent; the caller parses what it gets.
 */
export async function batchGetAll(client: DynamoDBDocumentClient, tableName: string, keys: readonly ItemKey[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += maxPerBatch) {
    let pending: ItemKey[] = keys.slice(start, start + maxPerBatch);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new TransientDeliveryError('DynamoDB kept reads unprocessed; retry later');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    }
  }
  return found;
}
