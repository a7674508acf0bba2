import { assertNever } from '../assert-never';
import { tenantReaches, tenantId, type DealerTenancy } from '../tenant';
import { eventVersion, type DealerEvent } from './event';
import { applyComplaintClosed, applyComplaintOpened, applyConsent, applyDelivery, applyReading, applyService, applyUpsert, type Step } from './appliers';
import { applyAppointment, applyReferral, applySurvey } from './engagement-appliers';
import type { ApplyResult, CustomerEventState, QueuedEvent } from './state';

/** Events waiting for what they refer to, per customer: bounds the state item (DynamoDB's 400 KB). */
export const maxPendingEvents = 100;

/** One key per event: the sender's id within its tenant (the idempotency key). */
export const queuedEventKey = (queued: QueuedEvent): string => `${tenantId(queued.tenant)}|${queued.event.id}`;

function step(state: CustomerEventState, { tenant, event }: QueuedEvent, dealers: (dealerId: string) => DealerTenancy | undefined): Step {
  const { record, versions } = state;
  if (event.type === 'customer.upserted') {
    // A new owner must be reachable by the sender, and so must the current one.
    if (!tenantReaches(tenant, dealers(event.data.dealerId))) return { kind: 'ignored', reason: "the dealer is not the sender's" };
    if (record && !tenantReaches(tenant, dealers(record.customer.dealerId))) return { kind: 'ignored', reason: "not the sender's customer" };
    return applyUpsert(record, versions, event);
  }
  if (!record) return { kind: 'waiting' };
  if (!tenantReaches(tenant, dealers(record.customer.dealerId))) return { kind: 'ignored', reason: "not the sender's customer" };
  switch (event.type) {
    case 'consent.changed':
      return applyConsent(record, versions, event);
    case 'vehicle.delivered':
      return applyDelivery(record, versions, event);
    case 'odometer.reported':
      return applyReading(record, versions, event);
    case 'service.completed':
      return applyService(record, versions, event);
    case 'complaint.opened':
      return applyComplaintOpened(record, versions, event);
    case 'complaint.closed':
      return applyComplaintClosed(record, versions, event);
    case 'appointment.booked':
    case 'appointment.rescheduled':
    case 'appointment.cancelled':
      return applyAppointment(record, versions, event);
    case 'survey.submitted':
      return applySurvey(record, versions, event);
    case 'referral.recorded':
      return applyReferral(record, versions, event);
    default:
      return assertNever(event);
  }
}

/**
 * Applies a customer's events to their state, in event time (see `eventVersion`), whatever order
 * they arrived in: an event about something not there yet (a reading before its car, a consent
 * before the profile) waits in `pending` and is applied as soon as an event creates it. Every
 * change is last-writer-wins by event version or a set union, so the same events, in any order
 * and any number of times, leave the same state. Events from a tenant that does not reach the
 * customer's dealer are ignored. Pure.
 *
 * @param dealers the dealers of the customer and of any upsert among the events, with their brand.
 * @returns the new state and, for each event given (in order), what became of it, by {@link queuedEventKey}.
 */
export function applyCustomerEvents(
  state: CustomerEventState,
  events: readonly QueuedEvent[],
  dealers: (dealerId: string) => DealerTenancy | undefined,
): { state: CustomerEventState; results: Map<string, ApplyResult> } {
  const results = new Map<string, ApplyResult>();
  let current: CustomerEventState = state;
  const waiting = new Map(state.pending.map((queued) => [queuedEventKey(queued), queued]));
  const byEventTime = (a: QueuedEvent, b: QueuedEvent) => (eventVersion(a.event) < eventVersion(b.event) ? -1 : 1);

  const attempt = (queued: QueuedEvent): boolean => {
    const outcome = step(current, queued, dealers);
    if (outcome.kind === 'waiting') {
      results.set(queuedEventKey(queued), { result: 'waiting' });
      return false;
    }
    if (outcome.kind === 'ignored') results.set(queuedEventKey(queued), { result: 'ignored', reason: outcome.reason });
    else {
      current = { ...current, record: outcome.record, versions: outcome.versions };
      results.set(queuedEventKey(queued), { result: 'applied' });
    }
    return true;
  };

  for (const queued of [...events].sort(byEventTime)) {
    if (!attempt(queued)) waiting.set(queuedEventKey(queued), queued);
  }
  // Each pass may create what another waiting event needs (a car for its reading): repeat while
  // something applied.
  for (let progressed = true; progressed && waiting.size > 0; ) {
    progressed = false;
    for (const [key, queued] of [...waiting.entries()].sort(([, a], [, b]) => byEventTime(a, b))) {
      if (attempt(queued)) {
        waiting.delete(key);
        progressed = true;
      }
    }
  }
  const pending = [...waiting.values()].sort(byEventTime);
  for (const dropped of pending.slice(0, Math.max(0, pending.length - maxPendingEvents))) {
    results.set(queuedEventKey(dropped), { result: 'ignored', reason: `more than ${maxPendingEvents} events wait for this customer` });
  }
  return { state: { ...current, pending: pending.slice(-maxPendingEvents) }, results };
}

export type { DealerEvent };
