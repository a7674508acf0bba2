import * as z from 'zod';
import { Vin } from '../vehicle/vehicle';
import { CustomerId, Instant, Reference } from './fields';

/** `appointment.booked` v1: a workshop appointment (the reminders read it). */
export const AppointmentBookedV1 = z
  .strictObject({
    customerId: CustomerId,
    appointmentId: Reference,
    startsAt: Instant,
    dealerId: z.string().min(1),
    vin: Vin.optional(),
    purpose: z.string().min(1).max(200).optional(),
  })
  .meta({ description: 'A workshop appointment booked.' });

/** `appointment.rescheduled` v1: the appointment moved to a new start. */
export const AppointmentRescheduledV1 = z
  .strictObject({ customerId: CustomerId, appointmentId: Reference, startsAt: Instant })
  .meta({ description: 'A workshop appointment moved.' });

/** `appointment.cancelled` v1. */
export const AppointmentCancelledV1 = z
  .strictObject({ customerId: CustomerId, appointmentId: Reference, reason: z.string().min(1).max(200).optional() })
  .meta({ description: 'A workshop appointment cancelled.' });

export type AppointmentBookedV1 = z.infer<typeof AppointmentBookedV1>;
export type AppointmentRescheduledV1 = z.infer<typeof AppointmentRescheduledV1>;
export type AppointmentCancelledV1 = z.infer<typeof AppointmentCancelledV1>;
