import { BatchWriteCommand } from '../../shared/adapters/dynamodb/document-client';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import type { Tenant } from '../../shared/domain/tenant';
import { drainQueue } from '../../local/run-day';
import { aCustomerContext, aDealer } from '../helpers/factories';
import { anEvent } from '../helpers/events';
import { putCustomers, startTestEngine } from '../helpers/local-engine';
import { aKey, allItemKeys, applyQueuedEvents, callApi, postEvents, startTestApi } from '../helpers/event-api';

const dealers = [aDealer({ id: 'dealer-sh', brandId: 'bmw-cn' }), aDealer({ id: 'dealer-bj', brandId: 'bmw-cn' }), aDealer({ id: 'dealer-syd', brandId: 'bmw-au', timeZone: 'Australia/Sydney' })];

const callTask = (customerId: string) => ({
  version: 1,
  journeyId: 'post-delivery-call',
  occurrenceKey: 'WBA11AA010CH00001',
  occurrenceDate: '2026-03-14',
  customerId,
  messageId: 'call',
  channel: 'task',
  template: 'post-delivery-call',
});

/**
 * Who reaches the Beijing dealer's customer: its dealer and its brand; never another dealer of the
 * same brand, another brand, or another brand's dealer.
 */
const outsiders: [string, Tenant][] = [
  ['another dealer of the same brand', { kind: 'dealer', dealerId: 'dealer-sh' }],
  ['a dealer of another brand', { kind: 'dealer', dealerId: 'dealer-syd' }],
  ['another brand', { kind: 'brand', brandId: 'bmw-au' }],
];
const insiders: [string, Tenant][] = [
  ['its dealer', { kind: 'dealer', dealerId: 'dealer-bj' }],
  ['its brand', { kind: 'brand', brandId: 'bmw-cn' }],
];

describe('the tenant matrix over HTTP', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['post-delivery-call'] });
    api = await startTestApi(engine);
    await engine.dynamo.send(new BatchWriteCommand({ RequestItems: { [engine.tableName]: dealers.map((dealer) => ({ PutRequest: { Item: dealerItem(dealer) } })) } }));
    await putCustomers(engine, [{ ...aCustomerContext({ id: 'bj-1', dealerId: 'dealer-bj' }), dealer: dealers[1]! }], { from: '2026-03-14' });
    await engine.sqs.send(new SendMessageBatchCommand({ QueueUrl: engine.queueUrl, Entries: [{ Id: 'call', MessageBody: JSON.stringify(callTask('bj-1')) }] }));
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    for (const [name, tenant] of [...outsiders, ...insiders]) keys.set(name, await aKey(engine, tenant));
  });

  afterAll(async () => {
    await api?.close();
    await engine?.cleanUp();
  });

  it.each(outsiders)('%s can neither read, list messages or tasks of, change consent of, erase, nor post events about the customer', async (name) => {
    const key = keys.get(name)!;
    const unknown = await callApi(api.url, key, 'GET', '/v1/customers/nobody');
    const before = await allItemKeys(engine);

    const read = await callApi(api.url, key, 'GET', '/v1/customers/bj-1');
    const messages = await callApi(api.url, key, 'GET', '/v1/customers/bj-1/messages');
    const consent = await callApi(api.url, key, 'PUT', '/v1/customers/bj-1/consent', { sms: { granted: false, source: 'intruder', at: '2026-12-01T00:00:00Z' } });
    const erase = await callApi(api.url, key, 'DELETE', '/v1/customers/bj-1');
    const tasks = await callApi(api.url, key, 'GET', '/v1/tasks');
    const stored = await allItemKeys(engine);
    const posted = await postEvents(api.url, key, anEvent('consent.changed', `intrude-${name.length}`, '2026-12-01T00:00:00Z', { customerId: 'bj-1', channel: 'sms', granted: false, source: 'intruder' }));
    await applyQueuedEvents(engine);
    const asOwner = await callApi(api.url, keys.get('its dealer')!, 'GET', '/v1/customers/bj-1');

    for (const answer of [read, messages, consent, erase]) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(unknown.body);
    }
    expect(stored).toEqual(before);
    expect(tasks).toMatchObject({ status: 200, body: { tasks: [] } });
    // Accepted like an event about an unknown customer (the answer reveals nothing), never applied.
    expect(posted.body.results[0]!.status).toBe('accepted');
    expect(asOwner.body.customer.consent.sms).toMatchObject({ granted: true });
  });

  it.each(insiders)('%s reads the customer, their messages and tasks, and changes their consent', async (name) => {
    const key = keys.get(name)!;

    const read = await callApi(api.url, key, 'GET', '/v1/customers/bj-1');
    const messages = await callApi(api.url, key, 'GET', '/v1/customers/bj-1/messages');
    const tasks = await callApi(api.url, key, 'GET', '/v1/tasks');
    const consent = await callApi(api.url, key, 'PUT', '/v1/customers/bj-1/consent', { print: { granted: false, source: name, at: `2026-12-0${name.length % 9 + 1}T00:00:00Z` } });

    expect(read).toMatchObject({ status: 200, body: { customer: { id: 'bj-1' } } });
    expect(messages.body.messages).toEqual([expect.objectContaining({ journeyId: 'post-delivery-call', channel: 'task' })]);
    expect(tasks.body.tasks.map((task: { customerId: string }) => task.customerId)).toEqual(['bj-1']);
    expect(consent.status).toBe(202);
  });

  it('lets its brand erase the customer, and answers the dealer alike when it erases again, an outsider still 404', async () => {
    const byBrand = await callApi(api.url, keys.get('its brand')!, 'DELETE', '/v1/customers/bj-1');
    const byDealer = await callApi(api.url, keys.get('its dealer')!, 'DELETE', '/v1/customers/bj-1');
    const byOutsider = await callApi(api.url, keys.get('another dealer of the same brand')!, 'DELETE', '/v1/customers/bj-1');

    expect([byBrand.status, byDealer.status, byOutsider.status]).toEqual([204, 204, 404]);
    expect((await callApi(api.url, keys.get('its dealer')!, 'GET', '/v1/customers/bj-1')).status).toBe(404);
  });

  it('answers 429 with Retry-After as problem+json past the per-key rate limit, and other keys go on', async () => {
    const key = await aKey(engine, { kind: 'dealer', dealerId: 'dealer-syd' });

    // Past the burst (20) faster than the refill (10 a second) could cover.
    const answers = await Promise.all(Array.from({ length: 60 }, () => callApi(api.url, key, 'GET', '/v1/tasks')));
    const other = await callApi(api.url, keys.get('its dealer')!, 'GET', '/v1/tasks');

    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(20);
    expect(limited[0]!.contentType).toBe('application/problem+json');
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(other.status).toBe(200);
  });
});
