import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCustomerEvents, queuedEventKey } from '../../shared/domain/events/apply';
import { noVersions, type CustomerEventState, type QueuedEvent } from '../../shared/domain/events/state';
import type { DealerEvent } from '../../shared/domain/events/event';
import type { Tenant } from '../../shared/domain/tenant';
import { aCustomerStory, anEvent, upsert, vin } from '../helpers/events';

const shanghai: Tenant = { kind: 'dealer', dealerId: 'dealer-sh' };
const dealers = new Map([
  ['dealer-sh', { id: 'dealer-sh', brandId: 'bmw-cn' }],
  ['dealer-bj', { id: 'dealer-bj', brandId: 'bmw-cn' }],
  ['dealer-syd', { id: 'dealer-syd', brandId: 'bmw-au' }],
]);
const empty = (): CustomerEventState => ({ record: undefined, versions: noVersions(), pending: [] });
const queued = (events: DealerEvent[], tenant: Tenant = shanghai): QueuedEvent[] => events.map((event) => ({ tenant, event }));
const apply = (events: QueuedEvent[], state = empty()) => applyCustomerEvents(state, events, (id) => dealers.get(id));

describe('applyCustomerEvents', () => {
  it('applies a customer story: profile, consent, car, readings, visit, complaint, and the survey answer', () => {
    const { state, results } = apply(queued(aCustomerStory()));

    expect(state.record).toMatchObject({
      customer: { id: 'c-1', lastName: 'Lee-Wong', consent: { email: { granted: false, source: 'unsubscribe-link' } } },
      vehicles: [{ vin, model: 'iX', odometerReadings: [{ on: '2026-03-05', km: 120 }, { on: '2026-03-10', km: 640 }] }],
      visits: [{ on: '2026-03-11', dealerId: 'dealer-sh', vin, odometerKm: 700, work: ['battery-check'] }],
      complaints: [{ reference: 'CR-1', openedOn: '2026-03-12', closedOn: '2026-03-13' }],
    });
    expect(state.pending).toEqual([]);
    expect(state.versions.surveys['S-1']?.survey).toEqual({ score: 9, submittedAt: '2026-03-14T12:00:00+08:00' });
    expect([...results.values()].filter((result) => result.result === 'applied')).toHaveLength(11);
  });

  it('leaves the same state whatever order the events arrive in, in one call or one at a time, each any number of times', () => {
    const story = queued(aCustomerStory());
    const inOrder = apply(story).state;
    fc.assert(
      fc.property(fc.shuffledSubarray([...story, ...story], { minLength: story.length * 2 }), fc.boolean(), (arrival, oneByOne) => {
        const state = oneByOne ? arrival.reduce((current, event) => apply([event], current).state, empty()) : apply(arrival).state;
        expect(state).toEqual(inOrder);
      }),
      { numRuns: 200 },
    );
  });

  it('never lets an older consent or profile overwrite a newer one', () => {
    const [first, , , , , , , withdrawal, , rename] = aCustomerStory() as DealerEvent[];
    const grantedLater = anEvent('consent.changed', 'old', '2026-03-01T09:06:00+08:00', { customerId: 'c-1', channel: 'email', granted: true, source: 'form' });
    const olderProfile = upsert('older', '2026-03-02T12:00:00+08:00', { lastName: 'Old', consent: { email: { granted: true, source: 'dms', at: '2026-03-02T12:00:00+08:00' } } });

    // One at a time, newest first: each older event arrives after the newer one is applied.
    const state = queued([rename!, withdrawal!, grantedLater, olderProfile]).reduce((current, event) => apply([event], current).state, apply(queued([first!])).state);

    expect(state.record!.customer.lastName).toBe('Lee-Wong');
    expect(state.record!.customer.consent.email).toMatchObject({ granted: false, source: 'unsubscribe-link' });
  });

  it('keeps a reading that arrives before its car waiting, and applies it when the car arrives', () => {
    const [profile, , delivery, reading] = aCustomerStory() as DealerEvent[];

    const before = apply(queued([profile!, reading!]));
    const after = apply(queued([delivery!]), before.state);

    expect(before.results.get('dealer:dealer-sh|e4')).toEqual({ result: 'waiting' });
    expect(before.state.pending).toHaveLength(1);
    expect(after.state.record!.vehicles[0]!.odometerReadings).toEqual([{ on: '2026-03-05', km: 120 }]);
    expect(after.state.pending).toEqual([]);
  });

  it("ignores events from a dealer that is not the customer's, and lets the brand of the dealer through", () => {
    const [profile] = aCustomerStory() as DealerEvent[];
    const rename = upsert('x', '2026-03-05T00:00:00Z', { lastName: 'Hijacked', dealerId: 'dealer-syd' });
    const consent = anEvent('consent.changed', 'y', '2026-03-05T00:00:00Z', { customerId: 'c-1', channel: 'sms', granted: true, source: 'call' });
    const created = apply(queued([profile!])).state;

    const fromSydney = apply(queued([rename, consent], { kind: 'dealer', dealerId: 'dealer-syd' }), created);
    const fromOtherBrand = apply(queued([consent], { kind: 'brand', brandId: 'bmw-au' }), created);
    const fromBrand = apply(queued([consent], { kind: 'brand', brandId: 'bmw-cn' }), created);

    expect(fromSydney.state.record).toEqual(created.record);
    expect(fromSydney.results.get('dealer:dealer-syd|y')).toMatchObject({ result: 'ignored' });
    expect(fromOtherBrand.state.record).toEqual(created.record);
    expect(fromBrand.state.record!.customer.consent.sms).toMatchObject({ granted: true });
  });

  it('replaces the visit of a corrected repair order instead of adding a second one', () => {
    const [profile, , delivery, , , service] = aCustomerStory() as DealerEvent[];
    const correction = anEvent('service.completed', 'fix', '2026-03-12T08:00:00+08:00', { customerId: 'c-1', repairOrder: 'RO-1', dealerId: 'dealer-sh', closedOn: '2026-03-11', vin, odometerKm: 710, work: ['battery-check', 'oil-service'] });

    const { state } = apply(queued([correction, profile!, service!, delivery!]));

    expect(state.record!.visits).toEqual([{ on: '2026-03-11', dealerId: 'dealer-sh', vin, odometerKm: 710, work: ['battery-check', 'oil-service'] }]);
  });

  it('bounds the events waiting for a customer, counting the oldest ignored', () => {
    const readings = Array.from({ length: 105 }, (_, index) => anEvent('odometer.reported', `r${index}`, `2026-03-01T00:${String(index % 60).padStart(2, '0')}:00Z`, { customerId: 'c-1', vin, km: index }));

    const { state, results } = apply(queued(readings));

    expect(state.pending).toHaveLength(100);
    expect([...results.values()].filter((result) => result.result === 'ignored')).toHaveLength(5);
    expect(queuedEventKey(state.pending[0]!)).toMatch(/^dealer:dealer-sh\|r/);
  });
});
