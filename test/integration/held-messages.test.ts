import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainQueue, evaluateDate, lastTickOf, releaseLocally } from '../../local/run-day';
import { createDynamoLedger } from '../../shared/adapters/dynamodb/ledger';
import { createDynamoMessageSchedule } from '../../shared/adapters/dynamodb/message-schedule';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';

const date = '2026-03-14';

// A birthday SMS held past quiet hours: the customer's birthday is not on the date run, so only
// the held message can put an SMS in the outbox.
// Held as dispatch holds a deferred send: to be judged at its due instant (`plannedAt`).
const heldSms = (customerId: string, occurrenceKey: string, dueAt: string): DispatchMessage => ({
  version: 1,
  plannedAt: dueAt,
  journeyId: 'birthday',
  occurrenceKey,
  occurrenceDate: date,
  customerId,
  messageId: 'sms',
  channel: 'sms',
  template: 'birthday-sms',
});

/**
 * A fixed-offset zone where the real clock now reads about noon: the live test sends at the real
 * instant, and the SMS window (09:00-20:00 local) must not defer it whatever hour the suite runs.
 */
function zoneAtNoonNow(): string {
  const offset = ((12 - new Date().getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe('messages held until an instant, on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  const textsTo = async (phone: string) =>
    existsSync(engine.paths.smsOutbox)
      ? (await readFile(engine.paths.smsOutbox, 'utf8')).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { to: string }).filter((sms) => sms.to === phone)
      : [];

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
    await putCustomers(
      engine,
      [aCustomerContext({ id: 'held-replay', birthDate: '1980-06-01', phone: '+447911123401' }), aCustomerContext({ id: 'held-live', birthDate: '1980-06-01', phone: '+447911123402', timeZone: zoneAtNoonNow() })],
      { from: date },
    );
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('goes out in a replayed date from the tick of its instant on, not in a run that ends before it', async () => {
    const schedule = createDynamoMessageSchedule(engine.dynamo, engine.tableName);
    await schedule.hold({ message: heldSms('held-replay', '2026', '2026-03-14T10:07:00.000Z'), dueAt: '2026-03-14T10:07:00.000Z', reason: 'quiet-hours' }, new Date('2026-03-13T21:00:00Z'));

    // As `npm start -- --once --date` runs a date up to an instant: the ticks, the release at the last one, the drain.
    const runUntil = async (until: Date) => {
      await evaluateDate(engine.handlers.evaluate, date, undefined, until);
      await releaseLocally(engine.handlers.release, lastTickOf(date, until), { replay: true });
      await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    };

    await runUntil(new Date('2026-03-14T10:59:00Z'));
    const beforeItsInstant = await textsTo('+447911123401');
    await runUntil(new Date('2026-03-14T11:00:00Z'));

    expect(beforeItsInstant).toEqual([]);
    expect(await textsTo('+447911123401')).toHaveLength(1);
    expect((await createDynamoLedger(engine.dynamo, engine.tableName).listSends('held-replay')).map((send) => send.status)).toEqual(['sent']);
    expect((await schedule.listForCustomer('held-replay')).entries).toEqual([]);
  });

  it('on the real clock is queued ahead with an SQS delay and reaches the dispatcher at its instant', async () => {
    const schedule = createDynamoMessageSchedule(engine.dynamo, engine.tableName);
    const dueAt = new Date(Date.now() + 3_000);
    await schedule.hold({ message: heldSms('held-live', 'live', dueAt.toISOString()), dueAt: dueAt.toISOString(), reason: 'quiet-hours' }, new Date());

    const released = await releaseLocally(engine.handlers.release, new Date(), { replay: false });
    const early = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt.getTime() - Date.now()) + 1_000));
    const onTime = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect(released.released).toBe(1);
    expect(early.delivered).toBe(0);
    expect(onTime.delivered).toBe(1);
    expect(await textsTo('+447911123402')).toHaveLength(1);
  });
});
