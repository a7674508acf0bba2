import { describe, expect, it } from 'vitest';
import { dueDatesFingerprint, dueEntriesFor, nextDueDate } from '../../shared/domain/journey/due-dates';
import { Journey } from '../../shared/domain/journey/schema';
import { aBirthdayJourney, aVehicle, aCustomerFacts } from '../helpers/factories';

const welcome = (days: number) =>
  Journey.parse({ id: 'welcome', name: 'Welcome', trigger: { type: 'vehicle-date', after: { days } }, steps: [{ id: 'email', channel: 'email', template: 'welcome-email' }] });
const birthdayCardAhead = Journey.parse({
  id: 'birthday', name: 'Birthday', trigger: { type: 'birthday' },
  steps: [{ id: 'email', channel: 'email', template: 'e' }, { id: 'card', channel: 'print', template: 'c', offsetDays: -3 }],
});
const facts = aCustomerFacts({ birthDate: '1980-03-14' }, [aVehicle({ deliveredOn: '2026-03-01' })]);

describe('due dates', () => {
  it("lists each journey's next date, soonest first", () => {
    expect(dueEntriesFor(facts, [aBirthdayJourney(), welcome(30)], '2026-03-01')).toEqual([
      { journeyId: 'birthday', dueDate: '2026-03-14' },
      { journeyId: 'welcome', dueDate: '2026-03-31' },
    ]);
  });

  it('counts a step sent ahead: the birthday is due when its card goes out', () => {
    expect(nextDueDate(facts, [birthdayCardAhead], '2026-03-01')).toBe('2026-03-11');
    expect(nextDueDate(facts, [birthdayCardAhead], '2026-03-12')).toBe('2026-03-14');
    expect(nextDueDate(facts, [birthdayCardAhead], '2026-03-15')).toBe('2027-03-11');
  });

  it('has no date for a one-off that has passed, a disabled journey or a customer outside the audience', () => {
    const disabled = Journey.parse({ ...welcome(30), enabled: false });
    const prospectsOnly = Journey.parse({ ...welcome(30), audience: { stages: ['prospect'] } });

    expect(dueEntriesFor(facts, [welcome(30)], '2026-04-01')).toEqual([]);
    expect(dueEntriesFor(facts, [disabled, prospectsOnly], '2026-03-01')).toEqual([]);
  });

  it('moves the due date when an offset changes in the YAML, and the fingerprint tells', () => {
    expect(nextDueDate(facts, [welcome(30)], '2026-03-01')).toBe('2026-03-31');
    expect(nextDueDate(facts, [welcome(20)], '2026-03-01')).toBe('2026-03-21');
    expect(dueDatesFingerprint([welcome(30)])).not.toBe(dueDatesFingerprint([welcome(20)]));
  });

  it('keeps the fingerprint when only what does not decide dates changes', () => {
    const renamed = Journey.parse({ ...welcome(30), name: 'Welcome pack', steps: [{ id: 'email', channel: 'email', template: 'other' }] });

    expect(dueDatesFingerprint([welcome(30), aBirthdayJourney()])).toBe(dueDatesFingerprint([aBirthdayJourney(), renamed]));
  });
});
