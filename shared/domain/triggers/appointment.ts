import * as z from 'zod';
import { localMomentIn } from '../dates';
import type { EventTriggerKind } from './event-kind';
import { utcInstant } from './event-kind';

/** A workshop appointment: its steps go out hours before (negative `offsetHours`) its start. */
export const AppointmentTrigger = z.strictObject({ type: z.literal('appointment') });
export type AppointmentTrigger = z.infer<typeof AppointmentTrigger>;

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * One occurrence per appointment and start: the key is `<appointmentId>@<start in UTC>`, so a
 * moved appointment is a new occurrence (its reminders go out again, for the new time) and the
 * old one's held reminders are dropped (see `concerns`). A cancelled appointment has none. A
 * reminder whose time has passed is never sent late: it would remind of what already happened.
 */
export const appointmentKind: EventTriggerKind<AppointmentTrigger, 'appointment.booked' | 'appointment.rescheduled' | 'appointment.cancelled'> = {
  type: 'appointment',
  schema: AppointmentTrigger,
  startedBy: ['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled'],
  holdReason: 'appointment-reminder',
  occurrences(_trigger, { event, versions, customer }) {
    const { appointmentId } = event.data;
    const appointment = versions.appointments[appointmentId];
    if (!appointment || appointment.status !== 'booked' || appointment.startsAt === '') return [];
    const at = utcInstant(appointment.startsAt);
    // The time the customer reads is their own zone's, whatever offset the dealer's system sent.
    const local = localMomentIn(new Date(at), customer.timeZone);
    const time = `${twoDigits(Math.floor(local.minuteOfDay / 60))}:${twoDigits(local.minuteOfDay % 60)}`;
    // A reminder that arrives after the start reminds of what already happened.
    return [{ key: `${appointmentId}@${at}`, at, date: local.date, validUntil: at, facts: { appointmentId, appointmentDate: local.date, appointmentTime: time } }];
  },
  concerns: (_trigger, event) => `${event.data.appointmentId}@`,
  sampleFacts: { appointmentId: 'AP-1001', appointmentDate: '2026-03-15', appointmentTime: '10:30' },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...appointmentKind.sampleFacts } };
    return [
      { label: 'a customer with an appointment and a vehicle', context: base },
      { label: 'a customer with an appointment and no vehicle on file', context: { ...base, vehicle: null, age: null } },
    ];
  },
};
