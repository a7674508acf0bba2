import { customerFacts, type CustomerFacts } from '../domain/customer-facts';
import type { Dealer } from '../domain/customer';
import { tenantReaches, type Tenant } from '../domain/tenant';
import { addDays } from '../domain/dates';
import type { ConsoleSlice, HandledOccurrence } from '../ports/console-activity';
import type { HeldMessage } from '../ports/message-schedule';
import type { DealerLookup } from '../ports/events';

/**
 * Days before today (UTC) whose handled occurrences the calendar's simulation starts from: its
 * first ticks look back two days for due entries (`lookBackDays` of the scheduled tick).
 */
export const handledLookbackDays = 2;

export interface ConsoleSnapshotDeps {
  slice: ConsoleSlice;
  dealers: DealerLookup;
}

/**
 * What the calendar job simulates from, read at once for every tenant: the customers it can send
 * to (those the due index files in its window, or every customer when it has to Scan), and the
 * ledger's occurrences and held messages. It takes a read of the whole index window (or a Scan of
 * the table), so only the job reads it, never a console request (see
 * shared/use-cases/console-calendar-job.ts).
 */
export interface ConsoleSnapshot {
  takenAt: Date;
  customers: CustomerFacts[];
  dealerOf: Map<string, string>;
  dealers: Map<string, Dealer>;
  /** The ledger's occurrences of the days the calendar simulates, and the messages held now. */
  handled: HandledOccurrence[];
  held: HeldMessage[];
  /** Customer records and ledger items that did not parse: left out, counted. */
  skipped: { customers: number; ledger: number };
}

/** The part of a snapshot one tenant may see: its customers and their ledger. */
export interface TenantView {
  customers: CustomerFacts[];
  dealers: Dealer[];
  handled: HandledOccurrence[];
  held: HeldMessage[];
}

export async function takeConsoleSnapshot(deps: ConsoleSnapshotDeps, now: Date): Promise<ConsoleSnapshot> {
  const handledFrom = addDays(now.toISOString().slice(0, 10), -handledLookbackDays);
  const contents = await deps.slice.read(handledFrom);
  // By id: the order the table returns them in is the partitions' hash order, and what is taken
  // from the front of the list (the previews' sample customers) should not depend on it.
  const records = contents.customers.sort((a, b) => (a.customer.id < b.customer.id ? -1 : a.customer.id > b.customer.id ? 1 : 0));
  const dealerOf = new Map(records.map((record) => [record.customer.id, record.customer.dealerId]));
  const dealers = await dealersOf(deps.dealers, [...new Set(dealerOf.values())]);
  return {
    takenAt: now,
    customers: records.map((record) => customerFacts(record, dealers.get(record.customer.dealerId)?.address.country)),
    dealerOf,
    dealers,
    handled: contents.handled,
    held: contents.held,
    skipped: contents.skipped,
  };
}

/** A lookup answers 100 dealers a call (one BatchGet); a shard of a million customers has some 1,000. */
async function dealersOf(lookup: DealerLookup, dealerIds: readonly string[]): Promise<Map<string, Dealer>> {
  const found = new Map<string, Dealer>();
  for (let start = 0; start < dealerIds.length; start += 100) {
    for (const [id, dealer] of await lookup.dealers(dealerIds.slice(start, start + 100))) found.set(id, dealer);
  }
  return found;
}

export function tenantView(snapshot: ConsoleSnapshot, tenant: Tenant): TenantView {
  const reaches = (dealerId: string | undefined) => dealerId !== undefined && tenantReaches(tenant, snapshot.dealers.get(dealerId));
  return {
    customers: snapshot.customers.filter((facts) => reaches(facts.customer.dealerId)),
    dealers: [...snapshot.dealers.values()].filter((dealer) => reaches(dealer.id)),
    handled: snapshot.handled.filter((occurrence) => reaches(snapshot.dealerOf.get(occurrence.customerId))),
    held: snapshot.held.filter((entry) => reaches(snapshot.dealerOf.get(entry.message.customerId))),
  };
}

/**
 * `load` answered from memory for `ttlMs` after it last ran; one load at a time (callers during
 * a load share it), a failed load is not kept.
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>, clock: () => Date = () => new Date()): () => Promise<T> {
  let kept: { at: number; value: Promise<T> } | undefined;
  return () => {
    const at = clock().getTime();
    if (kept && at - kept.at < ttlMs) return kept.value;
    const value = load();
    kept = { at, value };
    value.catch(() => {
      if (kept?.value === value) kept = undefined;
    });
    return value;
  };
}
