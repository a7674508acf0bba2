import { BatchWriteCommand, type DynamoDBDocumentClient } from './document-client';
import { TransientDeliveryError } from '../../domain/errors';
import type { ItemKey } from './keys';

export type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: ItemKey } };

/** BatchWriteItem's limit per call. */
const maxPerBatch = 25;

/**
 * Writes in batches of 25, re-sending what DynamoDB leaves unprocessed (throttling) with backoff.
 * No two requests may name the same key: DynamoDB rejects such a batch.
 */
export async function batchWriteAll(client: DynamoDBDocumentClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += maxPerBatch) {
    let pending = requests.slice(start, start + maxPerBatch);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new TransientDeliveryError('DynamoDB kept writes unprocessed; run the import again');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}
