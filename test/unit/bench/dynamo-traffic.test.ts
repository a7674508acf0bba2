import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { meterDynamoTraffic, totalOf, type DynamoTrafficMeter } from '../../../bench/dynamo-traffic';
import { ensureTable } from '../../../local/bootstrap';
import { startLocalStack, type LocalStack } from '../../../local/servers';

describe('DynamoDB traffic meter (bench)', () => {
  let stack: LocalStack;
  let meter: DynamoTrafficMeter;
  let client: DynamoDBDocumentClient;
  let tableName: string;

  beforeAll(async () => {
    stack = await startLocalStack({ ports: { dynamodb: 0, sqs: 0, ses: 0 } });
    const raw = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    tableName = await ensureTable(raw);
    client = DynamoDBDocumentClient.from(raw);
    meter = meterDynamoTraffic(stack.ports.dynamodb);
  });

  afterAll(async () => {
    meter?.stop();
    await stack?.stop();
  });

  it('counts requests, items read and estimated units per operation, failed conditional writes included', async () => {
    meter.take();
    const item = { PK: 'CUST#1', SK: 'PROFILE', name: 'x'.repeat(1500) };
    await client.send(new PutCommand({ TableName: tableName, Item: item }));
    await client.send(new PutCommand({ TableName: tableName, Item: { PK: 'CUST#1', SK: 'OCC#1', GSI1PK: 'OPEN#2026-03-14#0', GSI1SK: 'CUST#1' } }));
    await expect(
      client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' })),
    ).rejects.toThrow();
    await client.send(new GetCommand({ TableName: tableName, Key: { PK: 'CUST#1', SK: 'PROFILE' }, ConsistentRead: true }));
    await client.send(new GetCommand({ TableName: tableName, Key: { PK: 'CUST#2', SK: 'PROFILE' } }));
    await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'CUST#1' } }));

    const traffic = meter.take();

    // 1.5 KB item: 2 units; an item with a GSI1 key: its unit twice; the refused write: 2 units, no index.
    expect(traffic.get('PutItem')).toEqual({ requests: 3, itemsRead: 0, readUnits: 0, writeUnits: 2 + 2 + 2, conditionalFailures: 1 });
    // A consistent read of one small item: 1 unit; an eventually consistent miss: half a unit.
    expect(traffic.get('GetItem')).toEqual({ requests: 2, itemsRead: 1, readUnits: 1.5, writeUnits: 0, conditionalFailures: 0 });
    expect(traffic.get('Query')).toMatchObject({ requests: 1, itemsRead: 2, readUnits: 0.5 });
    expect(totalOf(traffic).requests).toBe(6);
  });
});
