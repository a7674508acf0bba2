import { ConditionalCheckFailedException, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { CorruptItemError } from '../../domain/errors';
import type { ApiKeyRecord, ApiKeyStore } from '../../ports/api-keys';
import { apiKeyIndexKey, apiKeyIndexPartition, apiKeyKey, attr, itemType, taskIndex } from './keys';
import { queryAll } from './query-all';

const StoredKey = z.object({
  keyId: z.string().min(1),
  tenant: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('dealer'), dealerId: z.string().min(1) }),
    z.object({ kind: z.literal('brand'), brandId: z.string().min(1) }),
  ]),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

function parseKey(item: Record<string, unknown>): ApiKeyRecord {
  const parsed = StoredKey.safeParse(item);
  if (!parsed.success) throw new CorruptItemError(`API key item ${String(item[attr.pk])} does not match its schema`, { cause: parsed.error });
  return parsed.data;
}

/** API keys in the engine table, one item per key, listed through GSI1. */
export function createDynamoApiKeyStore(client: DynamoDBDocumentClient, tableName: string): ApiKeyStore {
  return {
    async create(record) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...apiKeyKey(record.keyId), ...apiKeyIndexKey(record.createdAt, record.keyId), type: itemType.apiKey, ...record },
          // A key id is random; a clash must fail rather than replace another tenant's key.
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': attr.pk },
        }),
      );
    },

    async get(keyId) {
      const result = await client.send(new GetCommand({ TableName: tableName, Key: apiKeyKey(keyId), ConsistentRead: true }));
      return result.Item ? parseKey(result.Item) : undefined;
    },

    async list() {
      const items = await queryAll(client, {
        TableName: tableName,
        IndexName: taskIndex,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': attr.gsi1pk },
        ExpressionAttributeValues: { ':pk': apiKeyIndexPartition },
      });
      return items.map(parseKey);
    },

    async revoke(keyId, at) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: apiKeyKey(keyId),
            UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#pk': attr.pk },
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
