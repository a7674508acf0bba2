import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localMomentIn } from '../../../shared/domain/dates';
import { frequencyCapPolicy, withContact, withSettled, type Contact, type DayContender } from '../../../shared/domain/policies/frequency-cap';
import { categoryOf, send, zoneOf, type Policy } from '../../../shared/domain/policies/policy';
import { aPolicyInput } from '../../helpers/policy-input';

/** The cap written plainly, with filtered lists: what the policy counts in loops must decide the same. */
const plainFrequencyCap: Policy = (input) => {
  const { message, contacts, dayContenders, settings } = input;
  const same = (a: Pick<Contact, 'journeyId' | 'occurrenceKey'>, b: Pick<Contact, 'journeyId' | 'occurrenceKey'>) => a.journeyId === b.journeyId && a.occurrenceKey === b.occurrenceKey;
  const has = (list: readonly Contact[], of: Pick<Contact, 'journeyId' | 'occurrenceKey'>) => list.some((contact) => same(contact, of));
  if (categoryOf(message) !== 'promotional' || has(contacts.contacts, message)) return send;
  const today = localMomentIn(input.now, zoneOf(input)).date;
  let slots = Number.POSITIVE_INFINITY;
  for (const cap of settings.caps) {
    const since = addDays(today, -(cap.days - 1));
    const used = contacts.contacts.filter((contact) => contact.date >= since && contact.date <= today).length;
    if (used >= cap.max) return { decision: 'skip', status: 'frequency-capped', reason: `${cap.max} promotional messages in ${cap.days} days` };
    slots = Math.min(slots, cap.max - used);
  }
  const self: DayContender = { journeyId: message.journeyId, occurrenceKey: message.occurrenceKey, priority: message.priority ?? 100 };
  const before = (a: DayContender, b: DayContender) =>
    a.priority !== b.priority ? a.priority < b.priority : a.journeyId !== b.journeyId ? a.journeyId < b.journeyId : a.occurrenceKey < b.occurrenceKey;
  const ahead = dayContenders.filter((contender) => !same(contender, self) && !has(contacts.contacts, contender) && !has(contacts.settled, contender) && before(contender, self));
  if (ahead.length < slots) return send;
  return { decision: 'skip', status: 'frequency-capped', reason: `slots left today go first to ${[...new Set(ahead.map((contender) => contender.journeyId))].join(', ')}` };
};

const contact = (journeyId: string, date: string): Contact => ({ journeyId, occurrenceKey: date, date });
const history = (...contacts: Contact[]) => ({ contacts, settled: [], version: 1 });

describe('frequency cap policy', () => {
  it('lets the first two promotional contacts of seven days through, and caps the third', () => {
    expect(frequencyCapPolicy(aPolicyInput({ contacts: history(contact('winter-check', '2026-03-09')) }))).toEqual({ decision: 'send' });
    expect(frequencyCapPolicy(aPolicyInput({ contacts: history(contact('winter-check', '2026-03-08'), contact('womens-day', '2026-03-12')) }))).toEqual({
      decision: 'skip',
      status: 'frequency-capped',
      reason: '2 promotional messages in 7 days',
    });
  });

  it('counts calendar days in the customer\'s zone: a contact 7 local days back has left the window', () => {
    const contacts = history(contact('winter-check', '2026-03-07'), contact('womens-day', '2026-03-12'));

    expect(frequencyCapPolicy(aPolicyInput({ contacts }))).toEqual({ decision: 'send' });
    // 23:30 UTC on 13 March is 14 March in Shanghai but 13 March in London: 7 March is then in the window.
    expect(frequencyCapPolicy(aPolicyInput({ contacts, now: new Date('2026-03-13T23:30:00Z') }))).toMatchObject({ status: 'frequency-capped' });
  });

  it('caps the seventh promotional contact of 30 days even when spread out', () => {
    const spread = ['2026-02-14', '2026-02-20', '2026-02-26', '2026-03-02', '2026-03-05', '2026-03-07'].map((date) => contact('festival', date));

    expect(frequencyCapPolicy(aPolicyInput({ contacts: history(...spread) }))).toEqual({
      decision: 'skip',
      status: 'frequency-capped',
      reason: '6 promotional messages in 30 days',
    });
  });

  it('exempts service and transactional messages', () => {
    const full = history(contact('winter-check', '2026-03-13'), contact('womens-day', '2026-03-14'));
    const input = aPolicyInput({ contacts: full });

    expect(frequencyCapPolicy({ ...input, message: { ...input.message, category: 'service' } })).toEqual({ decision: 'send' });
    expect(frequencyCapPolicy({ ...input, message: { ...input.message, category: 'transactional' } })).toEqual({ decision: 'send' });
  });

  it('lets through the other channel of an occurrence that already took its slot', () => {
    const full = history({ journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' }, contact('womens-day', '2026-03-13'));

    expect(frequencyCapPolicy(aPolicyInput({ contacts: full }))).toEqual({ decision: 'send' });
  });

  it('gives the last slot of the day to the lower priority number, whichever is dispatched first', () => {
    // One slot left; a priority-40 festival falls due the same day, later than the priority-50 birthday.
    const contacts = history(contact('winter-check', '2026-03-10'));
    const dayContenders = [
      { journeyId: 'birthday', occurrenceKey: '2026', priority: 50 },
      { journeyId: 'spring-festival', occurrenceKey: '2026-02-17', priority: 40 },
    ];
    const birthday = aPolicyInput({ contacts, dayContenders });
    const festival = { ...birthday, message: { ...birthday.message, journeyId: 'spring-festival', occurrenceKey: '2026-02-17', priority: 40 } };

    expect(frequencyCapPolicy(birthday)).toEqual({ decision: 'skip', status: 'frequency-capped', reason: 'slots left today go first to spring-festival' });
    expect(frequencyCapPolicy(festival)).toEqual({ decision: 'send' });
    // With two slots left both go.
    expect(frequencyCapPolicy({ ...birthday, contacts: history() })).toEqual({ decision: 'send' });
  });

  it('keeps the counter to the longest cap window', () => {
    const old = contact('winter-check', '2026-02-01');
    const recent = contact('womens-day', '2026-03-08');

    const after = withContact(history(old, recent), aPolicyInput().message, '2026-03-14', [{ days: 7, max: 2 }, { days: 30, max: 6 }]);

    expect(after.contacts).toEqual([recent, { journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' }]);
  });

  it('ranks no contender ahead that settled today without reaching the customer', () => {
    const dayContenders = [
      { journeyId: 'birthday', occurrenceKey: '2026', priority: 50 },
      { journeyId: 'spring-festival', occurrenceKey: '2026-02-17', priority: 40 },
    ];
    const settledFestival = { ...history(contact('winter-check', '2026-03-10')), settled: [{ journeyId: 'spring-festival', occurrenceKey: '2026-02-17', date: '2026-03-14' }] };

    expect(frequencyCapPolicy(aPolicyInput({ contacts: settledFestival, dayContenders }))).toEqual({ decision: 'send' });
  });

  it('settles an occurrence once: its contact given back, marked on the day, older marks dropped', () => {
    const birthday = { journeyId: 'birthday', occurrenceKey: '2026', date: '2026-03-14' };
    const stale = { journeyId: 'womens-day', occurrenceKey: '2026-03-08', date: '2026-03-08' };
    const counter = { contacts: [contact('winter-check', '2026-03-10'), birthday], settled: [stale], version: 3 };

    const settled = withSettled(counter, birthday, '2026-03-14');

    expect(settled).toEqual({ contacts: [contact('winter-check', '2026-03-10')], settled: [birthday] });
    expect(withSettled({ ...settled!, version: 4 }, birthday, '2026-03-14')).toBeUndefined();
  });

  it('decides as the cap written plainly with filtered lists (property: random counters, contenders, caps and instants)', () => {
    const journey = fc.constantFrom('birthday', 'winter-check', 'womens-day', 'spring-festival');
    const key = fc.constantFrom('2026', '2026-03-14', 'V1#3');
    const day = fc.integer({ min: -40, max: 3 }).map((offset) => addDays('2026-03-14', offset));
    const mark = fc.record({ journeyId: journey, occurrenceKey: key, date: day });
    const contender = fc.record({ journeyId: journey, occurrenceKey: key, priority: fc.integer({ min: 40, max: 60 }) });
    fc.assert(
      fc.property(
        fc.record({
          message: fc.record({ journeyId: journey, occurrenceKey: key, channel: fc.constantFrom('email', 'sms' as const), category: fc.constantFrom('promotional', 'service', undefined), priority: fc.option(fc.integer({ min: 40, max: 60 }), { nil: undefined }) }),
          contacts: fc.record({ contacts: fc.array(mark, { maxLength: 8 }), settled: fc.array(mark, { maxLength: 3 }), version: fc.nat(5) }),
          dayContenders: fc.array(contender, { maxLength: 5 }),
          caps: fc.array(fc.record({ days: fc.integer({ min: 1, max: 31 }), max: fc.integer({ min: 1, max: 7 }) }), { maxLength: 3 }),
          hour: fc.integer({ min: 0, max: 47 }),
          timeZone: fc.constantFrom('Asia/Shanghai', 'Europe/London', 'America/New_York'),
        }),
        ({ message, contacts, dayContenders, caps, hour, timeZone }) => {
          const input = aPolicyInput({
            message,
            contacts,
            dayContenders,
            settings: { ...aPolicyInput().settings, caps },
            now: new Date(Date.UTC(2026, 2, 13, hour)),
            customer: { ...aPolicyInput().customer, timeZone },
          });
          expect(frequencyCapPolicy(input)).toEqual(plainFrequencyCap(input));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes the counter as the spread of filtered lists did (property: random counters, caps and days)', () => {
    const journey = fc.constantFrom('birthday', 'winter-check', 'womens-day');
    const day = fc.integer({ min: -40, max: 3 }).map((offset) => addDays('2026-03-14', offset));
    const mark = fc.record({ journeyId: journey, occurrenceKey: fc.constantFrom('2026', 'V1#3'), date: day });
    const plainWithContact = (history: { contacts: readonly Contact[]; settled: readonly Contact[] }, message: Pick<Contact, 'journeyId' | 'occurrenceKey'>, today: string, caps: readonly { days: number }[]) => {
      const since = addDays(today, -(Math.max(1, ...caps.map((cap) => cap.days)) - 1));
      return {
        contacts: [...history.contacts.filter((contact) => contact.date >= since), { journeyId: message.journeyId, occurrenceKey: message.occurrenceKey, date: today }],
        settled: history.settled.filter((settled) => settled.date >= addDays(today, -1)),
      };
    };
    fc.assert(
      fc.property(
        fc.record({ contacts: fc.array(mark, { maxLength: 8 }), settled: fc.array(mark, { maxLength: 3 }), version: fc.nat(5) }),
        mark,
        day,
        fc.array(fc.record({ days: fc.integer({ min: 1, max: 31 }), max: fc.integer({ min: 1, max: 7 }) }), { maxLength: 3 }),
        (counter, message, today, caps) => {
          expect(withContact(counter, { ...message, channel: 'email' }, today, caps)).toEqual(plainWithContact(counter, message, today, caps));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
