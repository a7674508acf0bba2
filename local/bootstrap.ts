/**
 * Creates the engine's table and queues on the local servers from the same definitions the CDK
 * stack uses (`shared/resources/`). Idempotent: existing resources are left as they are.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { engineTable, type EngineTableDefinition } from '../shared/resources/table';
import { dispatchQueue, type QueueDefinition } from '../shared/resources/queues';

export function createTableInput(definition: EngineTableDefinition, tableName: string): CreateTableCommandInput {
  const keyAttributes = new Set<string>([definition.partitionKey, definition.sortKey]);
  for (const index of definition.globalSecondaryIndexes) {
    keyAttributes.add(index.partitionKey);
    keyAttributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyAttributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: definition.partitionKey, KeyType: 'HASH' },
      { AttributeName: definition.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

export async function ensureTable(client: DynamoDBClient, tableName = engineTable.localName): Promise<string> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return tableName;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(engineTable, tableName)));
  // TTL is left out on purpose: dynalite has no UpdateTimeToLive, and the code never relies on
  // TTL deletion (it is a storage saver in AWS only).
  return tableName;
}

const days = (count: number) => String(count * 24 * 60 * 60);

/** Creates the dispatch queue and its dead-letter queue; returns the dispatch queue's URL. */
export async function ensureQueues(client: SQSClient, definition: QueueDefinition = dispatchQueue): Promise<{ queueUrl: string; deadLetterQueueUrl: string }> {
  const deadLetter = await client.send(
    new CreateQueueCommand({
      QueueName: definition.deadLetter.localName,
      Attributes: { MessageRetentionPeriod: days(definition.deadLetter.retentionDays) },
    }),
  );
  const deadLetterAttributes = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetter.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: definition.localName,
      Attributes: {
        VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
        MessageRetentionPeriod: days(definition.retentionDays),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: deadLetterAttributes.Attributes!.QueueArn,
          maxReceiveCount: definition.maxReceiveCount,
        }),
      },
    }),
  );
  return { queueUrl: queue.QueueUrl!, deadLetterQueueUrl: deadLetter.QueueUrl! };
}
