import { readFile } from 'node:fs/promises';
import { BatchWriteCommand } from '../../shared/adapters/dynamodb/document-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import { createDynamoLedger } from '../../shared/adapters/dynamodb/ledger';
import { createDynamoTaskStore } from '../../shared/adapters/dynamodb/task-store';
import { createMemoryMessageSchedule } from '../../shared/adapters/memory/message-schedule';
import { createDynamoWaitingOccurrences } from '../../shared/adapters/dynamodb/waiting-occurrences';
import type { DealerEvent } from '../../shared/domain/events/event';
import { applyQueuedEvents, type ApplyQueuedEventsDeps } from '../../shared/use-cases/apply-queued-events';
import { drainQueue, releaseLocally } from '../../local/run-day';
import { aKey, applyQueuedEvents as applyPostedEvents, localEventConsumerDeps, postEvents, startTestApi } from '../helpers/event-api';
import { anEvent, upsert } from '../helpers/events';
import { aReachableCustomer } from '../helpers/event-journeys';
import { aDealer } from '../helpers/factories';
import { startTestEngine } from '../helpers/local-engine';

/** A zone where every one of the instants falls within SMS hours (09:00-20:00). */
function daytimeZone(instants: Date[]): string {
  const zones = ['Asia/Shanghai', 'Asia/Kolkata', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Pacific/Auckland'];
  const hourIn = (zone: string, instant: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(instant));
  const zone = zones.find((each) => instants.every((instant) => hourIn(each, instant) >= 9 && hourIn(each, instant) < 20));
  if (!zone) throw new Error('no zone has all these instants in daytime');
  return zone;
}

describe('event-started journeys on the local servers (DynamoDB ledger, SQS, dispatch)', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let deps: ApplyQueuedEventsDeps;

  beforeAll(async () => {
    engine = await startTestEngine();
    await engine.dynamo.send(new BatchWriteCommand({ RequestItems: { [engine.tableName]: [{ PutRequest: { Item: dealerItem(aDealer({ brandId: 'bmw-cn' })) } }] } }));
    deps = await localEventConsumerDeps(engine, { schedule: createMemoryMessageSchedule() });
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('sends the 2 h reminder of an appointment booked over HTTP at its time, with the start in the customer\'s zone, and not the 24 h one already past', async () => {
    const api = await startTestApi(engine);
    try {
      const key = await aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' });
      const now = Date.now();
      const start = new Date(Math.ceil((now + 2 * 3_600_000 + 10 * 60_000) / 60_000) * 60_000);
      // Quiet hours apply to reminders: the customer lives where this is daytime, whenever the suite runs.
      const timeZone = daytimeZone([new Date(now), start]);
      const texts = async () => (await readFile(engine.paths.smsOutbox, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { to: string; text: string }).filter((sms) => sms.to === '+8613800138009');
      const localTime = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(start);

      const posted = await postEvents(api.url, key, {
        events: [
          { ...aReachableCustomer('c-9'), data: { ...aReachableCustomer('c-9').data, phone: '+8613800138009', timeZone } },
          { id: 'ap-9', type: 'appointment.booked', occurredAt: new Date(now - 60_000).toISOString(), data: { customerId: 'c-9', appointmentId: 'AP-9', startsAt: start.toISOString(), dealerId: 'dealer-sh' } },
        ],
      });
      await applyPostedEvents(engine);
      await releaseLocally(engine.handlers.release, new Date(start.getTime() - 2 * 3_600_000 - 60_000), { replay: true });
      await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
      const beforeItsTime = await texts();
      await releaseLocally(engine.handlers.release, new Date(start.getTime() - 2 * 3_600_000), { replay: true });
      await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

      expect(posted.body.results.map((result) => result.status)).toEqual(['accepted', 'accepted']);
      expect(beforeItsTime).toEqual([]);
      expect((await texts()).map((sms) => sms.text)).toEqual([expect.stringContaining(localTime)]);
      const sends = await createDynamoLedger(engine.dynamo, engine.tableName).listSends('c-9');
      expect(sends.map((send) => `${send.messageId}:${send.status}`).sort()).toEqual(['email-2h:sent', 'sms-2h:sent']);
    } finally {
      await api.close();
    }
  });

  // Mid-morning in Shanghai, whatever the time the suite runs: SMS quiet hours would defer a
  // night-time send (tested on their own), which is not what this test is about.
  const morningInShanghai = new Date('2026-11-27T02:30:00Z');
  const apply = async (events: DealerEvent[]) => {
    const { failed } = await applyQueuedEvents(events.map((event) => ({ tenant: { kind: 'dealer', dealerId: 'dealer-sh' }, event })), morningInShanghai, deps);
    expect([...failed.values()]).toEqual([]);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
  };

  it('sends the referral thanks and the low-score task once, for a batch applied in reverse order, then again in order', async () => {
    const minuteAgo = new Date(morningInShanghai.getTime() - 60_000).toISOString();
    const batch = [
      aReachableCustomer('c-1'),
      aReachableCustomer('c-2'),
      anEvent('referral.recorded', 'rf1', minuteAgo, { customerId: 'c-1', referralId: 'RF-1', referredCustomerId: 'c-2' }),
      anEvent('survey.submitted', 'sv1', minuteAgo, { customerId: 'c-1', surveyId: 'SV-1', score: 2, comment: 'Car not fixed' }),
    ];

    await apply([...batch].reverse());
    await apply(batch);
    await apply([...batch].reverse());

    const sms = (await readFile(engine.paths.smsOutbox, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { to: string; tags?: Record<string, string> })
      .filter((line) => line.to === '+8613800138000');
    expect(sms.map((line) => line.tags?.journey)).toEqual(['referral-thanks', 'referral-thanks']);
    const ledger = createDynamoLedger(engine.dynamo, engine.tableName);
    const sends = [...(await ledger.listSends('c-1')), ...(await ledger.listSends('c-2'))].map((send) => `${send.customerId}#${send.journeyId}#${send.messageId}:${send.status}`);
    expect(sends.sort()).toEqual([
      'c-1#low-score-follow-up#follow-up:sent',
      'c-1#referral-thanks#email:sent',
      'c-1#referral-thanks#sms:sent',
      'c-2#referral-thanks#email:sent',
      'c-2#referral-thanks#sms:sent',
    ]);
    const tasks = await createDynamoTaskStore(engine.dynamo, engine.tableName).listTasks({ dealerId: 'dealer-sh', status: 'open', limit: 10 });
    expect(tasks.tasks).toMatchObject([{ journeyId: 'low-score-follow-up', customerId: 'c-1', urgency: 'high', assignee: 'dealer' }]);
  });

  it('thanks a referred customer who became one after the referral, once, through the DynamoDB store', async () => {
    const referred = upsert('up-c-4', '2026-01-01T09:00:00+08:00', { ...aReachableCustomer('c-4').data, phone: '+8613800138044' });
    const referral = anEvent('referral.recorded', 'rf4', new Date(morningInShanghai.getTime() - 60_000).toISOString(), { customerId: 'c-3', referralId: 'RF-4', referredCustomerId: 'c-4' });

    const thanks = async () =>
      (await readFile(engine.paths.smsOutbox, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { to: string; tags?: Record<string, string> })
        .filter((sms) => sms.to === '+8613800138044')
        .map((sms) => sms.tags?.journey);

    await apply([aReachableCustomer('c-3'), referral]);
    const before = await createDynamoLedger(engine.dynamo, engine.tableName).listSends('c-4');
    await apply([referred]);
    const once = await thanks();
    // Both events again: the ledger keeps the thanks once.
    await apply([referred, referral]);

    expect(before).toEqual([]);
    expect(once).toEqual(['referral-thanks']);
    expect(await thanks()).toEqual(['referral-thanks']);
    expect((await createDynamoWaitingOccurrences(engine.dynamo, engine.tableName).listFor('c-4')).entries).toEqual([]);
  });
});
