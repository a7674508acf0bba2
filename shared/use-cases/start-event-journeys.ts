import { dispatchMessageId, dispatchMessagesOf } from '../domain/dispatch-message';
import type { DealerEvent } from '../domain/events/event';
import type { AppliedVersions, CustomerEventState, QueuedEvent } from '../domain/events/state';
import { customerFacts } from '../domain/customer-facts';
import type { Customer, Dealer } from '../domain/customer';
import { tenantReaches } from '../domain/tenant';
import { CorruptItemError, EngineError } from '../domain/errors';
import type { CustomerEventStore, DealerLookup } from '../ports/events';
import { startedOccurrences, timeStartedSteps } from '../domain/journey/plan-events';
import type { Journey } from '../domain/journey/schema';
import type { CustomerFacts } from '../domain/triggers/kind';
import type { DispatchQueue } from '../ports/channels';
import type { Ledger } from '../ports/ledger';
import type { MessageSchedule } from '../ports/message-schedule';
import { startOccurrence } from './start-occurrence';

export interface EventJourneyDeps {
  journeys: readonly Journey[];
  ledger: Ledger;
  queue: DispatchQueue;
  /** Where steps due later wait (an appointment reminder a day ahead). */
  schedule: MessageSchedule;
}

export interface EventJourneyStarts {
  /** Occurrences claimed and queued now. */
  started: number;
  /** Occurrences an earlier run (a replayed event) already queued: nothing sent again. */
  alreadyHandled: number;
  /** Messages held for later (again, for a replay: holding replaces, never adds). */
  held: number;
  /** Held messages dropped because their occurrence moved or was cancelled. */
  cancelled: number;
}

/** The queue refused an occurrence's messages; it stays claimed and the events are applied again later. */
export class EventJourneyNotQueuedError extends EngineError {
  constructor(cause: unknown) {
    super('an event-started occurrence was claimed but not queued', { cause });
  }
}

/**
 * Starts the journeys the events just applied to a customer call for (see `startedOccurrences`
 * and `timeStartedSteps`): steps due now are claimed and queued like scheduled occurrences; steps
 * due later are held in the message schedule, not claimed (the reconciler never sees them before
 * their time; the send's claim at dispatch keeps them once); held steps of an occurrence the
 * events moved or cancelled are dropped.
 *
 * Idempotent: a replayed event plans the same occurrences from the same state, the ledger finds
 * the claims, holding the same send again replaces it. Throws when the queue or a store fails,
 * so the caller lets the customer's events be delivered again.
 *
 * @param recipient facts of a customer the events' customer is not (the referred side of a
 *   referral), or undefined when unknown or not reachable by the events' sender.
 */
export async function startEventJourneys(
  input: { customer: Customer; facts: CustomerFacts; events: readonly DealerEvent[]; versions: AppliedVersions },
  recipient: (customerId: string) => Promise<CustomerFacts | undefined>,
  now: Date,
  deps: EventJourneyDeps,
): Promise<EventJourneyStarts> {
  const counts: EventJourneyStarts = { started: 0, alreadyHandled: 0, held: 0, cancelled: 0 };
  const { started, concerned } = startedOccurrences(deps.journeys, input.events, input.versions, input.customer);
  if (started.length === 0 && concerned.length === 0) return counts;

  const others = new Map<string, CustomerFacts | undefined>();
  for (const { customerId } of started) {
    if (customerId !== input.customer.id && !others.has(customerId)) others.set(customerId, await recipient(customerId));
  }
  const { due, held } = timeStartedSteps(started, (id) => (id === input.customer.id ? input.facts : others.get(id)), now);

  const keep = new Set<string>();
  for (const { occurrence, dueAt, reason } of held) {
    for (const message of dispatchMessagesOf(occurrence)) {
      await deps.schedule.hold({ message, dueAt, reason }, now);
      keep.add(dispatchMessageId(message));
      counts.held += 1;
    }
  }
  if (concerned.length > 0) {
    for (const entry of (await deps.schedule.listForCustomer(input.customer.id)).entries) {
      const { message } = entry;
      const replaced = concerned.some((concern) => concern.journeyId === message.journeyId && message.occurrenceKey.startsWith(concern.keyPrefix));
      if (replaced && !keep.has(dispatchMessageId(message)) && (await deps.schedule.cancel(message))) counts.cancelled += 1;
    }
  }
  for (const occurrence of due) {
    const start = await startOccurrence(occurrence, now, deps);
    if (start.result === 'not-queued') throw new EventJourneyNotQueuedError(start.error);
    if (start.result === 'started') counts.started += 1;
    else counts.alreadyHandled += 1;
  }
  return counts;
}

/**
 * {@link startEventJourneys} for the events the consumer just applied to a customer (their state
 * saved). Another customer a journey is for (the referred side of a referral) gets it only if
 * every one of these events' senders reaches them too; their unreadable record costs this
 * customer nothing (they are left out), any other failure throws for a retry.
 *
 * @param dealers the dealers already read for the customer (theirs first of all).
 */
export async function startJourneysOfAppliedEvents(
  state: CustomerEventState,
  applied: readonly QueuedEvent[],
  dealers: ReadonlyMap<string, Dealer>,
  now: Date,
  deps: { store: CustomerEventStore; dealers: DealerLookup; eventJourneys: EventJourneyDeps },
): Promise<EventJourneyStarts> {
  const record = state.record;
  if (!record) throw new EngineError('event journeys are started for a customer that exists');
  const recipient = async (customerId: string) => {
    const other = await deps.store.load(customerId).then(
      (loaded) => loaded.record,
      (error: unknown) => {
        if (error instanceof CorruptItemError) return undefined;
        throw error;
      },
    );
    if (!other) return undefined;
    const dealerId = other.customer.dealerId;
    const dealer = dealers.get(dealerId) ?? (await deps.dealers.dealers([dealerId])).get(dealerId);
    if (!applied.every(({ tenant }) => tenantReaches(tenant, dealer))) return undefined;
    return customerFacts(other, dealer?.address.country);
  };
  const facts = customerFacts(record, dealers.get(record.customer.dealerId)?.address.country);
  const events = applied.map(({ event }) => event);
  return startEventJourneys({ customer: record.customer, facts, events, versions: state.versions }, recipient, now, deps.eventJourneys);
}
