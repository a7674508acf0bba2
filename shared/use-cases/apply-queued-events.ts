import { applyCustomerEvents, queuedEventKey } from '../domain/events/apply';
import { subjectOf } from '../domain/events/event';
import type { ApplyResult, QueuedEvent } from '../domain/events/state';
import { startJourneysOfAppliedEvents, type EventJourneyDeps } from './start-event-journeys';
import type { CustomerRecord, Dealer } from '../domain/customer';
import { datesCurrentAnywhere } from '../domain/dates';
import type { Journey } from '../domain/journey/schema';
import type { CustomerEventStore, DealerLookup } from '../ports/events';
import type { DueIndex } from '../ports/due-index';
import type { CustomerErasure } from '../ports/erasure';
import { fileDueDates } from './file-due-dates';
import { customerFacts } from '../domain/customer-facts';

export interface ApplyQueuedEventsDeps {
  store: CustomerEventStore;
  dealers: DealerLookup;
  dueDates: { journeys: readonly Journey[]; dueIndex: DueIndex };
  /**
   * Erased customers: their events are ignored, so a replayed event cannot bring them back; and
   * what an apply wrote while the customer was being erased is removed again (see `erasedMeanwhile`).
   */
  tombstones: Pick<CustomerErasure, 'erasedAmong' | 'removeCustomerItems'>;
  /** Starts the journeys the applied events call for (appointment reminders...); without it, events change state and due dates only. */
  eventJourneys?: EventJourneyDeps;
}

/** The reason given for an event about an erased customer (the handler counts them). */
export const erasedCustomerReason = 'the customer was erased';

/**
 * The one place the event consumer files a customer's due dates after applying their events
 * (the dealer's country stands in for a customer without an address).
 */
async function fileCustomer(record: CustomerRecord, dealer: Dealer | undefined, now: Date, { journeys, dueIndex }: ApplyQueuedEventsDeps['dueDates']): Promise<void> {
  const today = datesCurrentAnywhere(now).at(-1)!;
  const dealerCountry = dealer?.address.country;
  await fileDueDates([customerFacts(record, dealerCountry)], journeys, today, dueIndex);
}

/**
 * The tombstone wins over an apply that overlapped the erasure. DynamoDB (and dynalite, which has
 * no transactions) cannot make a write conditional on another item, so the apply writes, then
 * reads the tombstone (consistently): if it is there, the apply removes the customer's items as a
 * second `DELETE` would. Either this read comes before the tombstone's write, and then so did the
 * writes, which the erasure's own Query (after its tombstone) finds and deletes; or it sees the
 * tombstone and deletes them itself. In both orders nothing about the customer outlives them.
 */
async function erasedMeanwhile(customerId: string, tombstones: ApplyQueuedEventsDeps['tombstones']): Promise<boolean> {
  if ((await tombstones.erasedAmong([customerId])).size === 0) return false;
  await tombstones.removeCustomerItems(customerId);
  return true;
}

/**
 * Applies queued events customer by customer (see `applyCustomerEvents`): reads the customer,
 * applies, writes what changed, then files their due dates. A failure throws for that customer's
 * events only: the caller reports them failed for SQS to redeliver, the others go on.
 *
 * @returns per event (by `queuedEventKey`), what became of it; a customer that failed is absent.
 */
export async function applyQueuedEvents(
  events: readonly QueuedEvent[],
  now: Date,
  deps: ApplyQueuedEventsDeps,
): Promise<{ results: Map<string, ApplyResult>; failed: Map<string, unknown> }> {
  const byCustomer = new Map<string, QueuedEvent[]>();
  for (const queued of events) byCustomer.set(subjectOf(queued.event), [...(byCustomer.get(subjectOf(queued.event)) ?? []), queued]);
  const results = new Map<string, ApplyResult>();
  const failed = new Map<string, unknown>();
  for (const [customerId, customerEvents] of byCustomer) {
    try {
      const ignore = () => {
        for (const queued of customerEvents) results.set(queuedEventKey(queued), { result: 'ignored', reason: erasedCustomerReason });
      };
      if ((await deps.tombstones.erasedAmong([customerId])).size > 0) {
        ignore();
        continue;
      }
      const before = await deps.store.load(customerId);
      const dealerIds = [
        ...(before.record ? [before.record.customer.dealerId] : []),
        ...[...before.pending, ...customerEvents].flatMap(({ event }) => (event.type === 'customer.upserted' ? [event.data.dealerId] : [])),
      ];
      const dealers = dealerIds.length > 0 ? await deps.dealers.dealers(dealerIds) : new Map<string, Dealer>();
      const applied = applyCustomerEvents(before, customerEvents, (id) => dealers.get(id));
      await deps.store.save(customerId, applied.state);
      if (applied.state.record) await fileCustomer(applied.state.record, dealers.get(applied.state.record.customer.dealerId), now, deps.dueDates);
      // Checked before journeys start too, so an erasure seen here queues no send for the customer.
      if (await erasedMeanwhile(customerId, deps.tombstones)) {
        ignore();
        continue;
      }
      if (applied.state.record && deps.eventJourneys) {
        // Events waiting from an earlier batch start journeys too once they apply.
        const started = [...before.pending, ...customerEvents].filter((queued) => applied.results.get(queuedEventKey(queued))?.result === 'applied');
        await startJourneysOfAppliedEvents(applied.state, started, dealers, now, { ...deps, eventJourneys: deps.eventJourneys });
        if (await erasedMeanwhile(customerId, deps.tombstones)) {
          ignore();
          continue;
        }
      }
      for (const queued of customerEvents) results.set(queuedEventKey(queued), applied.results.get(queuedEventKey(queued)) ?? { result: 'applied' });
    } catch (error) {
      for (const queued of customerEvents) failed.set(queuedEventKey(queued), error);
    }
  }
  return { results, failed };
}
