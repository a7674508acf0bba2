import { DealerEvent } from '../../shared/domain/events/event';

/** A v1 dealer event, parsed like the API parses it (defaults filled in). */
export function anEvent(type: string, id: string, occurredAt: string, data: Record<string, unknown>): DealerEvent {
  return DealerEvent.parse({ id, type, occurredAt, data });
}

export const upsert = (id: string, occurredAt: string, overrides: Record<string, unknown> = {}) =>
  anEvent('customer.upserted', id, occurredAt, {
    customerId: 'c-1',
    dealerId: 'dealer-sh',
    firstName: 'Ann',
    lastName: 'Lee',
    locale: 'en',
    timeZone: 'Asia/Shanghai',
    email: 'ann.lee@example.com',
    ...overrides,
  });

export const vin = 'WBA11AA010CH00001';

/** One of each applied type for customer c-1 of dealer-sh, in event order. */
export function aCustomerStory(): DealerEvent[] {
  return [
    upsert('e1', '2026-03-01T09:00:00+08:00'),
    anEvent('consent.changed', 'e2', '2026-03-01T09:05:00+08:00', { customerId: 'c-1', channel: 'email', granted: true, source: 'showroom-form' }),
    anEvent('vehicle.delivered', 'e3', '2026-03-02T10:00:00+08:00', { customerId: 'c-1', vehicle: { vin, brand: 'BMW', model: 'iX', deliveredOn: '2026-03-02', fuel: 'ev' } }),
    anEvent('odometer.reported', 'e4', '2026-03-05T08:00:00+08:00', { customerId: 'c-1', vin, km: 120 }),
    anEvent('odometer.reported', 'e5', '2026-03-10T08:00:00+08:00', { customerId: 'c-1', vin, km: 640 }),
    anEvent('service.completed', 'e6', '2026-03-11T17:00:00+08:00', { customerId: 'c-1', repairOrder: 'RO-1', dealerId: 'dealer-sh', closedOn: '2026-03-11', vin, odometerKm: 700, work: ['battery-check'] }),
    anEvent('complaint.opened', 'e7', '2026-03-12T09:00:00+08:00', { customerId: 'c-1', reference: 'CR-1', openedOn: '2026-03-12' }),
    anEvent('consent.changed', 'e8', '2026-03-12T10:00:00+08:00', { customerId: 'c-1', channel: 'email', granted: false, source: 'unsubscribe-link' }),
    anEvent('complaint.closed', 'e9', '2026-03-13T09:00:00+08:00', { customerId: 'c-1', reference: 'CR-1', closedOn: '2026-03-13' }),
    upsert('e10', '2026-03-13T12:00:00+08:00', { lastName: 'Lee-Wong' }),
    anEvent('survey.submitted', 'e11', '2026-03-14T12:00:00+08:00', { customerId: 'c-1', surveyId: 'S-1', score: 9 }),
  ];
}
