/**
 * The dispatch use case with its policy chain: what each policy's verdict does to the send, its
 * record in the ledger (the message history) and the held-message schedule.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryMessageSchedule } from '../../shared/adapters/memory/message-schedule';
import type { CustomerContext } from '../../shared/domain/customer';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { Journey, Template } from '../../shared/domain/journey/schema';
import { dispatchMessage, type DispatchDeps } from '../../shared/use-cases/dispatch-message';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import { aBirthdayJourney, aCustomer, aCustomerContext } from '../helpers/factories';
import { fakeDirectory, filedDueIndex, recordingChannels } from '../helpers/fakes';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { customerFacts } from '../../shared/domain/customer-facts';
import { dayContendersOf } from '../../shared/domain/policies/day-contenders';
import { PermanentDeliveryError } from '../../shared/domain/errors';

const templates = new Map([
  ['birthday-email', Template.parse({ channel: 'email', locales: { en: { subject: 'Happy birthday', html: '<p>{{ age }}</p>', text: '{{ age }}' } } })],
  ['birthday-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'Happy {{ age | ordinal }}' } } })],
  ['festival-sms', Template.parse({ channel: 'sms', locales: { en: { text: 'A day to celebrate' } } })],
]);

const birthday = Journey.parse({ ...aBirthdayJourney(), category: 'promotional', priority: 50 });
/** A promotional festival on Ann's birthday, 14 March, an hour later and of higher priority. */
const festival = Journey.parse({
  id: 'pi-day',
  name: 'Pi day',
  trigger: { type: 'festival', sendAt: '10:00', festival: { kind: 'fixed', month: 3, day: 14 } },
  category: 'promotional',
  priority: 40,
  steps: [{ id: 'sms', channel: 'sms', template: 'festival-sms' }],
});
const withFallback = Journey.parse({ ...birthday, steps: [{ id: 'sms', channel: 'sms', template: 'birthday-sms', fallback: { channel: 'email', template: 'birthday-email' } }] });

const at = (iso: string) => new Date(iso);
const withdrawn = { granted: false, source: 'sms-stop-reply', at: '2026-03-14T08:00:00Z' };

const smsOf = (journey: Journey, overrides: Partial<DispatchMessage> = {}): DispatchMessage => ({
  version: 1,
  journeyId: journey.id,
  occurrenceKey: journey.id === 'birthday' ? '2026' : '2026-03-14',
  occurrenceDate: '2026-03-14',
  customerId: 'c-0001',
  messageId: 'sms',
  channel: 'sms',
  template: journey.steps.find((step) => step.channel === 'sms')!.template,
  category: journey.category,
  priority: journey.priority,
  ...overrides,
});

function policyDeps(now: Date, { contexts = [aCustomerContext()], journeys = [birthday, festival] }: { contexts?: CustomerContext[]; journeys?: Journey[] } = {}) {
  let clock = now;
  const deps = {
    templates,
    customers: fakeDirectory(contexts),
    ledger: createMemoryLedger(),
    schedule: createMemoryMessageSchedule(),
    journeys: new Map(journeys.map((journey) => [journey.id, journey])),
    leaseSeconds: 90,
    clock: () => clock,
    outcomeWrites: { sleep: async () => {} },
    ...recordingChannels(),
  } satisfies DispatchDeps;
  return { deps, setClock: (instant: Date) => (clock = instant) };
}

/** The provider refuses every SMS until the returned function is called. */
function refuseSms(deps: { sms: { sendSms: DispatchDeps['sms']['sendSms'] } }): () => void {
  const { sendSms } = deps.sms;
  deps.sms.sendSms = async () => {
    throw new PermanentDeliveryError('the provider refused the message');
  };
  return () => (deps.sms.sendSms = sendSms);
}

const historyOf = async (deps: { ledger: ReturnType<typeof createMemoryLedger> }) =>
  (await deps.ledger.listSends('c-0001')).map(({ journeyId, messageId, channel, status, reason, dueAt }) => ({ journeyId, messageId, channel, status, reason, dueAt }));

describe('dispatch with the policy chain', () => {
  it('skips an SMS whose consent was withdrawn between planning and sending, and says why', async () => {
    const planned = aCustomerContext();
    const queue = createMemoryDispatchQueue();
    await runScheduledEvaluation({ now: at('2026-03-14T12:00:00Z') }, { journeys: [birthday], dueIndex: await filedDueIndex([planned], [birthday], '2026-03-14'), ledger: createMemoryLedger(), queue });
    const sms = queue.messages.find((message) => message.channel === 'sms')!;
    // The STOP arrives after the evaluation queued the SMS.
    const optedOut = aCustomerContext({ consent: { ...planned.customer.consent, sms: withdrawn } });
    const { deps } = policyDeps(at('2026-03-14T12:01:00Z'), { contexts: [optedOut] });

    const result = await dispatchMessage(sms, deps);

    expect(result).toEqual({ outcome: 'skipped', channel: 'sms', reason: 'no-consent' });
    expect(deps.sms.sent).toEqual([]);
    expect(await historyOf(deps)).toEqual([{ journeyId: 'birthday', messageId: 'sms', channel: 'sms', status: 'skipped', reason: 'no-consent', dueAt: undefined }]);
  });

  it('defers an SMS due at 21:00 local to 09:00 the next morning, holds it, and sends it when released', async () => {
    const { deps, setClock } = policyDeps(at('2026-03-14T21:00:00Z'));

    const deferred = await dispatchMessage(smsOf(birthday), deps);
    // A copy redelivered in the night sends nothing.
    setClock(at('2026-03-15T03:00:00Z'));
    const early = await dispatchMessage(smsOf(birthday), deps);
    const heldOvernight = await deps.schedule.listDue(at('2026-03-15T08:59:59Z'), 10);
    // The release at 09:00 redelivers the held message.
    setClock(at('2026-03-15T09:00:00Z'));
    const { entries } = await deps.schedule.listDue(at('2026-03-15T09:00:00Z'), 10);
    const released = await dispatchMessage(entries[0]!.message, deps);

    expect(deferred).toEqual({ outcome: 'deferred', channel: 'sms', reason: 'quiet-hours', dueAt: '2026-03-15T09:00:00.000Z' });
    expect(early).toEqual({ outcome: 'not-due', channel: 'sms', dueAt: '2026-03-15T09:00:00.000Z' });
    expect(heldOvernight.entries).toEqual([]);
    expect(entries).toEqual([{ message: { ...smsOf(birthday), plannedAt: '2026-03-15T09:00:00.000Z' }, dueAt: '2026-03-15T09:00:00.000Z', reason: 'quiet-hours' }]);
    expect(released).toEqual({ outcome: 'sent', channel: 'sms', segments: 1 });
    expect(deps.sms.sent).toHaveLength(1);
    expect(await historyOf(deps)).toEqual([{ journeyId: 'birthday', messageId: 'sms', channel: 'sms', status: 'sent', reason: undefined, dueAt: undefined }]);
  });

  it('shows a deferred send in the history with its due instant and reason', async () => {
    // 21:30 in Shanghai on 14 March (13:30 UTC): due at 09:00 on 15 March there, across its midnight.
    const shanghai = aCustomerContext({ timeZone: 'Asia/Shanghai' });
    const { deps } = policyDeps(at('2026-03-14T13:30:00Z'), { contexts: [shanghai] });

    await dispatchMessage(smsOf(birthday), deps);

    expect(await historyOf(deps)).toEqual([{ journeyId: 'birthday', messageId: 'sms', channel: 'sms', status: 'deferred', reason: 'quiet-hours', dueAt: '2026-03-15T01:00:00.000Z' }]);
  });

  it('gives the last cap slot of the day to the higher-priority journey even when the other goes first', async () => {
    const { deps, setClock } = policyDeps(at('2026-03-14T09:00:00Z'));
    // One promotion this week already: one slot left of two.
    await deps.ledger.saveContacts('c-0001', { contacts: [{ journeyId: 'winter-check', occurrenceKey: '2025', date: '2026-03-10' }], settled: [] }, 0, at('2026-03-10T10:00:00Z'));

    const birthdayAt9 = await dispatchMessage(smsOf(birthday), deps);
    setClock(at('2026-03-14T10:00:00Z'));
    const festivalAt10 = await dispatchMessage(smsOf(festival), deps);

    expect(birthdayAt9).toEqual({ outcome: 'frequency-capped', channel: 'sms', reason: 'slots left today go first to pi-day' });
    expect(festivalAt10).toMatchObject({ outcome: 'sent' });
    expect((await historyOf(deps)).find((send) => send.journeyId === 'birthday')).toMatchObject({ status: 'frequency-capped' });
  });

  describe('a higher-priority promotion of the day that ended without reaching the customer no longer ranks ahead', () => {
    // One slot left of two this week; the festival (priority 40) outranks the birthday (50).
    async function oneSlotLeft(now: string) {
      const policy = policyDeps(at(now));
      await policy.deps.ledger.saveContacts('c-0001', { contacts: [{ journeyId: 'winter-check', occurrenceKey: '2025', date: '2026-03-10' }], settled: [] }, 0, at('2026-03-10T10:00:00Z'));
      return policy;
    }

    it('sends the lower-priority promotion once the higher one failed for good', async () => {
      const { deps, setClock } = await oneSlotLeft('2026-03-14T09:00:00Z');
      const accept = refuseSms(deps);

      const festivalAt9 = await dispatchMessage(smsOf(festival), deps);
      accept();
      setClock(at('2026-03-14T10:00:00Z'));
      const birthdayAt10 = await dispatchMessage(smsOf(birthday), deps);

      expect(festivalAt9).toMatchObject({ outcome: 'failed' });
      expect(birthdayAt10).toMatchObject({ outcome: 'sent' });
      expect((await deps.ledger.readContacts('c-0001')).contacts.map((contact) => contact.journeyId)).toEqual(['winter-check', 'birthday']);
    });

    it('sends the lower-priority promotion once the higher one expired unsent', async () => {
      const { deps, setClock } = await oneSlotLeft('2026-03-14T09:00:00Z');

      const festivalAt9 = await dispatchMessage(smsOf(festival, { validUntil: '2026-03-14T08:00:00.000Z' }), deps);
      setClock(at('2026-03-14T10:00:00Z'));
      const birthdayAt10 = await dispatchMessage(smsOf(birthday), deps);

      expect(festivalAt9).toMatchObject({ outcome: 'expired' });
      expect(birthdayAt10).toMatchObject({ outcome: 'sent' });
    });

    it('still caps the lower-priority promotion when the higher one went out', async () => {
      const { deps, setClock } = await oneSlotLeft('2026-03-14T09:00:00Z');

      const festivalAt9 = await dispatchMessage(smsOf(festival), deps);
      setClock(at('2026-03-14T10:00:00Z'));
      const birthdayAt10 = await dispatchMessage(smsOf(birthday), deps);

      expect(festivalAt9).toMatchObject({ outcome: 'sent' });
      expect(birthdayAt10).toEqual({ outcome: 'frequency-capped', channel: 'sms', reason: '2 promotional messages in 7 days' });
    });
  });

  it('ranks a promotion by the day contenders the evaluation carried on it, without planning the day again', async () => {
    // Birthday only is known to the dispatch: planning again would find no other contender today.
    const { deps } = policyDeps(at('2026-03-14T09:00:00Z'), { journeys: [birthday] });
    await deps.ledger.saveContacts('c-0001', { contacts: [{ journeyId: 'winter-check', occurrenceKey: '2025', date: '2026-03-10' }], settled: [] }, 0, at('2026-03-10T10:00:00Z'));
    const carried = { date: '2026-03-14', contenders: [{ journeyId: 'pi-day', occurrenceKey: '2026-03-14', priority: 40 }, { journeyId: 'birthday', occurrenceKey: '2026', priority: 50 }] };

    const result = await dispatchMessage(smsOf(birthday, { dayContenders: carried }), deps);

    expect(result).toEqual({ outcome: 'frequency-capped', channel: 'sms', reason: 'slots left today go first to pi-day' });
  });

  it('plans the day again for a message whose carried contenders are of another date (held over)', async () => {
    const { deps } = policyDeps(at('2026-03-14T09:00:00Z'), { journeys: [birthday, festival] });
    await deps.ledger.saveContacts('c-0001', { contacts: [{ journeyId: 'winter-check', occurrenceKey: '2025', date: '2026-03-10' }], settled: [] }, 0, at('2026-03-10T10:00:00Z'));
    // Yesterday's contenders name nobody ahead; today the festival outranks the birthday.
    const yesterday = { date: '2026-03-13', contenders: [{ journeyId: 'birthday', occurrenceKey: '2026', priority: 50 }] };

    const result = await dispatchMessage(smsOf(birthday, { dayContenders: yesterday }), deps);

    expect(result).toEqual({ outcome: 'frequency-capped', channel: 'sms', reason: 'slots left today go first to pi-day' });
  });

  it('carries the day contenders on the promotional messages the evaluation queues, as the dispatch would plan them', async () => {
    const context = aCustomerContext();
    const queue = createMemoryDispatchQueue();
    const now = at('2026-03-14T12:00:00Z');

    await runScheduledEvaluation({ now }, { journeys: [birthday, festival], dueIndex: await filedDueIndex([context], [birthday, festival], '2026-03-14'), ledger: createMemoryLedger(), queue });

    const expected = { date: '2026-03-14', contenders: dayContendersOf([birthday, festival], customerFacts(context, context.dealer.address.country), now) };
    expect(expected.contenders.map((contender) => contender.journeyId).sort()).toEqual(['birthday', 'pi-day']);
    expect(queue.messages.length).toBeGreaterThan(1);
    for (const message of queue.messages) expect(message.dayContenders).toEqual(expected);
  });

  it('lets only one of two promotions dispatched at once take the last slot', async () => {
    // No journeys known, so no priority order: first come, first served, settled by the counter's version.
    const { deps } = policyDeps(at('2026-03-14T11:00:00Z'), { journeys: [] });
    await deps.ledger.saveContacts('c-0001', { contacts: [{ journeyId: 'winter-check', occurrenceKey: '2025', date: '2026-03-10' }], settled: [] }, 0, at('2026-03-10T10:00:00Z'));
    const other = smsOf(birthday, { journeyId: 'car-anniversary', occurrenceKey: 'WBA#3', template: 'festival-sms', priority: 50 });
    // Both read the counter before either writes: the race the conditional write must settle.
    const { readContacts } = deps.ledger;
    let reads = 0;
    let bothRead: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (bothRead = resolve));
    deps.ledger.readContacts = async (customerId) => {
      const history = await readContacts(customerId);
      if ((reads += 1) === 2) bothRead();
      await barrier;
      return history;
    };

    const results = await Promise.all([dispatchMessage(smsOf(birthday), deps), dispatchMessage(other, deps)]);

    expect(reads).toBe(3);
    expect(results.map((result) => result.outcome).sort()).toEqual(['frequency-capped', 'sent']);
    expect(deps.sms.sent).toHaveLength(1);
    expect((await deps.ledger.readContacts('c-0001')).contacts).toHaveLength(2);
  });

  it('sends the email and the SMS of one occurrence on one slot', async () => {
    const { deps } = policyDeps(at('2026-03-14T11:00:00Z'), { journeys: [birthday] });
    await deps.ledger.saveContacts('c-0001', { contacts: [{ journeyId: 'winter-check', occurrenceKey: '2025', date: '2026-03-10' }], settled: [] }, 0, at('2026-03-10T10:00:00Z'));

    await dispatchMessage(smsOf(birthday, { messageId: 'email', channel: 'email', template: 'birthday-email' }), deps);
    const sms = await dispatchMessage(smsOf(birthday), deps);

    expect(sms).toMatchObject({ outcome: 'sent' });
    expect(deps.email.sent).toHaveLength(1);
  });

  it('gives back the cap slot of a promotion the provider refused, so the next promotion of the week goes out', async () => {
    // No journeys known, so no priority order: the slots go first come, first served.
    const { deps, setClock } = policyDeps(at('2026-03-14T09:00:00Z'), { journeys: [] });
    // One promotion this week already: one slot left of two.
    await deps.ledger.saveContacts('c-0001', { contacts: [{ journeyId: 'winter-check', occurrenceKey: '2025', date: '2026-03-10' }], settled: [] }, 0, at('2026-03-10T10:00:00Z'));
    const accept = refuseSms(deps);

    const refused = await dispatchMessage(smsOf(birthday), deps);
    accept();
    setClock(at('2026-03-14T10:00:00Z'));
    const next = await dispatchMessage(smsOf(festival), deps);

    expect(refused).toEqual({ outcome: 'failed', channel: 'sms', reason: 'the provider refused the message' });
    expect(next).toMatchObject({ outcome: 'sent' });
    expect((await deps.ledger.readContacts('c-0001')).contacts.map((contact) => contact.journeyId)).toEqual(['winter-check', 'pi-day']);
  });

  it('keeps the slot when the SMS of an occurrence fails after its email went out', async () => {
    const { deps } = policyDeps(at('2026-03-14T11:00:00Z'), { journeys: [birthday] });
    deps.sms.sendSms = async () => {
      throw new PermanentDeliveryError('the provider refused the message');
    };

    await dispatchMessage(smsOf(birthday, { messageId: 'email', channel: 'email', template: 'birthday-email' }), deps);
    const sms = await dispatchMessage(smsOf(birthday), deps);

    expect(sms).toMatchObject({ outcome: 'failed' });
    expect((await deps.ledger.readContacts('c-0001')).contacts).toEqual([{ journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' }]);
  });

  it('ends a message released after its valid-until expired, with the reason, and sends nothing', async () => {
    const { deps } = policyDeps(at('2026-03-14T10:00:00Z'));

    const result = await dispatchMessage(smsOf(birthday, { category: 'transactional', validUntil: '2026-03-14T09:59:00.000Z' }), deps);

    expect(result).toEqual({ outcome: 'expired', channel: 'sms', reason: 'past its valid-until 2026-03-14T09:59:00.000Z' });
    expect(deps.sms.sent).toEqual([]);
    expect(await historyOf(deps)).toEqual([{ journeyId: 'birthday', messageId: 'sms', channel: 'sms', status: 'expired', reason: 'past its valid-until 2026-03-14T09:59:00.000Z', dueAt: undefined }]);
  });

  it('ends an SMS expired rather than deferring it past its valid-until, and defers one whose deferral ends in time', async () => {
    // 05:00 in London: quiet until 09:00.
    const { deps } = policyDeps(at('2026-03-14T05:00:00Z'));
    const reminder = (validUntil: string) => smsOf(birthday, { category: 'transactional', validUntil });

    const early = await dispatchMessage(reminder('2026-03-14T07:00:00.000Z'), deps);
    const later = await dispatchMessage({ ...reminder('2026-03-14T11:00:00.000Z'), occurrenceKey: 'later' }, deps);

    expect(early).toEqual({ outcome: 'expired', channel: 'sms', reason: 'quiet-hours: would go after its valid-until 2026-03-14T07:00:00.000Z' });
    expect(later).toEqual({ outcome: 'deferred', channel: 'sms', reason: 'quiet-hours', dueAt: '2026-03-14T09:00:00.000Z' });
    expect(deps.sms.sent).toEqual([]);
  });

  it('sends a service message past a full cap', async () => {
    const { deps } = policyDeps(at('2026-03-14T11:00:00Z'), { journeys: [] });
    await deps.ledger.saveContacts('c-0001', { contacts: [{ journeyId: 'a', occurrenceKey: '1', date: '2026-03-13' }, { journeyId: 'b', occurrenceKey: '1', date: '2026-03-14' }], settled: [] }, 0, at('2026-03-14T10:00:00Z'));

    const result = await dispatchMessage(smsOf(birthday, { journeyId: 'service-due', template: 'festival-sms', category: 'service' }), deps);

    expect(result).toMatchObject({ outcome: 'sent' });
  });

  it('skips a promotion while a complaint is open', async () => {
    const complaining = { ...aCustomerContext(), complaints: [{ reference: 'LDN-1', openedOn: '2026-03-01' }] };
    const { deps } = policyDeps(at('2026-03-14T11:00:00Z'), { contexts: [complaining] });

    expect(await dispatchMessage(smsOf(birthday), deps)).toEqual({ outcome: 'skipped', channel: 'sms', reason: 'complaint-open' });
    // No slot taken; settled, so it ranks ahead of no other promotion of the day.
    expect(await deps.ledger.readContacts('c-0001')).toEqual({ contacts: [], settled: [{ journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' }], version: 1 });
  });

  it('sends the fallback email template when the SMS has no consent, and records it on email', async () => {
    const noSms = aCustomerContext({ consent: { ...aCustomer().consent, sms: withdrawn } });
    const { deps } = policyDeps(at('2026-03-14T11:00:00Z'), { contexts: [noSms], journeys: [withFallback] });

    const result = await dispatchMessage(smsOf(withFallback), deps);

    expect(result).toEqual({ outcome: 'sent', channel: 'email', reason: 'fallback from sms: no-consent' });
    expect(deps.email.sent.map((email) => email.subject)).toEqual(['Happy birthday']);
    expect(deps.sms.sent).toEqual([]);
    expect(await historyOf(deps)).toEqual([{ journeyId: 'birthday', messageId: 'sms', channel: 'email', status: 'sent', reason: 'fallback from sms: no-consent', dueAt: undefined }]);
  });

  it('judges a replayed message at its planned instant when told to (the local replay of a past date)', async () => {
    // The replay runs at 23:00 in London; the message was planned at the 10:00 tick of its date.
    const { deps } = policyDeps(at('2026-11-27T23:00:00Z'));
    const planned = smsOf(birthday, { plannedAt: '2026-03-14T10:00:00.000Z' });

    const byPlan = await dispatchMessage(planned, { ...deps, policyTime: 'planned' });
    const byClock = await dispatchMessage({ ...planned, occurrenceKey: '2027' }, deps);

    expect(byPlan).toMatchObject({ outcome: 'sent' });
    expect(byClock).toMatchObject({ outcome: 'deferred', dueAt: '2026-11-28T09:00:00.000Z' });
    // The contact is counted on the planned date, where the replayed week's caps look for it.
    expect((await deps.ledger.readContacts('c-0001')).contacts).toEqual([{ journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' }]);
  });

  it('records a deferral without a schedule, for the reconciler to re-drive once due', async () => {
    const { deps } = policyDeps(at('2026-03-14T21:00:00Z'));
    const { schedule: _schedule, ...withoutSchedule } = deps;

    const result = await dispatchMessage(smsOf(birthday), withoutSchedule);

    expect(result).toMatchObject({ outcome: 'deferred', dueAt: '2026-03-15T09:00:00.000Z' });
    expect(deps.schedule.all()).toEqual([]);
  });
});
