import { dispatchMessageId, dispatchMessagesOf } from '../domain/dispatch-message';
import type { DealerEvent } from '../domain/events/event';
import type { AppliedVersions, CustomerEventState, QueuedEvent } from '../domain/events/state';
import { customerFacts } from '../domain/customer-facts';
import type { Customer, Dealer } from '../domain/customer';
import { tenantId, tenantReaches, type Tenant } from '../domain/tenant';
import { CorruptItemError, EngineError } from '../domain/errors';
import type { CustomerEventStore, DealerLookup } from '../ports/events';
import { startedOccurrences, timeStartedSteps, type HeldSteps, type StartedOccurrence } from '../domain/journey/plan-events';
import type { DueOccurrence } from '../domain/journey/plan';
import { eventJourneys, type Journey } from '../domain/journey/schema';
import type { WaitingOccurrences } from '../ports/waiting-occurrences';
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
  /**
   * Where an occurrence for someone not yet a customer (the referred side of a referral) waits
   * until they become one. Without it, such an occurrence is dropped.
   */
  waiting?: WaitingOccurrences;
}

/** What the lookup of another customer an occurrence is for found: their facts, none yet, or one the senders may not reach (or unreadable). */
export type RecipientLookup = CustomerFacts | typeof notACustomer | undefined;
export const notACustomer = 'not-a-customer';

const noStarts = (): EventJourneyStarts => ({ started: 0, alreadyHandled: 0, held: 0, cancelled: 0 });

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

/** Holds the steps due later; returns the ids of the sends held. */
async function holdSteps(held: readonly HeldSteps[], now: Date, deps: EventJourneyDeps, counts: EventJourneyStarts): Promise<Set<string>> {
  const kept = new Set<string>();
  for (const { occurrence, dueAt, reason } of held) {
    for (const message of dispatchMessagesOf(occurrence)) {
      await deps.schedule.hold({ message, dueAt, reason }, now);
      kept.add(dispatchMessageId(message));
      counts.held += 1;
    }
  }
  return kept;
}

/** Claims and queues the occurrences due now; throws when the queue refuses one. */
async function startDue(due: readonly DueOccurrence[], now: Date, deps: EventJourneyDeps, counts: EventJourneyStarts): Promise<void> {
  for (const occurrence of due) {
    const start = await startOccurrence(occurrence, now, deps);
    if (start.result === 'not-queued') throw new EventJourneyNotQueuedError(start.error);
    if (start.result === 'started') counts.started += 1;
    else counts.alreadyHandled += 1;
  }
}

/**
 * Keeps the occurrences for customers that do not exist yet until they do, then looks for those
 * customers again: one created meanwhile may have looked for what waits for them before this
 * write. Whichever side sees both starts the occurrence (the ledger keeps it once), and the entry
 * goes once it is started here.
 */
async function waitForNewCustomers(
  absent: readonly StartedOccurrence[],
  from: { customerId: string; senders: readonly Tenant[] },
  recipient: (customerId: string) => Promise<RecipientLookup>,
  others: Map<string, RecipientLookup>,
  now: Date,
  waiting: WaitingOccurrences,
): Promise<void> {
  for (const { customerId, journey, occurrence } of absent) {
    await waiting.wait({ customerId, journeyId: journey.id, occurrence, startedBy: from.customerId, senders: [...from.senders] }, now);
  }
  for (const customerId of new Set(absent.map((start) => start.customerId))) {
    const again = await recipient(customerId);
    others.set(customerId, again);
    if (again === notACustomer) continue;
    for (const start of absent.filter((each) => each.customerId === customerId)) {
      await waiting.remove({ customerId, journeyId: start.journey.id, occurrenceKey: start.occurrence.key });
    }
  }
}

/**
 * Starts the journeys the events just applied to a customer call for (see `startedOccurrences`
 * and `timeStartedSteps`): steps due now are claimed and queued like scheduled occurrences; steps
 * due later are held in the message schedule, not claimed (the reconciler never sees them before
 * their time; the send's claim at dispatch keeps them once); held steps of an occurrence the
 * events moved or cancelled are dropped. An occurrence for another customer who does not exist
 * yet waits for them (`deps.waiting`; see {@link startWaitingOccurrences}).
 *
 * Idempotent: a replayed event plans the same occurrences from the same state, the ledger finds
 * the claims, holding the same send again replaces it. Throws when the queue or a store fails,
 * so the caller lets the customer's events be delivered again.
 *
 * @param input.senders the tenants that sent the events (an occurrence that waits keeps them).
 * @param recipient facts of a customer the events' customer is not (the referred side of a
 *   referral), `notACustomer` when there is none yet, undefined when not reachable by the
 *   events' sender or unreadable.
 */
export async function startEventJourneys(
  input: { customer: Customer; facts: CustomerFacts; events: readonly DealerEvent[]; versions: AppliedVersions; senders: readonly Tenant[] },
  recipient: (customerId: string) => Promise<RecipientLookup>,
  now: Date,
  deps: EventJourneyDeps,
): Promise<EventJourneyStarts> {
  const counts = noStarts();
  const { started, concerned } = startedOccurrences(deps.journeys, input.events, input.versions, input.customer);
  if (started.length === 0 && concerned.length === 0) return counts;

  const others = new Map<string, RecipientLookup>();
  for (const { customerId } of started) {
    if (customerId !== input.customer.id && !others.has(customerId)) others.set(customerId, await recipient(customerId));
  }
  const absent = started.filter((start) => others.get(start.customerId) === notACustomer);
  if (absent.length > 0 && deps.waiting) await waitForNewCustomers(absent, { customerId: input.customer.id, senders: input.senders }, recipient, others, now, deps.waiting);
  const factsOf = (id: string) => {
    if (id === input.customer.id) return input.facts;
    const found = others.get(id);
    return found === notACustomer ? undefined : found;
  };
  const { due, held } = timeStartedSteps(started, factsOf, now);

  const keep = await holdSteps(held, now, deps, counts);
  if (concerned.length > 0) {
    for (const entry of (await deps.schedule.listForCustomer(input.customer.id)).entries) {
      const { message } = entry;
      const replaced = concerned.some((concern) => concern.journeyId === message.journeyId && message.occurrenceKey.startsWith(concern.keyPrefix));
      if (replaced && !keep.has(dispatchMessageId(message)) && (await deps.schedule.cancel(message))) counts.cancelled += 1;
    }
  }
  await startDue(due, now, deps, counts);
  return counts;
}

/**
 * Starts what waited for this customer to exist (the referred side of a referral recorded before
 * they were a customer), within each occurrence's own timing: a thank-you past its
 * `sendLateUntil` is dropped, a step still ahead is held. Only when every sender of the events
 * that started it reaches the customer's dealer, and the journey is still there and enabled.
 * Each entry goes once handled; a replay finds the ledger's claims, so each is sent once.
 */
export async function startWaitingOccurrences(facts: CustomerFacts, dealer: Dealer | undefined, now: Date, deps: EventJourneyDeps): Promise<EventJourneyStarts> {
  const counts = noStarts();
  if (!deps.waiting) return counts;
  const customerId = facts.customer.id;
  for (const entry of (await deps.waiting.listFor(customerId)).entries) {
    const journey = eventJourneys(deps.journeys).find((each) => each.enabled && each.id === entry.journeyId);
    if (journey && entry.senders.every((sender) => tenantReaches(sender, dealer))) {
      const { due, held } = timeStartedSteps([{ journey, customerId, occurrence: entry.occurrence }], () => facts, now);
      await holdSteps(held, now, deps, counts);
      await startDue(due, now, deps, counts);
    }
    await deps.waiting.remove({ customerId, journeyId: entry.journeyId, occurrenceKey: entry.occurrence.key });
  }
  return counts;
}

/**
 * {@link startEventJourneys} for the events the consumer just applied to a customer (their state
 * saved), then, when one of them upserted the customer, {@link startWaitingOccurrences}. Another
 * customer a journey is for (the referred side of a referral) gets it only if every one of these
 * events' senders reaches them too; their unreadable record costs this customer nothing (they are
 * left out), any other failure throws for a retry.
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
  const recipient = async (customerId: string): Promise<RecipientLookup> => {
    const loaded = await deps.store.load(customerId).then(
      (found) => found.record ?? notACustomer,
      (error: unknown) => {
        if (error instanceof CorruptItemError) return undefined;
        throw error;
      },
    );
    if (loaded === undefined || loaded === notACustomer) return loaded;
    const dealerId = loaded.customer.dealerId;
    const dealer = dealers.get(dealerId) ?? (await deps.dealers.dealers([dealerId])).get(dealerId);
    if (!applied.every(({ tenant }) => tenantReaches(tenant, dealer))) return undefined;
    return customerFacts(loaded, dealer?.address.country);
  };
  const dealer = dealers.get(record.customer.dealerId);
  const facts = customerFacts(record, dealer?.address.country);
  const events = applied.map(({ event }) => event);
  const senders = [...new Map(applied.map(({ tenant }) => [tenantId(tenant), tenant])).values()];
  const counts = await startEventJourneys({ customer: record.customer, facts, events, versions: state.versions, senders }, recipient, now, deps.eventJourneys);
  if (!events.some((event) => event.type === 'customer.upserted')) return counts;
  const waited = await startWaitingOccurrences(facts, dealer, now, deps.eventJourneys);
  return { started: counts.started + waited.started, alreadyHandled: counts.alreadyHandled + waited.alreadyHandled, held: counts.held + waited.held, cancelled: counts.cancelled };
}
