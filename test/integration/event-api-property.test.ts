import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import { aDealer } from '../helpers/factories';
import { upsert } from '../helpers/events';
import { startTestEngine } from '../helpers/local-engine';
import { aKey, allItemKeys, startTestApi } from '../helpers/event-api';

const validEvent = upsert('p-1', '2026-03-01T00:00:00Z', { customerId: 'prop' });

/** Bodies a dealer system might send by mistake; none of them is a valid event. */
const malformedBody = fc.oneof(
  fc.string(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.record({ events: fc.array(fc.jsonValue(), { maxLength: 120 }) }).map((value) => JSON.stringify(value)),
  // A valid event with one field replaced by something of the wrong type (a string with a space is
  // no event id, type, instant or data).
  fc.tuple(fc.constantFrom('id', 'type', 'occurredAt', 'data'), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 3 }).map((text) => ` ${text}`), fc.array(fc.integer())))
    .map(([field, value]) => JSON.stringify({ ...validEvent, [field]: value })),
  fc.constant(JSON.stringify({ events: [validEvent], padding: 'x'.repeat(520 * 1024) })),
  fc.constant('{"events": ['),
);

/** Consent bodies with a field of the wrong type or an unknown channel. */
const malformedConsent = fc
  .tuple(fc.constantFrom('email', 'sms', 'print', 'fax', ''), fc.record({ granted: fc.oneof(fc.boolean(), fc.string()), source: fc.oneof(fc.string(), fc.integer()), at: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((date) => date.toISOString())) }))
  .map(([channel, change]) => JSON.stringify({ [channel]: change }));

/** Query strings of the paged routes, right and wrong. */
const query = fc
  .record({ limit: fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), fc.string()), cursor: fc.oneof(fc.string(), fc.base64String()), status: fc.constantFrom('open', 'done', 'closed'), dealerId: fc.string() }, { requiredKeys: [] })
  .map((params) => `?${new URLSearchParams(params as Record<string, string>).toString()}`);

describe('the event API under malformed, oversized, wrongly typed and unauthenticated requests', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let key: string;
  let keys: string[];

  beforeAll(async () => {
    engine = await startTestEngine();
    api = await startTestApi(engine);
    // Several keys of the dealer, so the per-key rate limit (a burst of 20) leaves most runs to reach the routes.
    keys = await Promise.all(Array.from({ length: 10 }, () => aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' })));
    key = keys[0]!;
    // No customer is stored: every customer route answers as for another tenant's (404), or 400 first.
    // The dealer exists, so the valid event below would be stored if it got through.
    await engine.dynamo.send(new PutCommand({ TableName: engine.tableName, Item: dealerItem(aDealer()) }));
  });

  afterAll(async () => {
    await api?.close();
    await engine?.cleanUp();
  });

  it('never answers with a 5xx and never stores an item, on every route', async () => {
    const before = await allItemKeys(engine);
    const request = fc.oneof(
      // Unauthenticated or with a wrong key: even a valid event stores nothing.
      fc.record({
        authorization: fc.oneof(fc.constant(undefined), fc.string().map((text) => `Bearer ${text}`), fc.constant(`Bearer ${key}x`), fc.constant(key)),
        contentType: fc.constantFrom('application/json', 'text/plain'),
        body: fc.oneof(malformedBody, fc.constant(JSON.stringify(validEvent))),
        path: fc.constantFrom('/v1/events', '/v1/customers/prop', '/v1/customers/%E0', '/v1/customers/prop/messages', '/v1/customers/prop/consent', '/v1/tasks'),
        method: fc.constantFrom('POST', 'GET', 'PUT', 'DELETE'),
      }),
      // With a valid key: malformed bodies, or a valid event in the wrong media type.
      fc.record({
        authorization: fc.constantFrom(...keys.map((valid) => `Bearer ${valid}`)),
        contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
        body: malformedBody,
        path: fc.constant('/v1/events'),
        method: fc.constant('POST'),
      }),
      // With a valid key, on the customer and task routes: malformed consent bodies and queries,
      // wrong methods, an erasure of nobody.
      fc.record({
        authorization: fc.constantFrom(...keys.map((valid) => `Bearer ${valid}`)),
        contentType: fc.constantFrom('application/json', 'text/plain'),
        body: fc.oneof(malformedBody, malformedConsent),
        path: fc.tuple(fc.constantFrom('/v1/customers/prop/consent', '/v1/customers/prop/messages', '/v1/tasks', '/v1/customers/prop', '/v1/customers/%E0/consent'), fc.oneof(fc.constant(''), query)).map(([path, search]) => `${path}${search}`),
        method: fc.constantFrom('PUT', 'GET', 'DELETE', 'POST'),
      }),
      fc.record({
        authorization: fc.constantFrom(...keys.map((valid) => `Bearer ${valid}`)),
        contentType: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', ''),
        body: fc.constant(JSON.stringify(validEvent)),
        path: fc.constant('/v1/events'),
        method: fc.constant('POST'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ authorization, contentType, body, path, method }) => {
        const response = await fetch(`${api.url}${path}`, {
          method,
          headers: { ...(authorization !== undefined ? { authorization } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
          ...(method === 'GET' ? {} : { body }),
        });
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await allItemKeys(engine)).toEqual(before);
  });
});
