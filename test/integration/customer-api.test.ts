import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, PutCommand, ScanCommand } from '../../shared/adapters/dynamodb/document-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { drainQueue, evaluateDate, reconcileLocally } from '../../local/run-day';
import { endOfDateAnywhere } from '../../shared/use-cases/reconcile-ledger';
import { aCustomerContext, aDealer } from '../helpers/factories';
import { anEvent } from '../helpers/events';
import { putCustomers, startTestEngine, storedEmails } from '../helpers/local-engine';
import { aKey, applyQueuedEvents, callApi, postEvents, startTestApi } from '../helpers/event-api';

const shanghai = aDealer({ id: 'dealer-sh', brandId: 'bmw-cn' });
const beijing = aDealer({ id: 'dealer-bj', brandId: 'bmw-cn' });

const taskMessage = (customerId: string, occurrenceDate = '2026-03-14'): DispatchMessage => ({
  version: 1,
  journeyId: 'post-delivery-call',
  occurrenceKey: 'WBA11AA010CH00001',
  occurrenceDate,
  customerId,
  messageId: 'call',
  channel: 'task',
  template: 'post-delivery-call',
});

/** Every item of the table whose keys or attributes mention the customer id anywhere. */
async function itemsAbout(engine: Awaited<ReturnType<typeof startTestEngine>>, customerId: string): Promise<string[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await engine.dynamo.send(new ScanCommand({ TableName: engine.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.filter((item) => JSON.stringify(item).includes(customerId)).map((item) => `${String(item.PK)}|${String(item.SK)}`).sort();
}

describe('the customer routes over HTTP on loopback', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let shanghaiKey: string;
  let brandKey: string;

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday', 'post-delivery-call'] });
    api = await startTestApi(engine);
    await engine.dynamo.send(new BatchWriteCommand({ RequestItems: { [engine.tableName]: [shanghai, beijing].map((dealer) => ({ PutRequest: { Item: dealerItem(dealer) } })) } }));
    await putCustomers(engine, [
      { ...aCustomerContext({ id: 'ann', email: 'ann@example.com' }), dealer: shanghai },
      { ...aCustomerContext({ id: 'gone', email: 'gone@example.com', phone: '+8613800138000' }), dealer: shanghai },
      { ...aCustomerContext({ id: 'stays', email: 'stays@example.com' }), dealer: shanghai },
      { ...aCustomerContext({ id: 'bj-1', dealerId: 'dealer-bj' }), dealer: beijing },
    ], { from: '2026-03-14' });
    [shanghaiKey, brandKey] = await Promise.all([aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' }), aKey(engine, { kind: 'brand', brandId: 'bmw-cn' })]);
    await evaluateDate(engine.handlers.evaluate, '2026-03-14');
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
  });

  afterAll(async () => {
    await api?.close();
    await engine?.cleanUp();
  });

  it("lists a customer's messages page by page with an opaque cursor, and refuses a cursor made for another customer", async () => {
    const pages = [await callApi(api.url, shanghaiKey, 'GET', '/v1/customers/ann/messages?limit=1')];
    while (pages.at(-1)!.body.nextCursor) pages.push(await callApi(api.url, shanghaiKey, 'GET', `/v1/customers/ann/messages?limit=1&cursor=${encodeURIComponent(pages.at(-1)!.body.nextCursor)}`));
    const all = await callApi(api.url, shanghaiKey, 'GET', '/v1/customers/ann/messages');
    const stolen = await callApi(api.url, shanghaiKey, 'GET', `/v1/customers/stays/messages?cursor=${encodeURIComponent(pages[0]!.body.nextCursor)}`);
    const badLimit = await callApi(api.url, shanghaiKey, 'GET', '/v1/customers/ann/messages?limit=0');

    expect(pages[0]!.status).toBe(200);
    expect(pages[0]!.body.messages).toHaveLength(1);
    const walked = pages.flatMap((page) => page.body.messages as { messageId: string }[]);
    expect(walked.length).toBeGreaterThanOrEqual(2);
    expect(walked).toEqual(all.body.messages);
    expect(all.body).toMatchObject({ customerId: 'ann', messages: expect.arrayContaining([expect.objectContaining({ journeyId: 'birthday', channel: 'email', status: 'sent' })]) });
    expect(stolen).toMatchObject({ status: 400, contentType: 'application/problem+json', body: { errors: [{ field: 'query.cursor' }] } });
    expect(badLimit.body.errors).toEqual([expect.objectContaining({ field: 'query.limit' })]);
  });

  it('changes consent per channel with source and time; an older time never overwrites a newer one', async () => {
    const withdrawn = { email: { granted: false, source: 'call-centre', at: '2026-03-20T10:00:00+08:00' } };
    const older = { email: { granted: true, source: 'old-form', at: '2026-03-19T10:00:00+08:00' }, sms: { granted: false, source: 'old-form', at: '2026-03-19T10:00:00+08:00' } };

    const first = await callApi(api.url, shanghaiKey, 'PUT', '/v1/customers/stays/consent', withdrawn);
    const again = await callApi(api.url, shanghaiKey, 'PUT', '/v1/customers/stays/consent', withdrawn);
    const late = await callApi(api.url, brandKey, 'PUT', '/v1/customers/stays/consent', older);
    await applyQueuedEvents(engine);
    const customer = await callApi(api.url, shanghaiKey, 'GET', '/v1/customers/stays');

    expect(first).toMatchObject({ status: 202, body: { customerId: 'stays', channels: [{ channel: 'email', status: 'accepted' }] } });
    expect(again.body.channels).toEqual([{ channel: 'email', status: 'duplicate' }]);
    expect(late.body.channels).toEqual([{ channel: 'email', status: 'accepted' }, { channel: 'sms', status: 'accepted' }]);
    expect(customer.body.customer.consent).toMatchObject({
      email: { granted: false, source: 'call-centre', at: '2026-03-20T10:00:00+08:00' },
      sms: { granted: false, source: 'old-form' },
    });
  });

  it('answers a bad consent body with 400 and field paths, a non-JSON one with 415, and another tenant with 404', async () => {
    const badTime = await callApi(api.url, shanghaiKey, 'PUT', '/v1/customers/stays/consent', { email: { granted: false, source: 'x', at: 'yesterday' } });
    const noChannel = await callApi(api.url, shanghaiKey, 'PUT', '/v1/customers/stays/consent', {});
    const unknownChannel = await callApi(api.url, shanghaiKey, 'PUT', '/v1/customers/stays/consent', { fax: { granted: true, source: 'x', at: '2026-03-20T10:00:00Z' } });
    const notJson = await fetch(`${api.url}/v1/customers/stays/consent`, { method: 'PUT', headers: { authorization: `Bearer ${shanghaiKey}`, 'content-type': 'text/plain' }, body: 'email=no' });
    const outsider = await callApi(api.url, await aKey(engine, { kind: 'dealer', dealerId: 'dealer-bj' }), 'PUT', '/v1/customers/stays/consent', { email: { granted: true, source: 'x', at: '2026-03-21T10:00:00Z' } });

    expect(badTime.status).toBe(400);
    expect(badTime.body.errors).toEqual([expect.objectContaining({ field: 'body.email.at' })]);
    expect(noChannel.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    expect(unknownChannel.body.errors).toEqual(expect.arrayContaining([{ field: 'body', message: expect.stringContaining('fax') }]));
    expect(notJson.status).toBe(415);
    expect(outsider.status).toBe(404);
  });

  it("lists a brand key's tasks across its dealers page by page, and a dealer key's own only", async () => {
    await engine.sqs.send(new SendMessageBatchCommand({ QueueUrl: engine.queueUrl, Entries: [taskMessage('ann'), taskMessage('bj-1', '2026-03-12')].map((message, index) => ({ Id: `t${index}`, MessageBody: JSON.stringify(message) })) }));
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    const first = await callApi(api.url, brandKey, 'GET', '/v1/tasks?limit=1');
    const second = await callApi(api.url, brandKey, 'GET', `/v1/tasks?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    const dealerOnly = await callApi(api.url, shanghaiKey, 'GET', '/v1/tasks');

    const customers = [...first.body.tasks, ...second.body.tasks].map((task: { customerId: string }) => task.customerId).sort();
    expect(customers).toEqual(['ann', 'bj-1']);
    expect(dealerOnly.body.tasks.map((task: { customerId: string }) => task.customerId)).toEqual(['ann']);
  });

  it('erases a customer: nothing about them is left but the tombstone, nothing more is sent, and a replayed event cannot bring them back', async () => {
    await engine.sqs.send(new SendMessageBatchCommand({ QueueUrl: engine.queueUrl, Entries: [{ Id: 't', MessageBody: JSON.stringify(taskMessage('gone')) }] }));
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    const upsert = anEvent('customer.upserted', 'gone-1', '2026-03-15T09:00:00+08:00', { customerId: 'gone', dealerId: 'dealer-sh', firstName: 'Gao', lastName: 'Ne', locale: 'en', timeZone: 'Asia/Shanghai', email: 'gone@example.com', birthDate: '1980-03-14' });
    await postEvents(api.url, shanghaiKey, { events: [upsert, anEvent('odometer.reported', 'gone-2', '2026-03-16T09:00:00+08:00', { customerId: 'gone', vin: 'WBA11AA010CH00001', km: 30_000 })] });
    await applyQueuedEvents(engine);
    const before = await itemsAbout(engine, 'gone');
    // A send queued before the erasure, delivered after it.
    await engine.sqs.send(new SendMessageBatchCommand({ QueueUrl: engine.queueUrl, Entries: [{ Id: 'late', MessageBody: JSON.stringify({ ...taskMessage('gone'), journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email', channel: 'email', template: 'birthday-email' }) }] }));

    // An event queued before the erasure and applied after it: the consumer finds the tombstone.
    await postEvents(api.url, shanghaiKey, { ...upsert, id: 'gone-in-flight', occurredAt: '2026-03-17T09:00:00+08:00' });

    const erased = await callApi(api.url, shanghaiKey, 'DELETE', '/v1/customers/gone');
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    const redriven = await reconcileLocally(engine.handlers.reconcile, endOfDateAnywhere('2026-03-14'), false);
    const replay = await postEvents(api.url, shanghaiKey, { ...upsert, id: 'gone-3' });
    await postEvents(api.url, brandKey, upsert);
    await applyQueuedEvents(engine);
    const afterReplay = await itemsAbout(engine, 'gone');
    const again = await callApi(api.url, brandKey, 'DELETE', '/v1/customers/gone');
    const after = await itemsAbout(engine, 'gone');

    expect(before).toEqual(expect.arrayContaining(['CUST#gone|PROFILE', 'CUST#gone|DUE', 'CUST#gone|EVENTS', 'CUST#gone|OCC#birthday#2026', 'CUST#gone|SEND#birthday#2026#email', expect.stringMatching(/^CUST#gone\|TASK#/), 'EVENT#dealer:dealer-sh#gone-1|INTAKE']));
    expect(erased.status).toBe(204);
    expect(again.status).toBe(204);
    expect(replay.body.results[0]!.status).toBe('accepted');
    // Only the send record of the late message (ids and `skipped: customer-not-found`) came after the erasure; erasing again removes it.
    expect(afterReplay).toEqual(['CUST#gone|ERASED', 'CUST#gone|SEND#birthday#2026#email']);
    expect(after).toEqual(['CUST#gone|ERASED']);
    expect((await storedEmails(engine)).filter((email) => email.destination.to.includes('gone@example.com'))).toHaveLength(1);
    expect(redriven).toMatchObject({ messagesRedriven: 0 });
    expect((await callApi(api.url, shanghaiKey, 'GET', '/v1/customers/gone')).status).toBe(404);
    expect(await itemsAbout(engine, 'stays')).toContain('CUST#stays|PROFILE');
  });

  it('erases a customer whose stored record no longer parses (a broken car item)', async () => {
    await putCustomers(engine, [{ ...aCustomerContext({ id: 'broken' }), dealer: shanghai }], { from: '2026-03-14' });
    await engine.dynamo.send(new PutCommand({ TableName: engine.tableName, Item: { PK: 'CUST#broken', SK: 'PROFILE#VEH#BAD', vin: 42 } }));

    const erased = await callApi(api.url, shanghaiKey, 'DELETE', '/v1/customers/broken');

    expect(erased.status).toBe(204);
    expect(await itemsAbout(engine, 'broken')).toEqual(['CUST#broken|ERASED']);
  });
});
