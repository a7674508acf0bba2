import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { meterDynamoTraffic, totalOf, updateClass, type DynamoTrafficMeter } from '../../../bench/dynamo-traffic';
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

  it("prices a Put from the item's size as DynamoDB counts it, not the JSON on the wire", async () => {
    meter.take();
    // 60 short attributes: about 900 bytes as DynamoDB counts them, well over 1 KB of JSON with its type tags.
    const item = { PK: 'CUST#3', SK: 'PROFILE', ...Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`a${String(index).padStart(2, '0')}`, 'x'.repeat(10)])) };
    expect(Buffer.byteLength(JSON.stringify(item))).toBeGreaterThan(1024);
    await client.send(new PutCommand({ TableName: tableName, Item: item }));

    expect(meter.take().get('PutItem')).toMatchObject({ requests: 1, writeUnits: 1 });
  });

  it('counts updates and deletes by the kind of item and what they do to its GSI1 key', async () => {
    meter.take();
    await client.send(new PutCommand({ TableName: tableName, Item: { PK: 'CUST#4', SK: 'DUE', GSI1PK: 'DUE#2026-03-14#0', GSI1SK: 'CUST#4', dueDate: '2026-03-14' } }));
    meter.take();
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { PK: 'CUST#4', SK: 'DUE' },
        UpdateExpression: 'SET dueDate = :next, #gsi1pk = :pk REMOVE journeys',
        ExpressionAttributeNames: { '#gsi1pk': 'GSI1PK' },
        ExpressionAttributeValues: { ':next': '2026-04-01', ':pk': 'DUE#2026-04-01#0' },
      }),
    );
    await client.send(new DeleteCommand({ TableName: tableName, Key: { PK: 'CUST#4', SK: 'DUE' } }));

    const traffic = meter.take();
    expect(traffic.get('UpdateItem')?.updates).toEqual({ 'due entry moves': { count: 1, meteredUnits: 1 } });
    expect(traffic.get('DeleteItem')?.updates).toEqual({ 'due entry deletes': { count: 1, meteredUnits: 1 } });
    expect(totalOf(traffic).updates).toEqual({ 'due entry moves': { count: 1, meteredUnits: 1 }, 'due entry deletes': { count: 1, meteredUnits: 1 } });
  });

  it("tells a moved GSI1 key from a removed or untouched one, in the engine's update expressions", () => {
    const key = (SK: string) => ({ PK: { S: 'CUST#1' }, SK: { S: SK } });
    const names = { '#gsi1pk': 'GSI1PK', '#gsi1sk': 'GSI1SK', '#status': 'status', '#expiresAt': 'expiresAt' };
    expect(updateClass('UpdateItem', { Key: key('DUE'), UpdateExpression: 'SET dueDate = :next, #gsi1pk = :pk, journeys = :journeys', ExpressionAttributeNames: names })).toEqual({ kind: 'due entry', effect: 'moves' });
    expect(updateClass('UpdateItem', { Key: key('OCC#birthday#2026'), UpdateExpression: 'SET #status = :final, finishedAt = :now, #expiresAt = :expiresAt REMOVE #gsi1pk, #gsi1sk', ExpressionAttributeNames: names })).toEqual({
      kind: 'occurrence',
      effect: 'removes',
    });
    expect(updateClass('UpdateItem', { Key: key('OCC#birthday#2026'), UpdateExpression: 'SET #status = :queued, queuedAt = :now', ExpressionAttributeNames: names })).toEqual({ kind: 'occurrence', effect: 'keeps' });
    expect(updateClass('UpdateItem', { Key: key('SEND#birthday#2026#email'), UpdateExpression: 'SET #status = :sent' })).toEqual({ kind: 'send', effect: 'keeps' });
    expect(updateClass('DeleteItem', { Key: key('DUE') })).toEqual({ kind: 'due entry', effect: 'deletes' });
  });
});
