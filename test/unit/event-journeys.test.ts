import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JourneyConfig } from '../../shared/config/journey-config';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { dueEntriesFor } from '../../shared/domain/journey/due-dates';
import { planDueJourneys } from '../../shared/domain/journey/plan';
import { customerFacts } from '../../shared/domain/customer-facts';
import { anEvent, vin } from '../helpers/events';
import { aReachableCustomer, eventJourneyWorld } from '../helpers/event-journeys';
import { aCustomerContext, aCustomerFacts } from '../helpers/factories';
import { fakeDirectory, recordingChannels } from '../helpers/fakes';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { dispatchMessage, type DispatchDeps } from '../../shared/use-cases/dispatch-message';
import { shippedConfigWithEdit, shippedJourneysDir } from '../helpers/shipped-journeys';

let config: JourneyConfig;
beforeAll(async () => {
  config = await loadJourneyConfig(shippedJourneysDir);
});

const at = (instant: string) => new Date(instant);
const booked = (id: string, occurredAt: string, startsAt: string) =>
  anEvent('appointment.booked', id, occurredAt, { customerId: 'c-1', appointmentId: 'AP-1', startsAt, dealerId: 'dealer-sh' });
const rescheduled = (id: string, occurredAt: string, startsAt: string) => anEvent('appointment.rescheduled', id, occurredAt, { customerId: 'c-1', appointmentId: 'AP-1', startsAt });
const reminders = (start: string, dayBefore: string, twoHoursBefore: string) => [
  `c-1#appointment-reminders#AP-1@${start}/sms-24h+email-24h#email-24h @ ${dayBefore}`,
  `c-1#appointment-reminders#AP-1@${start}/sms-24h+email-24h#sms-24h @ ${dayBefore}`,
  `c-1#appointment-reminders#AP-1@${start}/sms-2h+email-2h#email-2h @ ${twoHoursBefore}`,
  `c-1#appointment-reminders#AP-1@${start}/sms-2h+email-2h#sms-2h @ ${twoHoursBefore}`,
];

describe('appointment reminders (clock: events applied at the instant given)', () => {
  it('holds an SMS and an email 24 h and 2 h before the start, and sends each at its time', async () => {
    const world = eventJourneyWorld(config.journeys);

    await world.post([aReachableCustomer(), booked('b1', '2026-03-10T09:00:00+08:00', '2026-03-12T10:00:00+08:00')], at('2026-03-10T01:00:00Z'));

    expect(world.queued()).toEqual([]);
    expect(world.held()).toEqual(reminders('2026-03-12T02:00:00.000Z', '2026-03-11T02:00:00.000Z', '2026-03-12T00:00:00.000Z'));
    await world.release(at('2026-03-11T01:59:00Z'));
    expect(world.queued()).toEqual([]);
    await world.release(at('2026-03-11T02:00:00Z'));
    expect(world.queued()).toEqual(['c-1#appointment-reminders#AP-1@2026-03-12T02:00:00.000Z/sms-24h+email-24h#email-24h', 'c-1#appointment-reminders#AP-1@2026-03-12T02:00:00.000Z/sms-24h+email-24h#sms-24h']);
  });

  it("ends a 07:00 appointment's 2 h SMS reminder expired rather than sending it in the night or after the start; the 24 h one waits for the morning", async () => {
    const world = eventJourneyWorld(config.journeys);
    const start = '2026-03-11T23:00:00.000Z';
    await world.post([aReachableCustomer(), booked('b1', '2026-03-10T09:00:00+08:00', '2026-03-12T07:00:00+08:00')], at('2026-03-10T01:00:00Z'));
    const ann = aCustomerContext({ id: 'c-1', timeZone: 'Asia/Shanghai', phone: '+8613800138000' });
    const deps = {
      ...recordingChannels(),
      templates: config.templates,
      customers: fakeDirectory([ann]),
      ledger: createMemoryLedger(),
      journeys: new Map(config.journeys.map((journey) => [journey.id, journey])),
      leaseSeconds: 90,
      clock: () => at('2026-03-11T21:00:00Z'),
      outcomeWrites: { sleep: async () => {} },
    } satisfies DispatchDeps;
    const sms = (step: string) => world.schedule.all().find((entry) => entry.message.messageId === step)!;

    const dayBefore = await dispatchMessage(sms('sms-24h').message, { ...deps, clock: () => at(sms('sms-24h').dueAt) });
    const twoHoursBefore = await dispatchMessage(sms('sms-2h').message, { ...deps, clock: () => at(sms('sms-2h').dueAt) });

    expect(world.schedule.all().every((entry) => entry.message.validUntil === start)).toBe(true);
    // 07:00 the day before in Shanghai: deferred to 09:00, still before the start.
    expect(dayBefore).toEqual({ outcome: 'deferred', channel: 'sms', reason: 'quiet-hours', dueAt: '2026-03-11T01:00:00.000Z' });
    expect(twoHoursBefore).toEqual({ outcome: 'expired', channel: 'sms', reason: `quiet-hours: would go after its valid-until ${start}` });
    expect(deps.sms.sent).toEqual([]);
  });

  it('moves both reminders when the appointment is rescheduled', async () => {
    const world = eventJourneyWorld(config.journeys);
    await world.post([aReachableCustomer(), booked('b1', '2026-03-10T09:00:00+08:00', '2026-03-12T10:00:00+08:00')], at('2026-03-10T01:00:00Z'));

    await world.post([rescheduled('r1', '2026-03-10T15:00:00+08:00', '2026-03-13T16:00:00+08:00')], at('2026-03-10T07:00:00Z'));

    expect(world.held()).toEqual(reminders('2026-03-13T08:00:00.000Z', '2026-03-12T08:00:00.000Z', '2026-03-13T06:00:00.000Z'));
    await world.release(at('2026-03-14T00:00:00Z'));
    expect(world.queued()).toHaveLength(4);
    expect(world.queued().every((id) => id.includes('AP-1@2026-03-13T08:00:00.000Z'))).toBe(true);
  });

  it('removes both reminders when the appointment is cancelled', async () => {
    const world = eventJourneyWorld(config.journeys);
    await world.post([aReachableCustomer(), booked('b1', '2026-03-10T09:00:00+08:00', '2026-03-12T10:00:00+08:00')], at('2026-03-10T01:00:00Z'));

    await world.post([anEvent('appointment.cancelled', 'c1', '2026-03-10T12:00:00+08:00', { customerId: 'c-1', appointmentId: 'AP-1' })], at('2026-03-10T04:00:00Z'));
    await world.release(at('2026-03-14T00:00:00Z'));

    expect(world.held()).toEqual([]);
    expect(world.queued()).toEqual([]);
  });

  it('sends nothing for a past appointment, and only the reminders still ahead for a close one', async () => {
    const past = eventJourneyWorld(config.journeys);
    const close = eventJourneyWorld(config.journeys);

    await past.post([aReachableCustomer(), booked('b1', '2026-03-09T09:00:00+08:00', '2026-03-09T10:00:00+08:00')], at('2026-03-10T01:00:00Z'));
    // Booked 5 hours ahead: the 24 h reminder's time has passed, the 2 h one has not.
    await close.post([aReachableCustomer(), booked('b1', '2026-03-10T09:00:00+08:00', '2026-03-10T14:00:00+08:00')], at('2026-03-10T01:00:00Z'));

    expect(past.held()).toEqual([]);
    expect(past.queued()).toEqual([]);
    expect(close.queued()).toEqual([]);
    expect(close.held()).toEqual([
      'c-1#appointment-reminders#AP-1@2026-03-10T06:00:00.000Z/sms-2h+email-2h#email-2h @ 2026-03-10T04:00:00.000Z',
      'c-1#appointment-reminders#AP-1@2026-03-10T06:00:00.000Z/sms-2h+email-2h#sms-2h @ 2026-03-10T04:00:00.000Z',
    ]);
  });

  it('leaves the same sends for a batch posted once, twice, or in reverse order', async () => {
    const batch = [aReachableCustomer(), booked('b1', '2026-03-10T09:00:00+08:00', '2026-03-12T10:00:00+08:00'), rescheduled('r1', '2026-03-10T15:00:00+08:00', '2026-03-13T16:00:00+08:00')];
    const once = eventJourneyWorld(config.journeys);
    const twice = eventJourneyWorld(config.journeys);
    const reversed = eventJourneyWorld(config.journeys);
    const now = at('2026-03-10T08:00:00Z');

    await once.post(batch, now);
    await twice.post(batch, now);
    await twice.post(batch, now);
    for (const event of [...batch].reverse()) await reversed.post([event], now);

    expect(twice.held()).toEqual(once.held());
    expect(reversed.held()).toEqual(once.held());
    expect(once.held()).toEqual(reminders('2026-03-13T08:00:00.000Z', '2026-03-12T08:00:00.000Z', '2026-03-13T06:00:00.000Z'));
  });
});

describe('exactly once, whatever the arrival', () => {
  it('leaves the same held and queued sends for any order of the events, each delivered once or twice, in batches of any size', async () => {
    const now = at('2026-03-10T08:00:00Z');
    const events = [
      aReachableCustomer(),
      aReachableCustomer('c-2'),
      booked('b1', '2026-03-10T09:00:00+08:00', '2026-03-12T10:00:00+08:00'),
      rescheduled('r1', '2026-03-10T15:00:00+08:00', '2026-03-13T16:00:00+08:00'),
      anEvent('appointment.booked', 'b2', '2026-03-10T10:00:00+08:00', { customerId: 'c-1', appointmentId: 'AP-2', startsAt: '2026-03-15T09:00:00+08:00', dealerId: 'dealer-sh' }),
      anEvent('appointment.cancelled', 'c2', '2026-03-10T11:00:00+08:00', { customerId: 'c-1', appointmentId: 'AP-2' }),
      anEvent('survey.submitted', 's1', '2026-03-10T12:00:00+08:00', { customerId: 'c-1', surveyId: 'SV-1', score: 4 }),
      anEvent('referral.recorded', 'f1', '2026-03-10T13:00:00+08:00', { customerId: 'c-1', referralId: 'RF-1', referredCustomerId: 'c-2' }),
    ];
    const inOrder = eventJourneyWorld(config.journeys);
    await inOrder.post(events.slice(0, 2), now);
    await inOrder.post(events.slice(2), now);

    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...events.slice(2), ...events.slice(2)], { minLength: (events.length - 2) * 2 }), fc.integer({ min: 1, max: 4 }), async (arrival, size) => {
        const world = eventJourneyWorld(config.journeys);
        await world.post(events.slice(0, 2), now);
        for (let start = 0; start < arrival.length; start += size) await world.post(arrival.slice(start, start + size), now);
        expect(world.held()).toEqual(inOrder.held());
        expect(world.queued()).toEqual(inOrder.queued());
      }),
      { numRuns: 60 },
    );
    expect(inOrder.held()).toHaveLength(4);
    expect(inOrder.queued()).toEqual(['c-1#low-score-follow-up#SV-1#follow-up', 'c-1#referral-thanks#RF-1#email', 'c-1#referral-thanks#RF-1#sms', 'c-2#referral-thanks#RF-1#email', 'c-2#referral-thanks#RF-1#sms']);
  });
});

describe('service survey, low-score follow-up and referral thanks', () => {
  const serviced = (id: string, occurredAt: string) =>
    anEvent('service.completed', id, occurredAt, { customerId: 'c-1', repairOrder: 'RO-7', dealerId: 'dealer-sh', closedOn: occurredAt.slice(0, 10) });
  const survey = (id: string, score: number, comment?: string) =>
    anEvent('survey.submitted', id, '2026-03-11T10:00:00+08:00', { customerId: 'c-1', surveyId: `SV-${id}`, score, ...(comment ? { comment } : {}) });

  it('queues the callback task at once and holds the survey SMS for the configured delay', async () => {
    const world = eventJourneyWorld(config.journeys);

    await world.post([aReachableCustomer(), serviced('s1', '2026-03-13T17:00:00+08:00')], at('2026-03-13T09:05:00Z'));

    expect(world.queued()).toEqual(['c-1#service-survey#RO-7#callback']);
    expect(world.held()).toEqual(['c-1#service-survey#RO-7/sms#sms @ 2026-03-13T11:00:00.000Z']);
  });

  it('sends the survey SMS late only within 24 hours of the event', async () => {
    const late = eventJourneyWorld(config.journeys);
    const tooLate = eventJourneyWorld(config.journeys);

    await late.post([aReachableCustomer(), serviced('s1', '2026-03-13T17:00:00+08:00')], at('2026-03-14T08:00:00Z'));
    await tooLate.post([aReachableCustomer(), serviced('s1', '2026-03-13T17:00:00+08:00')], at('2026-03-14T10:00:00Z'));

    expect(late.queued()).toEqual(['c-1#service-survey#RO-7#callback', 'c-1#service-survey#RO-7/sms#sms']);
    expect(tooLate.queued()).toEqual([]);
  });

  it('creates a task at once for a low score, graded by urgency, and for the brand at the lowest', async () => {
    const world = eventJourneyWorld(config.journeys);
    const now = at('2026-03-11T03:00:00Z');

    await world.post([aReachableCustomer(), survey('high', 2), survey('brand', 0), survey('normal', 5), survey('fine', 9)], now);

    const tasks = world.queue.messages.filter((message) => message.journeyId === 'low-score-follow-up');
    expect(tasks.map((task) => [task.occurrenceKey, task.facts?.urgency, task.facts?.assignee]).sort()).toEqual([
      ['SV-brand', 'high', 'brand'],
      ['SV-high', 'high', 'dealer'],
      ['SV-normal', 'normal', 'dealer'],
    ]);
  });

  it('creates a task for a high score whose comment has a negative keyword, in English or Chinese', async () => {
    const world = eventJourneyWorld(config.journeys);

    await world.post([aReachableCustomer(), survey('en', 9, 'Staff were RUDE at pick-up'), survey('zh', 8, '服务态度差'), survey('ok', 9, 'Great job')], at('2026-03-11T03:00:00Z'));

    expect(world.queued()).toEqual(['c-1#low-score-follow-up#SV-en#follow-up', 'c-1#low-score-follow-up#SV-zh#follow-up']);
  });

  it('thanks both sides of a referral, each once however often the event comes', async () => {
    const world = eventJourneyWorld(config.journeys);
    const referral = anEvent('referral.recorded', 'rf1', '2026-03-11T10:00:00+08:00', { customerId: 'c-1', referralId: 'RF-1', referredCustomerId: 'c-2' });
    await world.post([aReachableCustomer('c-2')], at('2026-03-11T02:00:00Z'));

    await world.post([aReachableCustomer(), referral], at('2026-03-11T03:00:00Z'));
    await world.post([referral], at('2026-03-11T04:00:00Z'));

    expect(world.queued()).toEqual(['c-1#referral-thanks#RF-1#email', 'c-1#referral-thanks#RF-1#sms', 'c-2#referral-thanks#RF-1#email', 'c-2#referral-thanks#RF-1#sms']);
    expect(world.queue.messages.filter((message) => message.customerId === 'c-2').map((message) => message.facts?.referralRole)).toEqual(['referred', 'referred']);
  });

  const referralOf = (referredCustomerId: string) => anEvent('referral.recorded', 'rf1', '2026-03-11T10:00:00+08:00', { customerId: 'c-1', referralId: 'RF-1', referredCustomerId });

  it('thanks the referred side once they become a customer, once however often either event comes', async () => {
    const world = eventJourneyWorld(config.journeys);
    await world.post([aReachableCustomer(), referralOf('c-2')], at('2026-03-11T03:00:00Z'));
    const beforeTheyAreACustomer = world.queued();

    await world.post([aReachableCustomer('c-2')], at('2026-03-13T03:00:00Z'));
    const onceTheyAre = world.queued();
    await world.post([aReachableCustomer('c-2'), referralOf('c-2')], at('2026-03-13T04:00:00Z'));

    expect(beforeTheyAreACustomer).toEqual(['c-1#referral-thanks#RF-1#email', 'c-1#referral-thanks#RF-1#sms']);
    expect(world.queued()).toEqual(onceTheyAre);
    expect(onceTheyAre).toEqual(['c-1#referral-thanks#RF-1#email', 'c-1#referral-thanks#RF-1#sms', 'c-2#referral-thanks#RF-1#email', 'c-2#referral-thanks#RF-1#sms']);
    expect(world.queue.messages.filter((message) => message.customerId === 'c-2').map((message) => message.facts?.referralRole)).toEqual(['referred', 'referred']);
    expect(world.waiting.all()).toEqual([]);
  });

  it("does not thank a referred side who becomes a customer after the thanks' week is over, and forgets the referral", async () => {
    const world = eventJourneyWorld(config.journeys);
    await world.post([aReachableCustomer(), referralOf('c-2')], at('2026-03-11T03:00:00Z'));

    await world.post([aReachableCustomer('c-2')], at('2026-03-18T03:00:00Z'));

    expect(world.queued()).toEqual(['c-1#referral-thanks#RF-1#email', 'c-1#referral-thanks#RF-1#sms']);
    expect(world.waiting.all()).toEqual([]);
  });

  it("does not thank a referred side who becomes a customer of a dealer the referral's sender does not reach", async () => {
    const world = eventJourneyWorld(config.journeys, { kind: 'dealer', dealerId: 'dealer-elsewhere' });
    await world.post([aReachableCustomer(), referralOf('c-2')], at('2026-03-11T03:00:00Z'));

    await world.post([aReachableCustomer('c-2')], at('2026-03-12T03:00:00Z'));

    expect(world.queued().filter((id) => id.startsWith('c-2#'))).toEqual([]);
  });

  it('thanks only the referrer while the referred customer is not one yet', async () => {
    const world = eventJourneyWorld(config.journeys);
    await world.post([aReachableCustomer()], at('2026-03-11T02:00:00Z'));

    await world.post([anEvent('referral.recorded', 'rf1', '2026-03-11T10:00:00+08:00', { customerId: 'c-1', referralId: 'RF-1', referredCustomerId: 'unknown' })], at('2026-03-11T03:00:00Z'));

    expect(world.queued()).toEqual(['c-1#referral-thanks#RF-1#email', 'c-1#referral-thanks#RF-1#sms']);
  });
});

describe('the schedule leaves event-started journeys alone', () => {
  it('neither plans them nor files a due date for them', () => {
    const eventJourneyIds = ['appointment-reminders', 'service-survey', 'low-score-follow-up', 'referral-thanks'];
    const facts = aCustomerFacts({ timeZone: 'Asia/Shanghai' });

    const planned = planDueJourneys({ journeys: config.journeys, candidates: [facts], now: at('2026-03-14T04:00:00Z') });
    const due = dueEntriesFor(facts, config.journeys, '2026-03-14');

    expect(eventJourneyIds.every((id) => config.journeys.some((journey) => journey.id === id))).toBe(true);
    expect(planned.filter((occurrence) => eventJourneyIds.includes(occurrence.journeyId))).toEqual([]);
    expect(due.filter((entry) => eventJourneyIds.includes(entry.journeyId))).toEqual([]);
  });
});

describe('events that feed the scheduled journeys', () => {
  it('a delivery starts the onboarding journeys (the call, the welcome pack) through the due dates', async () => {
    const world = eventJourneyWorld(config.journeys);
    const delivery = anEvent('vehicle.delivered', 'd1', '2026-03-14T10:00:00+08:00', { customerId: 'c-1', vehicle: { vin, brand: 'BMW', model: 'i4', deliveredOn: '2026-03-14' } });

    await world.post([aReachableCustomer(), delivery], at('2026-03-14T03:00:00Z'));

    const { record } = await world.deps.store.load('c-1');
    const due = dueEntriesFor(customerFacts(record!), config.journeys, '2026-03-14');
    expect(due).toEqual(expect.arrayContaining([{ journeyId: 'post-delivery-call', dueDate: '2026-03-29' }, { journeyId: 'welcome-pack', dueDate: '2026-04-13' }]));
  });

  it('an open complaint feeds churn risk, and its closing takes the risk away', async () => {
    const world = eventJourneyWorld(config.journeys);
    const delivery = anEvent('vehicle.delivered', 'd1', '2026-01-01T10:00:00+08:00', { customerId: 'c-1', vehicle: { vin, brand: 'BMW', model: 'i4', deliveredOn: '2026-01-01' } });
    const opened = anEvent('complaint.opened', 'k1', '2026-02-20T10:00:00+08:00', { customerId: 'c-1', reference: 'CR-9', openedOn: '2026-02-20' });
    const churnRiskOf = async () => {
      const { record } = await world.deps.store.load('c-1');
      return dueEntriesFor(customerFacts(record!), config.journeys, '2026-02-21').filter((entry) => entry.journeyId === 'churn-risk');
    };

    await world.post([aReachableCustomer(), delivery, opened], at('2026-02-21T03:00:00Z'));
    const whileOpen = await churnRiskOf();
    await world.post([anEvent('complaint.closed', 'k2', '2026-02-25T10:00:00+08:00', { customerId: 'c-1', reference: 'CR-9', closedOn: '2026-02-25' })], at('2026-02-25T03:00:00Z'));

    // 60 days without a visit since the delivery: 2 March.
    expect(whileOpen).toEqual([{ journeyId: 'churn-risk', dueDate: '2026-03-02' }]);
    expect(await churnRiskOf()).toEqual([]);
  });
});

describe('event-started journeys as config', () => {
  it('moves the reminder when its offset changes in the YAML, with no code change', async () => {
    const edited = await shippedConfigWithEdit('appointment-reminders.yaml', 'offsetHours: -24\n  - id: email-24h', 'offsetHours: -48\n  - id: email-24h');
    const world = eventJourneyWorld(edited.journeys);

    await world.post([aReachableCustomer(), booked('b1', '2026-03-10T09:00:00+08:00', '2026-03-14T10:00:00+08:00')], at('2026-03-10T01:00:00Z'));

    expect(world.held().filter((held) => held.includes('#sms-24h @'))).toEqual(['c-1#appointment-reminders#AP-1@2026-03-14T02:00:00.000Z/sms-24h#sms-24h @ 2026-03-12T02:00:00.000Z']);
  });

  it('rejects hour offsets on a scheduled journey, day offsets on an event-started one, and a brand threshold not under the score threshold', async () => {
    await expect(shippedConfigWithEdit('post-delivery-call.yaml', 'template: post-delivery-call', 'template: post-delivery-call\n    offsetHours: 2')).rejects.toThrow('offsetHours is for journeys started by an event');
    await expect(shippedConfigWithEdit('service-survey.yaml', 'offsetHours: 2', 'offsetDays: 1')).rejects.toThrow('times its steps with offsetHours');
    await expect(shippedConfigWithEdit('low-score-follow-up.yaml', 'brandAtOrBelow: 1', 'brandAtOrBelow: 7')).rejects.toThrow('brandAtOrBelow must be under scoreBelow');
  });
});
