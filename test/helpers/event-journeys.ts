import { createMemoryDueIndex } from '../../shared/adapters/memory/due-index';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { createMemoryMessageSchedule } from '../../shared/adapters/memory/message-schedule';
import type { Dealer } from '../../shared/domain/customer';
import { dispatchMessageId } from '../../shared/domain/dispatch-message';
import type { DealerEvent } from '../../shared/domain/events/event';
import { noVersions, type CustomerEventState, type QueuedEvent } from '../../shared/domain/events/state';
import type { Journey } from '../../shared/domain/journey/schema';
import type { Tenant } from '../../shared/domain/tenant';
import type { CustomerEventStore, DealerLookup } from '../../shared/ports/events';
import { applyQueuedEvents, type ApplyQueuedEventsDeps } from '../../shared/use-cases/apply-queued-events';
import { aDealer } from './factories';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { upsert } from './events';
import { createMemoryWaitingOccurrences } from '../../shared/adapters/memory/waiting-occurrences';

/** Customer event state in memory, stored as a copy (as the table would). */
export function fakeEventStore(): CustomerEventStore {
  const states = new Map<string, CustomerEventState>();
  return {
    async load(customerId) {
      return structuredClone(states.get(customerId) ?? { record: undefined, versions: noVersions(), pending: [] });
    },
    async save(customerId, state) {
      states.set(customerId, structuredClone(state));
    },
  };
}

export function fakeDealerLookup(dealers: Dealer[] = [aDealer({ brandId: 'brand-cn' })]): DealerLookup {
  return { dealers: async (ids) => new Map(dealers.filter((dealer) => ids.includes(dealer.id)).map((dealer) => [dealer.id, dealer])) };
}

const consent = { granted: true, source: 'showroom-form', at: '2026-01-01T09:00:00+08:00' };

/** A Shanghai customer of dealer-sh reachable by email and SMS, as a `customer.upserted` event. */
export const aReachableCustomer = (customerId = 'c-1', id = `up-${customerId}`) =>
  upsert(id, '2026-01-01T09:00:00+08:00', { customerId, phone: '+8613800138000', email: `${customerId}@example.com`, consent: { email: consent, sms: consent } });

/**
 * The event consumer with its event journeys on in-memory adapters: `post` applies events as
 * the queue delivers them; `release` plays the held-message release up to an instant (queues
 * what is due and removes it), so a test sees what goes out when.
 */
export function eventJourneyWorld(journeys: Journey[], tenant: Tenant = { kind: 'dealer', dealerId: 'dealer-sh' }) {
  const queue = createMemoryDispatchQueue();
  const schedule = createMemoryMessageSchedule();
  const ledger = createMemoryLedger();
  const waiting = createMemoryWaitingOccurrences();
  const deps: ApplyQueuedEventsDeps = {
    store: fakeEventStore(),
    dealers: fakeDealerLookup(),
    // Nobody is erased in these worlds (erasure has its own tests).
    tombstones: { erasedAmong: async () => new Set<string>(), removeCustomerItems: async () => 0 },
    dueDates: { journeys, dueIndex: createMemoryDueIndex() },
    eventJourneys: { journeys, ledger, queue, schedule, waiting },
  };
  return {
    queue,
    waiting,
    schedule,
    ledger,
    deps,
    async post(events: DealerEvent[], now: Date) {
      const queued: QueuedEvent[] = events.map((event) => ({ tenant, event }));
      const outcome = await applyQueuedEvents(queued, now, deps);
      if (outcome.failed.size > 0) throw [...outcome.failed.values()][0];
      return outcome;
    },
    async release(until: Date) {
      const { entries } = await schedule.listDue(until, 1000);
      for (const entry of entries) {
        await queue.enqueue([entry.message]);
        await schedule.release(entry.message, entry.dueAt);
      }
    },
    /** Held sends as `<id> @ <dueAt>`, sorted. */
    held: () => schedule.all().map((entry) => `${dispatchMessageId(entry.message)} @ ${entry.dueAt}`).sort(),
    /** Queued sends by id, sorted. */
    queued: () => queue.messages.map((message) => dispatchMessageId(message)).sort(),
  };
}
