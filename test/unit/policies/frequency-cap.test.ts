import { describe, expect, it } from 'vitest';
import { frequencyCapPolicy, withContact, withSettled, type Contact } from '../../../shared/domain/policies/frequency-cap';
import { aPolicyInput } from '../../helpers/policy-input';

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
});
