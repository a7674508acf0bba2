import { describe, expect, it } from 'vitest';
import { customerFacts, lastVisitOn, openComplaintsOn } from '../../shared/domain/customer-facts';
import type { CustomerRecord } from '../../shared/domain/customer';
import { lastVisitWith } from '../../shared/domain/service-history';
import { aComplaint, aCustomer, aVehicle, aVisit } from '../helpers/factories';

const record = (overrides: Partial<CustomerRecord> = {}): CustomerRecord => ({ customer: aCustomer(), vehicles: [aVehicle()], visits: [], complaints: [], ...overrides });

describe('customerFacts', () => {
  it("merges a vehicle's own readings with those taken at its visits, oldest first, a reading given twice once", () => {
    const car = aVehicle({ odometerReadings: [{ on: '2025-09-01', km: 30_000 }, { on: '2024-01-01', km: 5_000 }, { on: '2025-06-01', km: 24_000 }] });
    const other = aVehicle({ vin: 'WBA11AA010CH00002' });
    const facts = customerFacts(
      record({
        vehicles: [car, other],
        visits: [aVisit({ on: '2025-06-01', odometerKm: 24_000 }), aVisit({ on: '2024-12-01', odometerKm: 15_000 }), aVisit({ on: '2025-02-01', vin: other.vin, odometerKm: 999 })],
      }),
    );

    expect(facts.vehicles[0]!.odometerReadings).toEqual([
      { on: '2024-01-01', km: 5_000 },
      { on: '2024-12-01', km: 15_000 },
      { on: '2025-06-01', km: 24_000 },
      { on: '2025-09-01', km: 30_000 },
    ]);
    expect(facts.vehicles[0]!.visits.map((visit) => visit.on)).toEqual(['2024-12-01', '2025-06-01']);
    expect(facts.vehicles[1]!.odometerReadings).toEqual([{ on: '2025-02-01', km: 999 }]);
    expect(facts.visits.map((visit) => visit.on)).toEqual(['2024-12-01', '2025-02-01', '2025-06-01']);
  });

  it('takes the region from the profile, else the postal country, and its hemisphere from regions.ts', () => {
    expect(customerFacts(record({ customer: aCustomer({ region: 'AU-NSW' }) }))).toMatchObject({ region: 'AU-NSW', hemisphere: 'south' });
    expect(customerFacts(record({ customer: aCustomer({ region: undefined }) }))).toMatchObject({ region: 'GB', hemisphere: 'north' });
    expect(customerFacts(record({ customer: aCustomer({ postalAddress: undefined }) }))).toMatchObject({ region: undefined, hemisphere: undefined });
  });

  it('passes loyalty, interests (none when absent) and the cover end dates through', () => {
    const car = aVehicle({ fuel: 'phev', warrantyEndsOn: '2026-05-01', extendedWarranty: { endsOn: '2027-05-01', endsAtKm: 100_000 }, maintenancePlan: { endsOn: '2026-04-20' }, roadsideAssistanceEndsOn: '2026-04-30' });
    const facts = customerFacts(record({ customer: aCustomer({ loyalty: { points: 12_400, tier: 'gold' } }), vehicles: [car] }));

    expect(facts.loyalty).toEqual({ points: 12_400, tier: 'gold' });
    expect(facts.interests).toEqual([]);
    expect(facts.vehicles[0]).toMatchObject({ fuel: 'phev', warrantyEndsOn: '2026-05-01', extendedWarranty: { endsOn: '2027-05-01', endsAtKm: 100_000 }, maintenancePlan: { endsOn: '2026-04-20' }, roadsideAssistanceEndsOn: '2026-04-30' });
  });

  it('tells the complaints open on a date and the last visit by then', () => {
    const facts = customerFacts(
      record({
        visits: [aVisit({ on: '2025-12-01' }), aVisit({ on: '2026-03-20' })],
        complaints: [aComplaint({ reference: 'open', openedOn: '2026-01-10' }), aComplaint({ reference: 'closed', openedOn: '2025-11-01', closedOn: '2026-01-05' }), aComplaint({ reference: 'later', openedOn: '2026-04-01' })],
      }),
    );

    expect(openComplaintsOn(facts, '2026-03-14').map((complaint) => complaint.reference)).toEqual(['open']);
    expect(openComplaintsOn(facts, '2026-01-04').map((complaint) => complaint.reference)).toEqual(['closed']);
    expect(lastVisitOn(facts, '2026-03-14')).toBe('2025-12-01');
    expect(lastVisitOn(facts, '2025-01-01')).toBeUndefined();
  });

  it("finds a vehicle's latest visit that did a kind of work by a date", () => {
    const facts = customerFacts(
      record({ visits: [aVisit({ on: '2024-03-01', work: ['oil-service', 'regular-service'] }), aVisit({ on: '2025-03-01', work: ['oil-service'] }), aVisit({ on: '2025-09-01', work: ['tyres'] })] }),
    );
    const visits = facts.vehicles[0]!.visits;

    expect(lastVisitWith(visits, 'regular-service', '2026-03-14')?.on).toBe('2024-03-01');
    expect(lastVisitWith(visits, 'oil-service', '2026-03-14')?.on).toBe('2025-03-01');
    expect(lastVisitWith(visits, 'oil-service', '2025-02-28')?.on).toBe('2024-03-01');
    expect(lastVisitWith(visits, 'key-parts-inspection', '2026-03-14')).toBeUndefined();
  });
});
