import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import { customerKey } from '../../shared/adapters/dynamodb/keys';
import { aDealer } from '../helpers/factories';
import { anEvent, upsert } from '../helpers/events';
import { applyQueuedEvents, getCustomer, aKey, startTestApi } from '../helpers/event-api';
import { startTestEngine } from '../helpers/local-engine';

describe('the event consumer on the local events queue', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let key: string;
  const tenant = { kind: 'dealer', dealerId: 'dealer-sh' };

  beforeAll(async () => {
    engine = await startTestEngine();
    api = await startTestApi(engine);
    key = await aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' });
    await engine.dynamo.send(new BatchWriteCommand({ RequestItems: { [engine.tableName]: [{ PutRequest: { Item: dealerItem(aDealer()) } }] } }));
  });

  afterAll(async () => {
    await api?.close();
    await engine?.cleanUp();
  });

  it("reports only the failing records of a batch (an unreadable body, a corrupt customer's events) and applies the others", async () => {
    // A stored profile that fails its schema: applying to it must fail that customer only.
    await engine.dynamo.send(new PutCommand({ TableName: engine.tableName, Item: { ...customerKey('corrupt'), id: 'corrupt', dealerId: 'dealer-sh' } }));
    const entries = [
      { tenant, event: upsert('ok-1', '2026-03-01T00:00:00Z', { customerId: 'fine' }) },
      { tenant, event: anEvent('consent.changed', 'bad-1', '2026-03-01T00:00:00Z', { customerId: 'corrupt', channel: 'sms', granted: true, source: 'call' }) },
    ].map((body, index) => ({ Id: String(index), MessageBody: JSON.stringify(body), MessageGroupId: String(body.event.data.customerId), MessageDeduplicationId: body.event.id }));

    await engine.sqs.send(new SendMessageBatchCommand({ QueueUrl: engine.eventsQueueUrl, Entries: [...entries, { Id: 'x', MessageBody: '{"not": "an event"}', MessageGroupId: 'x', MessageDeduplicationId: 'x' }] }));
    const drained = await applyQueuedEvents(engine);

    expect(drained).toMatchObject({ delivered: 1, failed: 2 });
    expect((await getCustomer(api.url, key, 'fine')).status).toBe(200);
  });
});
