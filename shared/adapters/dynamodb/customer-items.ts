import type { Customer, CustomerRecord, Dealer, Vehicle } from '../../domain/customer';
import type { Complaint, ServiceVisit } from '../../domain/service-history';
import type { Brand } from '../../domain/brand';
import { phoneIndexForm } from '../../domain/phone-key';
import { brandDealersIndexKey, brandKey, complaintKey, customerKey, dealerKey, itemType, phoneIndexKey, vehicleKey, visitKey } from './keys';

/**
 * The stored form of a customer profile. Journeys find customers through the due index; the
 * profile is on GSI1 only under its normalised mobile number, for inbound SMS (STOP).
 */
export function customerItem(customer: Customer): Record<string, unknown> {
  const e164 = customer.phone === undefined ? undefined : phoneIndexForm(customer.phone);
  return {
    ...customerKey(customer.id),
    ...(e164 ? phoneIndexKey(e164, customer.id) : {}),
    type: itemType.customer,
    ...customer,
  };
}

export function vehicleItem(customerId: string, vehicle: Vehicle): Record<string, unknown> {
  return { ...vehicleKey(customerId, vehicle.vin), type: itemType.vehicle, ...vehicle };
}

// Orders one day's visits the same way whatever order a file lists them in, so a re-import
// numbers them alike and writes nothing.
const visitOrder = (visit: ServiceVisit): string => JSON.stringify([visit.on, visit.dealerId, visit.vin ?? '', visit.odometerKm ?? -1, visit.work ?? []]);

/** One item per visit, numbered within its day (two visits on a day are two items). */
export function visitItems(customerId: string, visits: readonly ServiceVisit[]): Record<string, unknown>[] {
  const sorted = visits.map((visit) => ({ visit, order: visitOrder(visit) })).sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const perDay = new Map<string, number>();
  return sorted.map(({ visit }) => {
    const sequence = perDay.get(visit.on) ?? 0;
    perDay.set(visit.on, sequence + 1);
    return { ...visitKey(customerId, visit.on, sequence), type: itemType.visit, ...visit };
  });
}

export function complaintItem(customerId: string, complaint: Complaint): Record<string, unknown> {
  return { ...complaintKey(customerId, complaint.reference), type: itemType.complaint, ...complaint };
}

/** Every item of a customer's profile range: profile, vehicles, visits and complaints. */
export function customerRecordItems({ customer, vehicles, visits, complaints }: CustomerRecord): Record<string, unknown>[] {
  return [
    customerItem(customer),
    ...vehicles.map((vehicle) => vehicleItem(customer.id, vehicle)),
    ...visitItems(customer.id, visits),
    ...complaints.map((complaint) => complaintItem(customer.id, complaint)),
  ];
}

/** A dealer of a brand is filed under its brand on GSI1 (the brand's dealers in one Query). */
export function dealerItem(dealer: Dealer): Record<string, unknown> {
  return { ...dealerKey(dealer.id), ...(dealer.brandId !== undefined ? brandDealersIndexKey(dealer.brandId, dealer.id) : {}), type: itemType.dealer, ...dealer };
}

export function brandItem(brand: Brand): Record<string, unknown> {
  return { ...brandKey(brand.id), type: itemType.brand, ...brand };
}
