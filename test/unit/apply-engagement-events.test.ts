import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCustomerEvents } from '../../shared/domain/events/apply';
import type { DealerEvent } from '../../shared/domain/events/event';
import { noVersions, type CustomerEventState, type QueuedEvent } from '../../shared/domain/events/state';
import { anEvent, upsert } from '../helpers/events';

const dealers = new Map([['dealer-sh', { id: 'dealer-sh', brandId: 'bmw-cn' }]]);
const empty = (): CustomerEventState => ({ record: undefined, versions: noVersions(), pending: [] });
const queued = (events: DealerEvent[]): QueuedEvent[] => events.map((event) => ({ tenant: { kind: 'dealer', dealerId: 'dealer-sh' }, event }));
const apply = (events: QueuedEvent[], state = empty()) => applyCustomerEvents(state, events, (id) => dealers.get(id));

const profile = upsert('p', '2026-03-01T09:00:00+08:00');
const booked = anEvent('appointment.booked', 'a1', '2026-03-10T09:00:00+08:00', { customerId: 'c-1', appointmentId: 'AP-1', startsAt: '2026-03-20T10:00:00+08:00', dealerId: 'dealer-sh', purpose: 'Annual service' });
const moved = anEvent('appointment.rescheduled', 'a2', '2026-03-11T09:00:00+08:00', { customerId: 'c-1', appointmentId: 'AP-1', startsAt: '2026-03-21T14:00:00+08:00' });
const cancelled = anEvent('appointment.cancelled', 'a3', '2026-03-12T09:00:00+08:00', { customerId: 'c-1', appointmentId: 'AP-1' });
const survey = anEvent('survey.submitted', 's1', '2026-03-12T18:00:00+08:00', { customerId: 'c-1', surveyId: 'SV-1', score: 3, comment: 'Too slow', repairOrder: 'RO-1' });
const referral = anEvent('referral.recorded', 'r1', '2026-03-13T09:00:00+08:00', { customerId: 'c-1', referralId: 'RF-1', referredCustomerId: 'c-2' });

describe('applying appointment, survey and referral events', () => {
  it("keeps the customer's appointment at the newest start, with the booking's details", () => {
    const { state } = apply(queued([profile, moved, booked]));

    expect(state.versions.appointments['AP-1']).toMatchObject({ startsAt: '2026-03-21T14:00:00+08:00', status: 'booked', dealerId: 'dealer-sh', purpose: 'Annual service' });
  });

  it('never lets an older booking or reschedule undo a newer cancellation', () => {
    const cancelledFirst = apply(queued([profile, cancelled])).state;

    const { state } = apply(queued([moved, booked]), cancelledFirst);

    expect(state.versions.appointments['AP-1']).toMatchObject({ status: 'cancelled', startsAt: '2026-03-21T14:00:00+08:00', dealerId: 'dealer-sh' });
  });

  it('keeps survey answers and referrals by their id', () => {
    const { state, results } = apply(queued([profile, survey, referral]));

    expect(state.versions.surveys['SV-1']?.survey).toEqual({ score: 3, comment: 'Too slow', repairOrder: 'RO-1', submittedAt: '2026-03-12T18:00:00+08:00' });
    expect(state.versions.referrals['RF-1']?.referral).toEqual({ referredCustomerId: 'c-2', recordedAt: '2026-03-13T09:00:00+08:00' });
    expect([...results.values()].every((result) => result.result === 'applied')).toBe(true);
  });

  it('waits with an appointment of a customer not yet known', () => {
    const { state, results } = apply(queued([booked]));

    expect(results.get('dealer:dealer-sh|a1')).toEqual({ result: 'waiting' });
    expect(state.versions.appointments['AP-1']).toBeUndefined();
    expect(apply(queued([profile]), state).state.versions.appointments['AP-1']?.status).toBe('booked');
  });

  it('leaves the same state whatever order the events arrive in, each any number of times', () => {
    const story = queued([profile, booked, moved, cancelled, survey, referral]);
    const inOrder = apply(story).state;
    fc.assert(
      fc.property(fc.shuffledSubarray([...story, ...story], { minLength: story.length * 2 }), fc.boolean(), (arrival, oneByOne) => {
        const state = oneByOne ? arrival.reduce((current, event) => apply([event], current).state, empty()) : apply(arrival).state;
        expect(state).toEqual(inOrder);
      }),
      { numRuns: 200 },
    );
  });
});
