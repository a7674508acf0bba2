import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApiEvent, lambdaContext, withJwtClaims } from '../../local/lambda-events';
import { consoleTenantClaim } from '../../shared/domain/tenant';
import { aCustomerContext, aDealer } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';

const shanghai = aDealer({ id: 'dealer-sh', brandId: 'bmw-cn' });
const beijing = aDealer({ id: 'dealer-bj', brandId: 'bmw-cn' });

describe('the console API (handler, with JWT claims)', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  const call = async (path: string, tenant?: string, body?: unknown) => {
    const event = httpApiEvent({ method: body === undefined ? 'GET' : 'PUT', path, headers: body === undefined ? {} : { 'content-type': 'application/json' }, sourceIp: '127.0.0.1', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const result = await engine.handlers.console(tenant === undefined ? event : withJwtClaims(event, { [consoleTenantClaim]: tenant, sub: 'user-1' }), lambdaContext('console-api'));
    const structured = typeof result === 'string' ? { statusCode: 200, body: result } : result;
    return { status: structured.statusCode, body: JSON.parse(structured.body ?? 'null') as Record<string, unknown> };
  };

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
    await putCustomers(
      engine,
      [
        { ...aCustomerContext({ id: 'sh-1', dealerId: shanghai.id, birthDate: '1980-03-20' }), dealer: shanghai },
        { ...aCustomerContext({ id: 'bj-1', dealerId: beijing.id, birthDate: '1985-03-21' }), dealer: beijing },
      ],
      { from: '2026-03-14' },
    );
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('answers 401 without the tenant claim and 403 for a claim naming no tenant', async () => {
    expect((await call('/v1/console/journeys')).status).toBe(401);
    expect((await call('/v1/console/journeys', 'admin')).status).toBe(403);
  });

  it("lists the journeys with their trigger, audience, category and channels", async () => {
    const { status, body } = await call('/v1/console/journeys', 'dealer:dealer-sh');
    expect(status).toBe(200);
    const journeys = body.journeys as { id: string; trigger: { type: string }; category: string; channels: string[] }[];
    expect(journeys.map((journey) => journey.id)).toEqual(['birthday']);
    expect(journeys[0]).toMatchObject({ trigger: { type: 'birthday' }, category: 'promotional' });
    expect(journeys[0]!.channels).toEqual(expect.arrayContaining(['email', 'sms', 'print']));
  });

  it("a dealer user cannot see another dealer's customer; their brand's user sees both", async () => {
    expect((await call('/v1/console/customers/bj-1', 'dealer:dealer-sh')).status).toBe(404);
    expect((await call('/v1/console/customers/sh-1', 'dealer:dealer-sh')).status).toBe(200);
    expect((await call('/v1/console/customers/bj-1', 'brand:bmw-cn')).status).toBe(200);
    expect((await call('/v1/console/customers/bj-1', 'brand:bmw-au')).status).toBe(404);
  });

  it('lets only a brand user pause promotional email, and the Health page shows it', async () => {
    expect((await call('/v1/console/pauses/email/promotional', 'dealer:dealer-sh', { paused: true })).status).toBe(403);
    expect((await call('/v1/console/health', 'dealer:dealer-sh')).body).toMatchObject({ promotionalEmail: { paused: false }, mayPause: false });
    const paused = await call('/v1/console/pauses/email/promotional', 'brand:bmw-cn', { paused: true });
    expect(paused).toMatchObject({ status: 200, body: { paused: true, reason: 'manual' } });
    expect((await call('/v1/console/health', 'dealer:dealer-sh')).body).toMatchObject({ promotionalEmail: { paused: true } });
    expect((await call('/v1/console/pauses/email/promotional', 'brand:bmw-cn', { paused: false })).body).toMatchObject({ paused: false });
  });
});
