import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApiEvent, lambdaContext, scheduledEvent, withJwtClaims } from '../../local/lambda-events';
import { drainQueue, reconcileLocally } from '../../local/run-day';
import { composeCalendarSnapshots } from '../../shared/compose/calendar-snapshots';
import { createDynamoMessageHistory } from '../../shared/adapters/dynamodb/message-history';
import { createDynamoMessageSchedule } from '../../shared/adapters/dynamodb/message-schedule';
import { consoleTenantClaim } from '../../shared/domain/tenant';
import { computeLocalCalendars } from '../../local/console-server';
import { countRequests } from '../../bench/request-counter';
import { aCustomerContext, aDealer } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';

const shanghai = aDealer({ id: 'dealer-sh', brandId: 'bmw-cn' });
const beijing = aDealer({ id: 'dealer-bj', brandId: 'bmw-cn' });
/** A birthday inside the calendar's 90 days from today (the route simulates from the real today). */
const inTenDays = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const bornInTenDays = `1980-${inTenDays.slice(5)}`;
/** A customer of another brand whose birthday is today (London), greeted before the calendar is read. */
const hongKong = aDealer({ id: 'dealer-hk', brandId: 'bmw-hk' });
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);

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
        { ...aCustomerContext({ id: 'sh-1', dealerId: shanghai.id, birthDate: bornInTenDays }), dealer: shanghai },
        { ...aCustomerContext({ id: 'bj-1', dealerId: beijing.id, birthDate: bornInTenDays }), dealer: beijing },
      ],
      { from: '2026-03-14' },
    );
    // Today's birthday greeting goes out before any console read (the console caches its reads)
    // and an appointment-style message is held until tomorrow: the calendar starts from that ledger.
    await putCustomers(engine, [{ ...aCustomerContext({ id: 'hk-1', dealerId: hongKong.id, birthDate: `1980-${today.slice(5)}` }), dealer: hongKong }], { from: today });
    await engine.handlers.evaluate(scheduledEvent(new Date(`${today}T12:00:00Z`), today), lambdaContext('evaluate-schedule'));
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    const message = { version: 1 as const, journeyId: 'birthday', occurrenceKey: 'held-1', occurrenceDate: tomorrow, customerId: 'hk-1', messageId: 'sms', channel: 'sms' as const, template: 'birthday-sms' };
    await createDynamoMessageSchedule(engine.dynamo, engine.tableName).hold({ message, dueAt: `${tomorrow}T10:00:00.000Z`, reason: 'quiet-hours' }, new Date());
    // The calendar job, off the request path: the Calendar page and the previews read what it wrote.
    await computeLocalCalendars(engine.handlers.calendar);
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

  it('lists the scheduled runs the functions recorded, with counts for a brand user only', async () => {
    const before = new Date();
    await engine.handlers.evaluate(scheduledEvent(before), lambdaContext('evaluate-schedule'));
    await reconcileLocally(engine.handlers.reconcile, before, false);

    const brand = await call('/v1/console/health', 'brand:bmw-cn');
    const dealer = await call('/v1/console/health', 'dealer:dealer-sh');

    const runs = (brand.body.runs as { runs: { kind: string; outcome: string; scheduledFor: string; counts: Record<string, number> }[] }).runs;
    const evaluation = runs.find((run) => run.kind === 'evaluation' && run.scheduledFor === before.toISOString());
    expect(evaluation).toMatchObject({ outcome: 'succeeded', counts: expect.objectContaining({ candidates: expect.any(Number), started: expect.any(Number), queued: expect.any(Number) }) });
    expect(runs.find((run) => run.kind === 'reconcile')).toMatchObject({ outcome: 'succeeded', counts: expect.objectContaining({ examined: expect.any(Number) }) });
    const dealerRuns = (dealer.body.runs as { runs: { counts: Record<string, number> }[] }).runs;
    expect(dealerRuns.length).toBe(runs.length);
    expect(dealerRuns.every((run) => Object.keys(run.counts).length === 0)).toBe(true);
  });

  it("shows in the calendar the simulated sends of the tenant's own customers only, and a day's list", async () => {
    const calendar = await call('/v1/console/calendar', 'dealer:dealer-sh');
    expect(calendar.status).toBe(200);
    const days = calendar.body.days as { date: string; total: number; channels: Record<string, number>; journeys: Record<string, Record<string, number>> }[];
    const birthday = days.find((day) => day.journeys.birthday?.email);
    // One customer of this dealer: one birthday email (the Beijing dealer's customer is not simulated for it).
    expect(birthday).toMatchObject({ channels: { email: 1, sms: 1 } });
    const list = await call(`/v1/console/calendar/${birthday!.date}`, 'dealer:dealer-sh');
    const sends = list.body.sends as { customerId: string; journeyId: string; channel: string; outcome: string }[];
    expect(new Set(sends.map((send) => send.customerId))).toEqual(new Set(['sh-1']));
    expect(sends).toEqual(expect.arrayContaining([expect.objectContaining({ journeyId: 'birthday', channel: 'email', outcome: 'sent' })]));
    const brand = await call('/v1/console/calendar', 'brand:bmw-cn');
    expect((brand.body.days as { date: string; channels: Record<string, number> }[]).find((day) => day.date === birthday!.date)?.channels.email).toBe(2);
    expect((await call('/v1/console/calendar/tomorrow', 'dealer:dealer-sh')).status).toBe(400);
  });

  it("says how many sends a day's list leaves out", async () => {
    // A dealer with a busy day: the job keeps the first sends of each shard's day and counts the rest.
    const send = { customerId: 'busy-1', dealerId: 'dealer-busy', journeyId: 'birthday', messageId: 'email', channel: 'email' as const, category: 'transactional' as const, occurrence: '2026', localDate: '2026-05-01', localTime: '09:00', utc: '2026-05-01T01:00:00.000Z', outcome: 'sent' as const };
    const part = (index: number, unlisted: number) => ({ computedAt: new Date().toISOString(), from: '2026-05-01', to: '2026-07-29', shard: { index, of: 2 }, days: [{ date: '2026-05-01', total: 3 + unlisted, channels: { email: 3 + unlisted }, journeys: { birthday: { email: 3 + unlisted } } }], sends: [send], unlisted: Object.fromEntries(unlisted > 0 ? [['2026-05-01', unlisted]] : []) as Record<string, number>, dueAhead: {}, samples: {} });
    const snapshots = composeCalendarSnapshots({ CALENDAR_FOLDER: engine.paths.calendars });
    await snapshots.save({ index: 0, of: 2 }, new Map([['dealer:dealer-busy', part(0, 250)]]));
    await snapshots.save({ index: 1, of: 2 }, new Map([['dealer:dealer-busy', part(1, 30)]]));

    const busy = await call('/v1/console/calendar/2026-05-01', 'dealer:dealer-busy');
    const quiet = await call('/v1/console/calendar/2026-05-02', 'dealer:dealer-busy');

    expect(busy.body).toMatchObject({ sent: 286, more: 280 });
    expect(busy.body.sends).toHaveLength(2);
    expect(quiet.body).toMatchObject({ sent: 0, more: 0, sends: [] });
  });

  it('starts the calendar from the ledger: a greeting already sent today is not counted again, a held message counts on its day', async () => {
    const { messages } = await createDynamoMessageHistory(engine.dynamo, engine.tableName).listMessages({ customerId: 'hk-1', limit: 10 });
    expect(messages).toEqual(expect.arrayContaining([expect.objectContaining({ journeyId: 'birthday', channel: 'email', status: 'sent' })]));

    const { body } = await call('/v1/console/calendar', 'dealer:dealer-hk');

    const days = body.days as { date: string; journeys: Record<string, Record<string, number>> }[];
    expect(days.find((day) => day.date === today)?.journeys.birthday).toBeUndefined();
    expect(days.find((day) => day.date === tomorrow)?.journeys.birthday).toEqual({ sms: 1 });
    const list = await call(`/v1/console/calendar/${tomorrow}`, 'dealer:dealer-hk');
    expect(list.body.sends).toEqual([expect.objectContaining({ customerId: 'hk-1', channel: 'sms', outcome: 'sent', reason: 'held (quiet-hours)', localTime: '10:00' })]);
  });

  it('lists what the journeys folder loader reports, with file and line, when the YAML breaks while running', async () => {
    const broken = join(process.env.JOURNEYS_DIR!, 'broken.yaml');
    await writeFile(broken, 'id: broken\nname: Broken\ntrigger:\n  type: no-such-trigger\nsteps: []\n');
    try {
      const { body } = await call('/v1/console/journeys', 'dealer:dealer-sh');
      const violations = body.violations as { file: string; line: number; message: string }[];
      expect(violations.length).toBeGreaterThan(0);
      expect(violations[0]).toMatchObject({ file: expect.stringMatching(/broken\.yaml$/), line: expect.any(Number) });
      // The running journeys are still listed.
      expect((body.journeys as unknown[]).length).toBe(1);
    } finally {
      await rm(broken);
    }
    expect((await call('/v1/console/journeys', 'dealer:dealer-sh')).body.violations).toBeUndefined();
  });

  it("previews a journey's templates for a sample customer of the tenant, with the renderer dispatch uses", async () => {
    const { status, body } = await call('/v1/console/journeys/birthday', 'dealer:dealer-sh');
    expect(status).toBe(200);
    const previews = body.previews as { stepId: string; locale: string; customerId: string; subject?: string; text?: string }[];
    const email = previews.find((preview) => preview.stepId === 'email');
    // The sample is the tenant's own customer (never the other dealer's), addressed by name.
    expect(email).toMatchObject({ locale: 'en', customerId: 'sh-1', subject: expect.any(String) });
    expect(email!.text).toContain('Dear Ms Lee');
    expect(previews.every((preview) => preview.customerId === 'sh-1')).toBe(true);
  });

  it("counts the tenant's sends of the last 30 days from the outcome counters: per journey, per step, per channel, per dealer", async () => {
    const hk = await call('/v1/console/journeys', 'dealer:dealer-hk');
    const sh = await call('/v1/console/journeys', 'dealer:dealer-sh');
    const brand = await call('/v1/console/journeys', 'brand:bmw-hk');
    const detail = await call('/v1/console/journeys/birthday', 'dealer:dealer-hk');
    const health = await call('/v1/console/health', 'dealer:dealer-hk');

    const sentOf = (body: Record<string, unknown>) => (body.journeys as { id: string; sentRecently: number }[]).find((journey) => journey.id === 'birthday')!.sentRecently;
    // hk-1's birthday today: the email and the SMS went out, one send each; the Shanghai dealer sent nothing.
    expect(sentOf(hk.body)).toBe(2);
    expect(sentOf(brand.body)).toBe(2);
    expect(sentOf(sh.body)).toBe(0);
    const steps = (detail.body.journey as { steps: { id: string; outcomes: Record<string, number> }[] }).steps;
    expect(steps.find((step) => step.id === 'email')?.outcomes).toEqual({ sent: 1 });
    expect(health.body).toMatchObject({ email: { sent: 1, bounced: 0, complained: 0 } });
    expect((health.body.channels as { channel: string; outcomes: Record<string, number> }[]).find((row) => row.channel === 'sms')?.outcomes).toEqual({ sent: 1 });
  });

  it("counts the customers due in the next 30 days per journey from the calendar job's run", async () => {
    const { body } = await call('/v1/console/journeys', 'brand:bmw-cn');

    // sh-1 and bj-1 turn a year older in ten days.
    expect((body.journeys as { id: string; dueAhead: number }[]).find((journey) => journey.id === 'birthday')?.dueAhead).toBe(2);
  });

  it('reads the table without a Scan on every page', async () => {
    const counter = countRequests(engine.stack.ports);
    try {
      counter.setPhase('console');
      for (const tenant of ['dealer:dealer-sh', 'brand:bmw-cn']) {
        for (const path of ['/v1/console/journeys', '/v1/console/journeys/birthday', '/v1/console/health', '/v1/console/calendar', `/v1/console/calendar/${tomorrow}`, '/v1/console/customers/sh-1']) {
          expect((await call(path, tenant)).status).toBe(200);
        }
      }
      const operations = [...(counter.counts().get('console') ?? new Map<string, number>()).keys()];
      expect(operations.length).toBeGreaterThan(0);
      expect(operations).not.toContain('DynamoDB Scan');
    } finally {
      counter.stop();
    }
  });
});
