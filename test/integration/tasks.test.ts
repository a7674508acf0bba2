import { readFile } from 'node:fs/promises';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../shared/adapters/webhook/signature';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { drainQueue } from '../../local/run-day';
import { aCustomerContext, aDealer, aVehicle } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';
import { aKey, invokeApi } from '../helpers/event-api';

const callMessage = (customerId: string, occurrenceDate = '2026-03-14'): DispatchMessage => ({
  version: 1,
  journeyId: 'post-delivery-call',
  occurrenceKey: 'WBA11AA010CH00001',
  occurrenceDate,
  customerId,
  messageId: 'call',
  channel: 'task',
  template: 'post-delivery-call',
});

const sydney = aDealer({ id: 'dealer-syd', name: 'Harbour City Motors', timeZone: 'Australia/Sydney', crmWebhookUrl: 'https://crm.harbour-city.example/hooks/tasks' });

describe('the task channel on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  const queue = (messages: DispatchMessage[]) =>
    engine.sqs.send(new SendMessageBatchCommand({ QueueUrl: engine.queueUrl, Entries: messages.map((message, index) => ({ Id: `m${index}`, MessageBody: JSON.stringify(message) })) }));

  let shanghaiKey: string;
  let sydneyKey: string;
  let nowhereKey: string;
  const getTasks = (query: string, key = shanghaiKey) => invokeApi(engine, key, 'GET', '/v1/tasks', query);

  beforeAll(async () => {
    engine = await startTestEngine();
    await putCustomers(engine, [
      aCustomerContext({ id: 'ann', consent: {} }, [aVehicle({ model: 'X3' })]),
      aCustomerContext({ id: 'bob', consent: {} }, [aVehicle({ model: 'i4' })]),
      aCustomerContext({ id: 'cho', consent: {} }, [aVehicle({ model: 'iX' })]),
      { ...aCustomerContext({ id: 'syd-1', dealerId: 'dealer-syd' }, [aVehicle({ model: 'X1' })]), dealer: sydney },
    ], { from: '2026-03-12' });
    [shanghaiKey, sydneyKey, nowhereKey] = await Promise.all(['dealer-sh', 'dealer-syd', 'dealer-nowhere'].map((dealerId) => aKey(engine, { kind: 'dealer', dealerId })));
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it("writes one task under redelivery and lists the dealer's open tasks through the API, page by page", async () => {
    await queue([callMessage('ann', '2026-03-14'), callMessage('bob', '2026-03-12'), callMessage('cho', '2026-03-13')]);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    await queue([callMessage('ann', '2026-03-14')]);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    const first = await getTasks('status=open&limit=2');
    const second = await getTasks(`status=open&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);

    expect(first.status).toBe(200);
    expect(first.body.tasks.map((task: { customerId: string }) => task.customerId)).toEqual(['bob', 'cho']);
    expect(first.body.tasks[0]).toMatchObject({ status: 'open', dueOn: '2026-03-15', title: 'Call Ms Lee about their new i4', dealerId: 'dealer-sh' });
    expect(second.body.tasks.map((task: { customerId: string }) => task.customerId)).toEqual(['ann']);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('lists nothing for a dealer without tasks and nothing done yet', async () => {
    expect((await getTasks('', nowhereKey)).body).toEqual({ status: 'open', tasks: [] });
    expect((await getTasks('status=done')).body.tasks).toEqual([]);
  });

  it('answers a bad query or a forged cursor with a problem+json 400 naming the field', async () => {
    const unknownField = await getTasks('dealerId=dealer-syd');
    const badLimit = await getTasks('limit=1000');
    const forged = await getTasks(`cursor=${Buffer.from('{"PK":"CUST#x"}').toString('base64url')}`);
    const anotherDealers = await getTasks(`cursor=${Buffer.from('{"dealerId":"dealer-syd"}').toString('base64url')}`);

    // The key decides the dealer: naming one in the query is an unknown field, not a way round it.
    expect(unknownField).toMatchObject({ status: 400, contentType: 'application/problem+json' });
    expect(unknownField.body.errors).toEqual([expect.objectContaining({ field: 'query' })]);
    expect(anotherDealers).toMatchObject({ status: 400, body: { errors: [{ field: 'query.cursor' }] } });
    expect(badLimit.body.errors).toEqual([expect.objectContaining({ field: 'query.limit' })]);
    expect(forged).toMatchObject({ status: 400, body: { errors: [{ field: 'query.cursor' }] } });
  });

  it("puts a signed line in the task outbox for a dealer with a CRM webhook, verifiable with the dealer's local secret", async () => {
    await queue([callMessage('syd-1')]);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    const lines = (await readFile(engine.paths.taskOutbox, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const secrets = JSON.parse(await readFile(engine.paths.webhookSecrets, 'utf8'));
    const listed = await getTasks('', sydneyKey);

    expect(lines).toHaveLength(1);
    expect(lines[0].url).toBe('https://crm.harbour-city.example/hooks/tasks');
    expect(JSON.parse(lines[0].body).task).toEqual(listed.body.tasks[0]);
    expect(verifyWebhookSignature(lines[0].headers['Dealer-Journeys-Signature'], lines[0].body, secrets['dealer-syd'], new Date(lines[0].at)).valid).toBe(true);
    expect(Object.keys(secrets)).toEqual(['dealer-syd']);
  });
});
