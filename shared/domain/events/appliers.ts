/**
 * How each applied event type changes a customer. Every change is last-writer-wins by event
 * version (event time, then id) or a set union, so the result does not depend on the order the
 * events arrive in, and applying an event twice changes nothing the second time.
 */
import type { ConsentChannel, ConsentRecord, Customer, CustomerRecord } from '../customer';
import type { ServiceVisit } from '../service-history';
import type { OdometerReading } from '../vehicle/mileage';
import { eventVersion, localDateOf, type EventOf } from './event';
import type { AppliedVersions } from './state';

/** A step's answer: the new record and versions, or why it must wait or will never apply. */
export type Step =
  | { kind: 'changed'; record: CustomerRecord; versions: AppliedVersions }
  | { kind: 'waiting' }
  | { kind: 'ignored'; reason: string };

const newer = (candidate: string, current: string | undefined) => current === undefined || candidate > current;

/** Version of a consent record: its own time, then the event that brought it ('' for an import). */
const consentVersion = (record: ConsentRecord, eventId: string) => `${new Date(record.at).toISOString()}#${eventId}`;

function mergeConsent(
  current: Customer['consent'],
  versions: AppliedVersions['consent'],
  incoming: Customer['consent'],
  eventId: string,
): { consent: Customer['consent']; versions: AppliedVersions['consent'] } {
  const consent = { ...current };
  const merged = { ...versions };
  for (const [channel, record] of Object.entries(incoming) as [ConsentChannel, ConsentRecord][]) {
    if (!record) continue;
    const existing = consent[channel];
    const currentVersion = merged[channel] ?? (existing ? consentVersion(existing, '') : undefined);
    const candidate = consentVersion(record, eventId);
    if (newer(candidate, currentVersion)) {
      consent[channel] = record;
      merged[channel] = candidate;
    }
  }
  return { consent, versions: merged };
}

export function applyUpsert(record: CustomerRecord | undefined, versions: AppliedVersions, event: EventOf<'customer.upserted'>): Step {
  const { customerId, consent: incomingConsent, ...profile } = event.data;
  const version = eventVersion(event);
  const base = record?.customer;
  const consent = mergeConsent(base?.consent ?? {}, versions.consent, incomingConsent, event.id);
  const customer: Customer = base && !newer(version, versions.profile) ? { ...base, consent: consent.consent } : { ...profile, id: customerId, consent: consent.consent };
  return {
    kind: 'changed',
    record: record ? { ...record, customer } : { customer, vehicles: [], visits: [], complaints: [] },
    versions: { ...versions, consent: consent.versions, profile: base && !newer(version, versions.profile) ? versions.profile : version },
  };
}

export function applyConsent(record: CustomerRecord, versions: AppliedVersions, event: EventOf<'consent.changed'>): Step {
  const { channel, granted, source } = event.data;
  const merged = mergeConsent(record.customer.consent, versions.consent, { [channel]: { granted, source, at: event.occurredAt } }, event.id);
  return { kind: 'changed', record: { ...record, customer: { ...record.customer, consent: merged.consent } }, versions: { ...versions, consent: merged.versions } };
}

export function applyDelivery(record: CustomerRecord, versions: AppliedVersions, event: EventOf<'vehicle.delivered'>): Step {
  const { vehicle } = event.data;
  const version = eventVersion(event);
  const existing = record.vehicles.find((car) => car.vin === vehicle.vin);
  if (existing && !newer(version, versions.vehicles[vehicle.vin])) return { kind: 'changed', record, versions };
  // Readings come from their own events and survive a newer delivery record of the same car.
  const updated = { ...vehicle, ...(existing?.odometerReadings ? { odometerReadings: existing.odometerReadings } : {}) };
  // Sorted by VIN, so the same events give the same record whatever order they came in.
  const vehicles = [...record.vehicles.filter((car) => car.vin !== vehicle.vin), updated].sort((a, b) => (a.vin < b.vin ? -1 : 1));
  return { kind: 'changed', record: { ...record, vehicles }, versions: { ...versions, vehicles: { ...versions.vehicles, [vehicle.vin]: version } } };
}

/** Readings kept per car: the schema's cap; the newest count for the mileage estimate. */
const maxReadings = 500;
const byDateThenKm = (a: OdometerReading, b: OdometerReading) => (a.on !== b.on ? (a.on < b.on ? -1 : 1) : a.km - b.km);

export function applyReading(record: CustomerRecord, versions: AppliedVersions, event: EventOf<'odometer.reported'>): Step {
  const { vin, km } = event.data;
  const vehicle = record.vehicles.find((car) => car.vin === vin);
  if (!vehicle) return { kind: 'waiting' };
  const reading = { on: localDateOf(event), km };
  const readings = vehicle.odometerReadings ?? [];
  if (readings.some((known) => known.on === reading.on && known.km === reading.km)) return { kind: 'changed', record, versions };
  // A reading is history, not a current value: an older one is added beside newer ones, never over them.
  const odometerReadings = [...readings, reading].sort(byDateThenKm).slice(-maxReadings);
  return { kind: 'changed', record: { ...record, vehicles: record.vehicles.map((car) => (car === vehicle ? { ...car, odometerReadings } : car)) }, versions };
}

const visitText = (visit: ServiceVisit) => JSON.stringify([visit.on, visit.dealerId, visit.vin ?? '', visit.odometerKm ?? -1, visit.work ?? []]);

export function applyService(record: CustomerRecord, versions: AppliedVersions, event: EventOf<'service.completed'>): Step {
  const { repairOrder, dealerId, closedOn, vin, odometerKm, work } = event.data;
  if (vin !== undefined && !record.vehicles.some((car) => car.vin === vin)) return { kind: 'waiting' };
  const version = eventVersion(event);
  const previous = versions.visits[repairOrder];
  if (previous && !newer(version, previous.version)) return { kind: 'changed', record, versions };
  const visit: ServiceVisit = { on: closedOn, dealerId, ...(vin !== undefined ? { vin } : {}), ...(odometerKm !== undefined ? { odometerKm } : {}), work };
  // A correction of the same repair order replaces the visit it wrote (one of equal visits).
  const visits = [...record.visits];
  const replaced = previous ? visits.findIndex((known) => visitText(known) === visitText(previous.visit)) : -1;
  if (replaced >= 0) visits.splice(replaced, 1);
  visits.push(visit);
  visits.sort((a, b) => (visitText(a) < visitText(b) ? -1 : visitText(a) > visitText(b) ? 1 : 0));
  return { kind: 'changed', record: { ...record, visits }, versions: { ...versions, visits: { ...versions.visits, [repairOrder]: { version, visit } } } };
}

export function applyComplaintOpened(record: CustomerRecord, versions: AppliedVersions, event: EventOf<'complaint.opened'>): Step {
  const { reference, openedOn } = event.data;
  const version = eventVersion(event);
  const existing = record.complaints.find((complaint) => complaint.reference === reference);
  if (existing && !newer(version, versions.complaintsOpened[reference])) return { kind: 'changed', record, versions };
  if (existing?.closedOn !== undefined && existing.closedOn < openedOn) return { kind: 'ignored', reason: 'opened after it was closed' };
  const complaints = existing
    ? record.complaints.map((complaint) => (complaint === existing ? { ...complaint, openedOn } : complaint))
    : [...record.complaints, { reference, openedOn }].sort((a, b) => (a.reference < b.reference ? -1 : 1));
  return { kind: 'changed', record: { ...record, complaints }, versions: { ...versions, complaintsOpened: { ...versions.complaintsOpened, [reference]: version } } };
}

export function applyComplaintClosed(record: CustomerRecord, versions: AppliedVersions, event: EventOf<'complaint.closed'>): Step {
  const { reference, closedOn } = event.data;
  const existing = record.complaints.find((complaint) => complaint.reference === reference);
  if (!existing) return { kind: 'waiting' };
  const version = eventVersion(event);
  if (!newer(version, versions.complaintsClosed[reference])) return { kind: 'changed', record, versions };
  if (closedOn < existing.openedOn) return { kind: 'ignored', reason: 'closed before it was opened' };
  const complaints = record.complaints.map((complaint) => (complaint === existing ? { ...complaint, closedOn } : complaint));
  return { kind: 'changed', record: { ...record, complaints }, versions: { ...versions, complaintsClosed: { ...versions.complaintsClosed, [reference]: version } } };
}
