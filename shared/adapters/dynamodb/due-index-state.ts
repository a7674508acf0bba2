import { GetCommand, PutCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { IsoDateString } from '../../domain/dates';
import { CorruptItemError } from '../../domain/errors';
import type { DueIndexState, DueIndexStateStore } from '../../ports/due-index';
import { dueIndexMetaKey, itemType } from './keys';
import { isConditionFailure } from './ledger-reconcile';

const StateItem = z.object({
  fingerprint: z.string().min(1),
  status: z.enum(['recomputing', 'current']),
  computedFrom: IsoDateString,
  cursor: z.string().optional(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  catchUpFrom: IsoDateString.optional(),
  version: z.number().int().positive(),
});

/** The due index's `META/DUE-INDEX` item; each write is conditional on the version read. */
export function createDynamoDueIndexState(client: DynamoDBDocumentClient, tableName: string): DueIndexStateStore {
  return {
    async read() {
      // Consistent: a run that just finished a page must not be followed by one that repeats it.
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: dueIndexMetaKey, ConsistentRead: true }));
      if (!Item) return undefined;
      const parsed = StateItem.safeParse(Item);
      if (!parsed.success) throw new CorruptItemError('The due index state item META/DUE-INDEX does not match its schema', { cause: parsed.error });
      const { cursor, catchUpFrom, ...state } = parsed.data;
      return { ...state, ...(cursor !== undefined ? { cursor } : {}), ...(catchUpFrom !== undefined ? { catchUpFrom } : {}) } satisfies DueIndexState;
    },

    async write(next, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...dueIndexMetaKey, type: itemType.dueIndexState, ...next, updatedAt: new Date().toISOString() },
            ...(expectedVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(PK)' }
              : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return false;
      }
    },
  };
}
