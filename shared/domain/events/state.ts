import type { ConsentChannel, CustomerRecord } from '../customer';
import type { ServiceVisit } from '../service-history';
import type { Tenant } from '../tenant';
import type { DealerEvent } from './event';

/** An event as queued for the consumer: who sent it (checked again when applied) and the event. */
export interface QueuedEvent {
  tenant: Tenant;
  event: DealerEvent;
}

/**
 * The event version (see `eventVersion`) that last set each part of a customer. A part set by an
 * import has none, so any event is newer. Kept beside the customer, not in their items: the items
 * stay what the import writes and the journeys read.
 */
export interface AppliedVersions {
  profile?: string;
  consent: Partial<Record<ConsentChannel, string>>;
  vehicles: Record<string, string>;
  complaintsOpened: Record<string, string>;
  complaintsClosed: Record<string, string>;
  /** Per repair order, the version and the visit it wrote, so a correction replaces that visit. */
  visits: Record<string, { version: string; visit: ServiceVisit }>;
  /** Per appointment id: what its newest event says (see `applyAppointment`). */
  appointments: Record<string, AppointmentState>;
  /** Per survey id, the newest answer. */
  surveys: Record<string, { version: string; survey: SurveyAnswer }>;
  /** Per referral id, the newest record. */
  referrals: Record<string, { version: string; referral: ReferralState }>;
}

/**
 * A workshop appointment as its events left it: the status follows the newest of booked,
 * rescheduled and cancelled (`version`), the start the newest booking or reschedule
 * (`startVersion`), the details the newest booking (`bookingVersion`).
 */
export interface AppointmentState {
  version: string;
  /** '' (with `startsAt` '') while only a cancellation is known. */
  startVersion: string;
  /** As the dealer's system sent it, with its offset; '' while only a cancellation is known. */
  startsAt: string;
  status: 'booked' | 'cancelled';
  bookingVersion?: string;
  dealerId?: string;
  vin?: string;
  purpose?: string;
}

export interface SurveyAnswer {
  score: number;
  comment?: string;
  repairOrder?: string;
  /** The event's `occurredAt`. */
  submittedAt: string;
}

export interface ReferralState {
  referredCustomerId?: string;
  /** The event's `occurredAt`. */
  recordedAt: string;
}

/** What the consumer reads and writes for one customer. */
export interface CustomerEventState {
  /** The customer as stored (undefined until a `customer.upserted` or an import creates them). */
  record: CustomerRecord | undefined;
  versions: AppliedVersions;
  /** Events that arrived before what they refer to (a reading before its car): applied once it exists. */
  pending: QueuedEvent[];
}

export const noVersions = (): AppliedVersions => ({
  consent: {},
  vehicles: {},
  complaintsOpened: {},
  complaintsClosed: {},
  visits: {},
  appointments: {},
  surveys: {},
  referrals: {},
});

/**
 * What applying one event did: `applied` (state now reflects it, or already did), `waiting` (kept
 * until what it refers to exists), `ignored` (never will apply, with why).
 */
export type ApplyResult = { result: 'applied' | 'waiting' } | { result: 'ignored'; reason: string };
