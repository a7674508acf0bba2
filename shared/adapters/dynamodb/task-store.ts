import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from './document-client';
import * as z from 'zod';
import { CorruptItemError } from '../../domain/errors';
import { Task } from '../../domain/task';
import { type TaskPage, type TaskStore, type TaskWrite } from '../../ports/tasks';
import { attr, itemType, taskIndex, taskIndexKey, taskIndexPartition, taskKey } from './keys';
import { isConditionFailure } from './ledger-reconcile';
import { decodeCursor, encodeCursor } from './page-cursor';

// A page's last key on GSI1 (index and table keys): what DynamoDB needs to go on from there.
const PageKey = z.strictObject({ PK: z.string(), SK: z.string(), GSI1PK: z.string(), GSI1SK: z.string() });

function parseTask(item: Record<string, unknown>): Task {
  const parsed = Task.safeParse(item);
  // The item's key names the customer: keep it out of the message (it reaches logs).
  if (!parsed.success) throw new CorruptItemError('a stored task does not match its schema', { cause: parsed.error });
  return parsed.data;
}

/** Tasks in the engine table (layout in docs/data-model.md). */
export function createDynamoTaskStore(client: DynamoDBDocumentClient, tableName: string): TaskStore {
  return {
    async createTask(task): Promise<TaskWrite> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...taskKey(task.customerId, task.journeyId, task.occurrenceKey, task.messageId),
              ...taskIndexKey(task.dealerId, task.status, task.dueOn, task.id),
              type: itemType.task,
              ...task,
            },
            // A redelivered message finds the task its first attempt wrote; staff may have closed it since.
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': attr.pk },
          }),
        );
        return 'created';
      } catch (error) {
        if (isConditionFailure(error)) return 'exists';
        throw error;
      }
    },

    async listTasks({ dealerId, status, limit, cursor }): Promise<TaskPage> {
      const partition = taskIndexPartition(dealerId, status);
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: taskIndex,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': attr.gsi1pk },
          ExpressionAttributeValues: { ':pk': partition },
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, PageKey, (key) => key.GSI1PK === partition) } : {}),
        }),
      );
      const tasks = (page.Items ?? []).map((item) => parseTask(item));
      // DynamoDB may return a last key on a full page with nothing after it: one empty page at most.
      return { tasks, ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey) } : {}) };
    },
  };
}
