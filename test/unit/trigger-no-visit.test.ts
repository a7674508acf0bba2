import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vehicle } from '../../shared/domain/customer';
import { addDays } from '../../shared/domain/dates';
import type { ServiceVisit } from '../../shared/domain/service-history';
import { addMonthsAndDays } from '../../shared/domain/triggers/date-offsets';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { nextOccurrence, occurrencesOn, Trigger } from '../../shared/domain/triggers/registry';
import { aCustomerFacts, aVehicle, aVisit } from '../helpers/factories';

const dormant = (value: Record<string, unknown> = {}) => Trigger.parse({ type: 'no-visit', ...value });
const customer = (visits: ServiceVisit[], vehicles: Vehicle[] = [aVehicle({ deliveredOn: '2020-01-10' })]): CustomerFacts =>
  aCustomerFacts({}, vehicles, { visits });
const datesDue = (facts: CustomerFacts, dates: string[], trigger = dormant()) => dates.filter((date) => occurrencesOn(trigger, facts, date).length > 0);

describe('no-visit trigger (dormant win-back)', () => {
  it('falls due 24 months after the last visit, not the day before, with the last visit in the facts', () => {
    const lapsed = customer([aVisit({ on: '2023-05-02' }), aVisit({ on: '2024-03-14' })]);

    expect(datesDue(lapsed, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(occurrencesOn(dormant(), lapsed, '2026-03-14')).toEqual([
      { date: '2026-03-14', key: '2024-03-14', facts: { lastVisitOn: '2024-03-14', monthsSinceLastVisit: 24 } },
    ]);
  });

  it('is not due for a customer who came back inside the window, nor on the day they came', () => {
    const cameBack = customer([aVisit({ on: '2024-03-14' }), aVisit({ on: '2025-09-01' })]);
    const cameOnTheDay = customer([aVisit({ on: '2022-03-14' }), aVisit({ on: '2024-03-14' })]);

    expect(datesDue(cameBack, ['2026-03-14'])).toEqual([]);
    expect(nextOccurrence(dormant(), cameBack, '2026-01-01')).toMatchObject({ date: '2027-09-01', key: '2025-09-01' });
    expect(nextOccurrence(dormant(), cameOnTheDay, '2024-01-01')).toMatchObject({ date: '2026-03-14', key: '2024-03-14' });
  });

  it('gives the date from the data alone, so the due index holds it before anything changes', () => {
    expect(nextOccurrence(dormant(), customer([aVisit({ on: '2024-03-14' })]), '2025-01-01')?.date).toBe('2026-03-14');
  });

  it('counts from the latest delivery for a customer who never came, and not at all without a car or a visit', () => {
    const neverCame = customer([], [aVehicle({ deliveredOn: '2019-02-01' }), aVehicle({ vin: 'WBA11AA010CH00002', deliveredOn: '2024-03-14' })]);

    expect(datesDue(neverCame, ['2026-03-13', '2026-03-14'])).toEqual(['2026-03-14']);
    expect(nextOccurrence(dormant(), customer([], []), '2020-01-01')).toBeUndefined();
  });

  it('wins back each dormant spell once: a customer who returns and lapses again is due again, under another key', () => {
    const twice = customer([aVisit({ on: '2019-01-10' }), aVisit({ on: '2023-06-01' })]);

    expect(nextOccurrence(dormant(), twice, '2020-01-01')).toMatchObject({ date: '2021-01-10', key: '2019-01-10' });
    expect(nextOccurrence(dormant(), twice, '2021-01-11')).toMatchObject({ date: '2025-06-01', key: '2023-06-01' });
    expect(nextOccurrence(dormant(), twice, '2025-06-02')).toBeUndefined();
  });

  it('takes another number of months from the YAML, and rejects a misspelt key', () => {
    const lapsed = customer([aVisit({ on: '2025-03-14' })]);

    expect(datesDue(lapsed, ['2026-03-14', '2027-03-14'], dormant({ months: 12 }))).toEqual(['2026-03-14']);
    expect(Trigger.safeParse({ type: 'no-visit', month: 12 }).success).toBe(false);
    expect(Trigger.safeParse({ type: 'no-visit', months: 0 }).success).toBe(false);
  });
});

describe('no-visit trigger, for any history', () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((offset) => addDays('2018-01-01', offset));

  it('falls due exactly N months after a visit, with no visit from then until the due day', () => {
    fc.assert(
      fc.property(fc.array(day, { maxLength: 6 }), day, fc.integer({ min: 1, max: 36 }), (visitDays, from, months) => {
        const facts = customer(visitDays.map((on) => aVisit({ on })));
        const next = nextOccurrence(dormant({ months }), facts, from);
        if (next === undefined) return;

        expect(next.date >= from).toBe(true);
        expect(next.date).toBe(addMonthsAndDays(next.key, months, 0));
        expect(visitDays.some((on) => on > next.key && on <= next.date)).toBe(false);
        expect(occurrencesOn(dormant({ months }), facts, next.date)).toEqual([next]);
      }),
    );
  });

  it("finds on a date exactly the occurrence its next occurrence from that date is on (the planner's shortcut agrees)", () => {
    fc.assert(
      fc.property(fc.array(day, { maxLength: 6 }), day, fc.integer({ min: 1, max: 36 }), fc.nat(), (visitDays, randomDay, months, pick) => {
        // Half the time a date N months after a visit, where spells fall due, else any day.
        const date = pick % 2 === 0 && visitDays.length > 0 ? addMonthsAndDays(visitDays[pick % visitDays.length]!, months, 0) : randomDay;
        const facts = customer(visitDays.map((on) => aVisit({ on })));
        const next = nextOccurrence(dormant({ months }), facts, date);

        expect(occurrencesOn(dormant({ months }), facts, date)).toEqual(next?.date === date ? [next] : []);
      }),
    );
  });
});
