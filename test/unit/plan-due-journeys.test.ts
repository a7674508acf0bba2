import { describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain/customer';
import { planDueJourneys, type PlanInput } from '../../shared/domain/journey/plan';
import { Journey } from '../../shared/domain/journey/schema';
import { aBirthdayJourney, aCustomer } from '../helpers/factories';
import { customerFacts } from '../../shared/domain/customer-facts';

const birthday = aBirthdayJourney({ withCard: true });

/** Plans for customers as the birthday index returns them: profiles only, no cars. */
function planFor({ candidates, ...input }: Omit<PlanInput, 'candidates'> & { candidates: Customer[] }) {
  return planDueJourneys({ ...input, candidates: candidates.map((customer) => customerFacts({ customer, vehicles: [], visits: [], complaints: [] })) });
}

describe('planDueJourneys for the birthday trigger', () => {
  it('greets a customer on their birthday once the local send time has passed', () => {
    const candidates = [aCustomer({ birthDate: '1980-03-14', timeZone: 'Europe/London' })];

    const before = planFor({ journeys: [birthday], candidates, now: new Date('2026-03-14T08:59:00Z') });
    const after = planFor({ journeys: [birthday], candidates, now: new Date('2026-03-14T09:00:00Z') });

    expect(before).toEqual([]);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ journeyId: 'birthday', customerId: 'c-0001', occurrenceKey: '2026', occurrenceDate: '2026-03-14' });
  });

  it('greets a customer in a zone where it is already the next day on their own date', () => {
    // 20:00 UTC on 13 March is 09:00 on 14 March in Auckland (UTC+13 in March).
    const now = new Date('2026-03-13T20:00:00Z');
    const auckland = aCustomer({ id: 'nz', birthDate: '1975-03-14', timeZone: 'Pacific/Auckland' });
    const londonSameBirthday = aCustomer({ id: 'uk', birthDate: '1975-03-14', timeZone: 'Europe/London' });

    const due = planFor({ journeys: [birthday], candidates: [auckland, londonSameBirthday], now });

    expect(due.map((occurrence) => [occurrence.customerId, occurrence.occurrenceDate])).toEqual([['nz', '2026-03-14']]);
  });

  it('does not greet an Auckland customer whose birthday was yesterday in Auckland though it is that date in UTC', () => {
    const now = new Date('2026-03-13T20:00:00Z');
    const auckland = aCustomer({ birthDate: '1975-03-13', timeZone: 'Pacific/Auckland' });

    expect(planFor({ journeys: [birthday], candidates: [auckland], now })).toEqual([]);
  });

  it('greets a 29 February customer on 28 February in a non-leap year, or on 1 March when configured', () => {
    const leapling = [aCustomer({ birthDate: '1996-02-29', timeZone: 'Asia/Shanghai' })];
    const march1 = Journey.parse({ ...birthday, trigger: { type: 'birthday', leapDay: 'mar1' } });
    const feb28Noon = new Date('2026-02-28T04:00:00Z'); // 12:00 in Shanghai
    const mar1Noon = new Date('2026-03-01T04:00:00Z');

    expect(planFor({ journeys: [birthday], candidates: leapling, now: feb28Noon })).toHaveLength(1);
    expect(planFor({ journeys: [birthday], candidates: leapling, now: mar1Noon })).toHaveLength(0);
    expect(planFor({ journeys: [march1], candidates: leapling, now: feb28Noon })).toHaveLength(0);
    expect(planFor({ journeys: [march1], candidates: leapling, now: mar1Noon })).toHaveLength(1);
  });

  it('marks channels without consent as not contactable', () => {
    const withdrawnSms = { granted: false, source: 'sms-stop-reply', at: '2025-01-01T00:00:00Z' };
    const candidates = [
      aCustomer({ consent: { email: { granted: true, source: 'web', at: '2024-01-01T00:00:00Z' }, sms: withdrawnSms } }),
    ];

    const [occurrence] = planFor({ journeys: [birthday], candidates, now: new Date('2026-03-14T12:00:00Z') });

    expect(occurrence!.messages.map((m) => [m.channel, m.contactable])).toEqual([
      ['email', true],
      ['sms', false],
      ['print', false],
    ]);
  });

  it('restricts a run for a date to occurrences on that local date', () => {
    const candidates = [aCustomer({ birthDate: '1980-03-14', timeZone: 'Europe/London' })];
    const now = new Date('2026-03-14T12:00:00Z');

    expect(planFor({ journeys: [birthday], candidates, now, onDate: '2026-03-13' })).toEqual([]);
    expect(planFor({ journeys: [birthday], candidates, now, onDate: '2026-03-14' })).toHaveLength(1);
  });

  it('skips customers outside the audience and disabled journeys', () => {
    const prospects = [aCustomer({ stage: 'prospect' })];
    const ownersOnly = Journey.parse({ ...birthday, audience: { stages: ['owner'] } });
    const disabled = Journey.parse({ ...birthday, enabled: false });
    const now = new Date('2026-03-14T12:00:00Z');

    expect(planFor({ journeys: [ownersOnly], candidates: prospects, now })).toEqual([]);
    expect(planFor({ journeys: [disabled], candidates: [aCustomer()], now })).toEqual([]);
  });
});
