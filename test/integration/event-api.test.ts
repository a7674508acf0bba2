import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import { BatchWriteCommand, GetCommand } from '../../shared/adapters/dynamodb/document-client';
import { dueEntryKey } from '../../shared/adapters/dynamodb/keys';
import { aDealer } from '../helpers/factories';
import { aCustomerStory, anEvent, upsert, vin } from '../helpers/events';
import { putCustomers, startTestEngine } from '../helpers/local-engine';
import { aKey, applyQueuedEvents, getCustomer, postEvents, startTestApi } from '../helpers/event-api';
import { aCustomerContext } from '../helpers/factories';

describe('the dealer event API over HTTP on loopback', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let shanghaiKey: string;
  let beijingKey: string;
  let brandKey: string;
  let otherBrandKey: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    api = await startTestApi(engine);
    const dealers = [aDealer({ id: 'dealer-sh', brandId: 'bmw-cn' }), aDealer({ id: 'dealer-bj', brandId: 'bmw-cn' }), aDealer({ id: 'dealer-syd', brandId: 'bmw-au', timeZone: 'Australia/Sydney' })];
    await engine.dynamo.send(new BatchWriteCommand({ RequestItems: { [engine.tableName]: dealers.map((dealer) => ({ PutRequest: { Item: dealerItem(dealer) } })) } }));
    await putCustomers(engine, [{ ...aCustomerContext({ id: 'bj-1', dealerId: 'dealer-bj' }), dealer: dealers[1]! }], { from: '2026-03-14' });
    [shanghaiKey, beijingKey, brandKey, otherBrandKey] = await Promise.all([
      aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' }),
      aKey(engine, { kind: 'dealer', dealerId: 'dealer-bj' }),
      aKey(engine, { kind: 'brand', brandId: 'bmw-cn' }),
      aKey(engine, { kind: 'brand', brandId: 'bmw-au' }),
    ]);
  });

  afterAll(async () => {
    await api?.close();
    await engine?.cleanUp();
  });

  it('accepts a batch with a result per event in order, rejects the bad one with field paths, and applies the rest to the customer', async () => {
    const story = aCustomerStory();
    const bad = { id: 'bad-1', type: 'odometer.reported', occurredAt: '2026-03-05T08:00:00+08:00', data: { customerId: 'c-1', vin, km: -5 } };

    const posted = await postEvents(api.url, shanghaiKey, { events: [...story.slice(0, 3), bad, ...story.slice(3)] });
    await applyQueuedEvents(engine);
    const customer = await getCustomer(api.url, shanghaiKey, 'c-1');

    expect(posted.status).toBe(202);
    expect(posted.body.results.map((result) => `${result.id}:${result.status}`)).toEqual([
      'e1:accepted', 'e2:accepted', 'e3:accepted', 'bad-1:rejected', 'e4:accepted', 'e5:accepted', 'e6:accepted', 'e7:accepted', 'e8:accepted', 'e9:accepted', 'e10:accepted', 'e11:accepted',
    ]);
    expect(posted.body.results[3]!.errors).toEqual([{ path: 'data.km', message: expect.any(String) }]);
    expect(customer.status).toBe(200);
    expect(customer.body).toMatchObject({
      customer: { id: 'c-1', dealerId: 'dealer-sh', lastName: 'Lee-Wong', consent: { email: { granted: false } } },
      vehicles: [{ vin, odometerReadings: [{ on: '2026-03-05', km: 120 }, { on: '2026-03-10', km: 640 }] }],
      visits: [{ on: '2026-03-11', odometerKm: 700 }],
      complaints: [{ reference: 'CR-1', closedOn: '2026-03-13' }],
    });
    // Filed in the due index after applying, as the import files what it writes.
    const due = await engine.dynamo.send(new GetCommand({ TableName: engine.tableName, Key: dueEntryKey('c-1') }));
    expect(due.Item).toMatchObject({ dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('answers the same id with the same body as duplicate, and with another body as a rejected conflict, with no second effect', async () => {
    const first = upsert('dup-1', '2026-03-01T00:00:00Z', { customerId: 'dup', lastName: 'Once' });
    const changed = upsert('dup-1', '2026-03-01T00:00:00Z', { customerId: 'dup', lastName: 'Twice' });

    const posted = await postEvents(api.url, shanghaiKey, first);
    const again = await postEvents(api.url, shanghaiKey, { events: [first, changed] });
    await applyQueuedEvents(engine);

    expect(posted.body.results).toEqual([{ id: 'dup-1', status: 'accepted' }]);
    expect(again.body.results).toEqual([
      { id: 'dup-1', status: 'duplicate' },
      { id: 'dup-1', status: 'rejected', errors: [{ path: 'id', message: expect.stringContaining('conflict') }] },
    ]);
    expect((await getCustomer(api.url, shanghaiKey, 'dup')).body).toMatchObject({ customer: { lastName: 'Once' } });
  });

  it("keeps tenants apart: a dealer neither reads nor changes another dealer's customer, a brand reaches its dealers only", async () => {
    const intrusion = anEvent('consent.changed', 'intrude-1', '2026-03-20T00:00:00Z', { customerId: 'bj-1', channel: 'sms', granted: false, source: 'intruder' });
    const takeover = upsert('intrude-2', '2026-03-20T00:00:00Z', { customerId: 'bj-1', dealerId: 'dealer-bj', lastName: 'Taken' });

    const read = await getCustomer(api.url, shanghaiKey, 'bj-1');
    const unknown = await getCustomer(api.url, shanghaiKey, 'nobody');
    const posted = await postEvents(api.url, shanghaiKey, { events: [intrusion, takeover] });
    const fromOtherBrand = await postEvents(api.url, otherBrandKey, { ...intrusion, id: 'intrude-3' });
    await applyQueuedEvents(engine);

    expect(read).toEqual(unknown);
    expect(read.status).toBe(404);
    // Accepted like an event about an unknown customer, so the answer reveals nothing; never applied.
    expect(posted.body.results.map((result) => result.status)).toEqual(['accepted', 'rejected']);
    expect(posted.body.results[1]!.errors).toEqual([{ path: 'data.dealerId', message: expect.any(String) }]);
    expect(fromOtherBrand.body.results[0]!.status).toBe('accepted');
    const asOwner = await getCustomer(api.url, beijingKey, 'bj-1');
    const asBrand = await getCustomer(api.url, brandKey, 'bj-1');
    const asOtherBrand = await getCustomer(api.url, otherBrandKey, 'bj-1');
    expect(asOwner.body).toMatchObject({ customer: { lastName: 'Lee', consent: { sms: { granted: true } } } });
    expect(asBrand.body).toEqual(asOwner.body);
    expect(asOtherBrand.status).toBe(404);
  });

  it('leaves the same state when a batch is posted twice or its events in reverse order', async () => {
    const story = (customerId: string) => aCustomerStory().map((event) => ({ ...event, id: `${customerId}-${event.id}`, data: { ...event.data, customerId } }));

    await postEvents(api.url, brandKey, { events: story('once') });
    await postEvents(api.url, brandKey, { events: story('twice') });
    await postEvents(api.url, brandKey, { events: story('twice') });
    await postEvents(api.url, brandKey, { events: story('reversed').reverse() });
    await applyQueuedEvents(engine);

    const [once, twice, reversed] = await Promise.all(['once', 'twice', 'reversed'].map((id) => getCustomer(api.url, brandKey, id)));
    const withoutId = (body: Record<string, unknown>) => ({ ...body, customer: { ...(body.customer as object), id: 'x' } });
    expect(once.status).toBe(200);
    expect(withoutId(twice.body)).toEqual(withoutId(once.body));
    expect(withoutId(reversed.body)).toEqual(withoutId(once.body));
  });

  it('answers 401 without a valid key, 415 for a body that is not JSON, 413 over 512 KB, 400 with field paths for a bad request', async () => {
    const event = upsert('x-1', '2026-03-01T00:00:00Z');

    const noKey = await postEvents(api.url, undefined, event);
    const badKey = await postEvents(api.url, 'djk_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', event);
    const notJson = await postEvents(api.url, shanghaiKey, 'id=1', { 'content-type': 'application/x-www-form-urlencoded' });
    const tooLarge = await postEvents(api.url, shanghaiKey, { events: [event], padding: 'x'.repeat(600 * 1024) });
    const tooMany = await postEvents(api.url, shanghaiKey, { events: Array.from({ length: 101 }, () => event) });
    const readNoKey = await getCustomer(api.url, undefined, 'c-1');

    expect([noKey.status, badKey.status, readNoKey.status]).toEqual([401, 401, 401]);
    expect(noKey.contentType).toBe('application/problem+json');
    expect(notJson.status).toBe(415);
    expect(tooLarge.status).toBe(413);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ field: 'body.events', message: expect.any(String) }]);
  });

  it('serves the OpenAPI document and health', async () => {
    const openapi = await fetch(`${api.url}/v1/openapi.json`);
    const health = await fetch(`${api.url}/health`);

    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
