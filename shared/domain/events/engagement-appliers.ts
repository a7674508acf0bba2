/**
 * How appointment, survey and referral events change a customer's event state. They touch no
 * item the journeys plan from (profile, cars, visits, complaints): they are kept in the state
 * item, where the event-triggered journeys read them. Last writer wins by event version, so the
 * order events arrive in does not matter and a replay changes nothing.
 */
import type { CustomerRecord } from '../customer';
import type { Step } from './appliers';
import { eventVersion, type EventOf } from './event';
import type { AppliedVersions, AppointmentState } from './state';

const newer = (candidate: string, current: string | undefined) => current === undefined || candidate > current;

type AppointmentEvent = EventOf<'appointment.booked'> | EventOf<'appointment.rescheduled'> | EventOf<'appointment.cancelled'>;

/**
 * An older change never overwrites a newer one, part by part: the status follows the newest of
 * booked, rescheduled and cancelled; the start the newest booking or reschedule (a cancellation
 * keeps it, so an older reschedule arriving after it still moves it, as in event order); the
 * details (dealer, car, purpose) the newest booking.
 */
export function applyAppointment(record: CustomerRecord, versions: AppliedVersions, event: AppointmentEvent): Step {
  const version = eventVersion(event);
  const { appointmentId } = event.data;
  const current = versions.appointments[appointmentId];
  let next: AppointmentState = current ?? { version, startVersion: '', startsAt: '', status: 'booked' };
  if (newer(version, current?.version)) next = { ...next, version, status: event.type === 'appointment.cancelled' ? 'cancelled' : 'booked' };
  if (event.type !== 'appointment.cancelled' && newer(version, next.startVersion || undefined)) next = { ...next, startVersion: version, startsAt: event.data.startsAt };
  if (event.type === 'appointment.booked' && newer(version, next.bookingVersion)) {
    const { dealerId, vin, purpose } = event.data;
    next = { ...next, bookingVersion: version, dealerId, ...(vin !== undefined ? { vin } : {}), ...(purpose !== undefined ? { purpose } : {}) };
  }
  if (current && JSON.stringify(next) === JSON.stringify(current)) return { kind: 'changed', record, versions };
  return { kind: 'changed', record, versions: { ...versions, appointments: { ...versions.appointments, [appointmentId]: next } } };
}

export function applySurvey(record: CustomerRecord, versions: AppliedVersions, event: EventOf<'survey.submitted'>): Step {
  const version = eventVersion(event);
  const { surveyId, score, comment, repairOrder } = event.data;
  if (!newer(version, versions.surveys[surveyId]?.version)) return { kind: 'changed', record, versions };
  const survey = { score, submittedAt: event.occurredAt, ...(comment !== undefined ? { comment } : {}), ...(repairOrder !== undefined ? { repairOrder } : {}) };
  return { kind: 'changed', record, versions: { ...versions, surveys: { ...versions.surveys, [surveyId]: { version, survey } } } };
}

export function applyReferral(record: CustomerRecord, versions: AppliedVersions, event: EventOf<'referral.recorded'>): Step {
  const version = eventVersion(event);
  const { referralId, referredCustomerId } = event.data;
  if (!newer(version, versions.referrals[referralId]?.version)) return { kind: 'changed', record, versions };
  const referral = { recordedAt: event.occurredAt, ...(referredCustomerId !== undefined ? { referredCustomerId } : {}) };
  return { kind: 'changed', record, versions: { ...versions, referrals: { ...versions.referrals, [referralId]: { version, referral } } } };
}
