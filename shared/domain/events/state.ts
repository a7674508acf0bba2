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
}

/** What the consumer reads and writes for one customer. */
export interface CustomerEventState {
  /** The customer as stored (undefined until a `customer.upserted` or an import creates them). */
  record: CustomerRecord | undefined;
  versions: AppliedVersions;
  /** Events that arrived before what they refer to (a reading before its car): applied once it exists. */
  pending: QueuedEvent[];
}

export const noVersions = (): AppliedVersions => ({ consent: {}, vehicles: {}, complaintsOpened: {}, complaintsClosed: {}, visits: {} });

/**
 * What applying one event did: `applied` (state now reflects it, or already did), `waiting` (kept
 * until what it refers to exists), `ignored` (never will apply, with why), `stored` (a type kept
 * at intake but not applied to state yet).
 */
export type ApplyResult = { result: 'applied' | 'waiting' | 'stored' } | { result: 'ignored'; reason: string };
