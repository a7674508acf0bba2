import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import type { Complaint, ServiceVisit } from '../../shared/domain/service-history';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { nextOccurrence, occurrencesOn, Trigger } from '../../shared/domain/triggers/registry';
import { aComplaint, aCustomerFacts, aVehicle, aVisit } from '../helpers/factories';

const churn = (value: Record<string, unknown> = {}) => Trigger.parse({ type: 'churn-risk', ...value });
const customer = (visits: ServiceVisit[], complaints: Complaint[]): CustomerFacts =>
  aCustomerFacts({}, [aVehicle({ deliveredOn: '2023-09-09' })], { visits, complaints });
const datesDue = (facts: CustomerFacts, dates: string[], trigger = churn()) => dates.filter((date) => occurrencesOn(trigger, facts, date).length > 0);

describe('churn-risk trigger', () => {
  it('falls due 60 days after the last visit while a complaint opened since is open, not the day before', () => {
    const atRisk = customer([aVisit({ on: '2026-01-13' })], [aComplaint({ reference: 'CR-7', openedOn: '2026-01-15' })]);

    expect(datesDue(atRisk, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(occurrencesOn(churn(), atRisk, '2026-03-14')).toEqual([
      { date: '2026-03-14', key: 'CR-7', facts: { complaintReference: 'CR-7', complaintOpenedOn: '2026-01-15', daysSinceLastVisit: 60 } },
    ]);
  });

  it('falls due on the day the complaint is opened when the customer has been away longer already', () => {
    const longAway = customer([aVisit({ on: '2025-06-01' })], [aComplaint({ openedOn: '2026-03-14' })]);

    expect(datesDue(longAway, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(occurrencesOn(churn(), longAway, '2026-03-14')[0]?.facts.daysSinceLastVisit).toBe(286);
  });

  it('is not due when the complaint was closed the day before', () => {
    const closed = customer([aVisit({ on: '2026-01-13' })], [aComplaint({ openedOn: '2026-01-15', closedOn: '2026-03-13' })]);

    expect(datesDue(closed, ['2026-03-13', '2026-03-14'])).toEqual([]);
    expect(nextOccurrence(churn(), closed, '2026-01-01')).toBeUndefined();
  });

  it('restarts the count at a visit after the complaint was opened', () => {
    const visitedSince = customer([aVisit({ on: '2026-01-13' }), aVisit({ on: '2026-02-01' })], [aComplaint({ openedOn: '2026-01-15' })]);

    expect(datesDue(visitedSince, ['2026-03-14', '2026-04-02'])).toEqual(['2026-04-02']);
  });

  it('is once per complaint: two open complaints falling due on one day are two occurrences', () => {
    const two = customer([aVisit({ on: '2026-01-13' })], [aComplaint({ reference: 'CR-2', openedOn: '2026-01-20' }), aComplaint({ reference: 'CR-1', openedOn: '2026-01-15' })]);

    expect(occurrencesOn(churn(), two, '2026-03-14').map((occurrence) => occurrence.key)).toEqual(['CR-1', 'CR-2']);
    expect(nextOccurrence(churn(), two, '2026-03-01')?.key).toBe('CR-1');
  });

  it('has nothing to count from for a customer without visits or a car', () => {
    const nobody = aCustomerFacts({}, [], { complaints: [aComplaint()] });

    expect(nextOccurrence(churn(), nobody, '2026-01-01')).toBeUndefined();
  });

  it('takes another number of days from the YAML', () => {
    const atRisk = customer([aVisit({ on: '2026-01-13' })], [aComplaint({ openedOn: '2026-01-15' })]);

    expect(datesDue(atRisk, ['2026-02-12', '2026-03-14'], churn({ daysWithoutVisit: 30 }))).toEqual(['2026-02-12']);
    expect(Trigger.safeParse({ type: 'churn-risk', days: 30 }).success).toBe(false);
  });
});

describe('churn-risk trigger, for any history', () => {
  const day = fc.integer({ min: 0, max: 400 }).map((offset) => addDays('2025-01-01', offset));
  const history = fc.record({
    visits: fc.array(day, { maxLength: 4 }),
    complaints: fc.array(fc.record({ openedOn: day, openDays: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }) }), { maxLength: 3 }),
  });
  const factsOf = ({ visits, complaints }: { visits: string[]; complaints: { openedOn: string; openDays: number | undefined }[] }) =>
    customer(
      visits.map((on) => aVisit({ on })),
      complaints.map(({ openedOn, openDays }, index) => aComplaint({ reference: `CR-${index}`, openedOn, ...(openDays === undefined ? {} : { closedOn: addDays(openedOn, openDays) }) })),
    );

  it('finds on a date exactly what its next occurrence from that date finds (the planner and the due index agree)', () => {
    fc.assert(
      fc.property(history, day, (drawn, date) => {
        const facts = factsOf(drawn);
        const on = occurrencesOn(churn(), facts, date);
        const next = nextOccurrence(churn(), facts, date);

        expect(on.length > 0).toBe(next?.date === date);
        if (next?.date === date) expect(on).toContainEqual(next);
      }),
    );
  });

  it('is due only while the complaint is open and after N days without a visit', () => {
    fc.assert(
      fc.property(history, day, (drawn, date) => {
        const facts = factsOf(drawn);
        for (const occurrence of occurrencesOn(churn(), facts, date)) {
          const complaint = facts.complaints.find((each) => each.reference === occurrence.key)!;
          expect(complaint.openedOn <= date && (complaint.closedOn === undefined || complaint.closedOn > date)).toBe(true);
          expect(occurrence.facts.daysSinceLastVisit).toBeGreaterThanOrEqual(60);
          expect(facts.visits.some((visit) => visit.on <= date && visit.on > addDays(date, -60))).toBe(false);
        }
      }),
    );
  });
});
