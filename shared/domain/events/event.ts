/**
 * The dealer events of API v1 (`POST /v1/events`): a CloudEventS-like envelope
 * `{ id, type, occurredAt, data }` whose `data` has one versioned schema per type. The sender's
 * `id` is the idempotency key (per tenant); `occurredAt`, not arrival, orders events.
 *
 * @example
 * ```json
 * {"id": "dms-4711", "type": "odometer.reported", "occurredAt": "2026-03-14T09:30:00+08:00",
 *  "data": {"customerId": "c-1", "vin": "WBA11AA010CH00001", "km": 41800}}
 * ```
 */
import * as z from 'zod';
import { AppointmentBookedV1, AppointmentCancelledV1, AppointmentRescheduledV1 } from './appointment-events';
import { ConsentChangedV1, CustomerUpsertedV1 } from './customer-events';
import { Instant } from './fields';
import { ComplaintClosedV1, ComplaintOpenedV1, ReferralRecordedV1 } from './relationship-events';
import { VehicleDeliveredV1, OdometerReportedV1 } from './vehicle-events';
import { ServiceCompletedV1, SurveySubmittedV1 } from './workshop-events';

/** The sender's unique id of an event: printable ASCII, no spaces. */
export const EventId = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'expected 1-128 printable ASCII characters without spaces');

/** The schema of each type's `data`, version 1. A v2 would be a new schema beside it, never a change. */
export const eventDataSchemas = {
  'customer.upserted': CustomerUpsertedV1,
  'consent.changed': ConsentChangedV1,
  'vehicle.delivered': VehicleDeliveredV1,
  'odometer.reported': OdometerReportedV1,
  'appointment.booked': AppointmentBookedV1,
  'appointment.rescheduled': AppointmentRescheduledV1,
  'appointment.cancelled': AppointmentCancelledV1,
  'service.completed': ServiceCompletedV1,
  'survey.submitted': SurveySubmittedV1,
  'complaint.opened': ComplaintOpenedV1,
  'complaint.closed': ComplaintClosedV1,
  'referral.recorded': ReferralRecordedV1,
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];

function envelope<T extends EventType>(type: T) {
  return z
    .strictObject({
      id: EventId,
      type: z.literal(type),
      occurredAt: Instant.meta({ description: 'When it happened, ISO-8601 with offset: decides the order in which events apply.' }),
      data: eventDataSchemas[type] as (typeof eventDataSchemas)[T],
    })
    .meta({ id: `Event_${type.replace('.', '_')}`, title: type });
}

/** One dealer event, any type of v1. */
export const DealerEvent = z.discriminatedUnion('type', [
  envelope('customer.upserted'),
  envelope('consent.changed'),
  envelope('vehicle.delivered'),
  envelope('odometer.reported'),
  envelope('appointment.booked'),
  envelope('appointment.rescheduled'),
  envelope('appointment.cancelled'),
  envelope('service.completed'),
  envelope('survey.submitted'),
  envelope('complaint.opened'),
  envelope('complaint.closed'),
  envelope('referral.recorded'),
]);
export type DealerEvent = z.infer<typeof DealerEvent>;
export type EventOf<T extends EventType> = Extract<DealerEvent, { type: T }>;

/** The customer every v1 event is about. */
export const subjectOf = (event: DealerEvent): string => event.data.customerId;

/**
 * An event's place in event time: the instant in UTC, then the id, so two events of the same
 * instant order the same way wherever they are compared. Strings compare in that order.
 */
export function eventVersion(event: Pick<DealerEvent, 'occurredAt' | 'id'>): string {
  return `${new Date(event.occurredAt).toISOString()}#${event.id}`;
}

/** The local date of an event, as its sender's offset gives it (`2026-03-14T23:30:00+08:00` is the 14th). */
export const localDateOf = (event: Pick<DealerEvent, 'occurredAt'>): string => event.occurredAt.slice(0, 10);
