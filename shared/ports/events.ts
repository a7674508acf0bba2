import type { Dealer } from '../domain/customer';
import type { DealerEvent } from '../domain/events/event';
import type { CustomerEventState, QueuedEvent } from '../domain/events/state';

/** The intake record of an event: what makes `POST /v1/events` idempotent per (tenant, id). */
export interface IntakeRecord {
  tenant: string;
  eventId: string;
  /** SHA-256 of the event as parsed: the same id with another body is a conflict. */
  fingerprint: string;
  event: DealerEvent;
  receivedAt: string;
  /** `received` until the event is on the queue; a retry of a `received` one queues it again. */
  status: 'received' | 'queued';
}

export type IntakeClaim = { claimed: true } | { claimed: false; existing: Pick<IntakeRecord, 'fingerprint' | 'status'> };

/** Records received events, once each. */
export interface EventIntake {
  /** Writes the record unless one exists for (tenant, id); then returns the existing one's fingerprint and status. */
  claim(record: IntakeRecord): Promise<IntakeClaim>;
  markQueued(tenant: string, eventIds: string[]): Promise<void>;
}

/** The events queue: FIFO per customer, so one customer's events are applied one batch at a time. */
export interface EventQueue {
  enqueue(events: QueuedEvent[]): Promise<void>;
}

/** Dealers by id, with their brand: for tenant checks. */
export interface DealerLookup {
  dealers(dealerIds: string[]): Promise<Map<string, Dealer>>;
}

/** A customer's stored record with the versions and waiting events of the event consumer. */
export interface CustomerEventStore {
  load(customerId: string): Promise<CustomerEventState>;
  /** Writes the record (compare first, like the import) and then the versions and waiting events. */
  save(customerId: string, state: CustomerEventState): Promise<void>;
}
