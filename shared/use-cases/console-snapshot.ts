import type { CustomerFacts } from '../domain/customer-facts';
import type { Dealer } from '../domain/customer';
import { tenantReaches, type Tenant } from '../domain/tenant';
import type { ConsoleActivity } from '../ports/console-activity';
import type { CustomerListing } from '../ports/customers';
import type { DealerLookup } from '../ports/events';
import type { SendRecord } from '../ports/ledger';

/** How far back the console looks: the Journeys page counts 30 days of sends. */
export const consoleLookbackDays = 30;

export interface ConsoleSnapshotDeps {
  activity: ConsoleActivity;
  listing: CustomerListing;
  dealers: DealerLookup;
}

/** What the console's overview pages count from, read at once for every tenant and cached. */
export interface ConsoleSnapshot {
  takenAt: Date;
  customers: CustomerFacts[];
  sends: SendRecord[];
  dealerOf: Map<string, string>;
  dealers: Map<string, Dealer>;
  /** Customer records and send items that did not parse: left out, counted. */
  skipped: { customers: number; sends: number };
}

/** The part of a snapshot one tenant may see: its customers and their sends. */
export interface TenantView {
  customers: CustomerFacts[];
  sends: SendRecord[];
  dealers: Dealer[];
}

export async function takeConsoleSnapshot(deps: ConsoleSnapshotDeps, now: Date): Promise<ConsoleSnapshot> {
  const since = new Date(now.getTime() - consoleLookbackDays * 24 * 3600 * 1000);
  const [activity, listed] = await Promise.all([deps.activity.recentActivity(since), listAllCustomers(deps.listing)]);
  const dealerIds = new Set([...activity.dealerOf.values(), ...listed.customers.map((facts) => facts.customer.dealerId)]);
  const dealers = await deps.dealers.dealers([...dealerIds]);
  return { takenAt: now, customers: listed.customers, sends: activity.sends, dealerOf: activity.dealerOf, dealers, skipped: { customers: listed.skipped, sends: activity.skipped } };
}

async function listAllCustomers(listing: CustomerListing): Promise<{ customers: CustomerFacts[]; skipped: number }> {
  const customers: CustomerFacts[] = [];
  let skipped = 0;
  let cursor: string | undefined;
  do {
    const page = await listing.listCustomers(cursor);
    customers.push(...page.customers);
    skipped += page.skipped.length;
    cursor = page.cursor;
  } while (cursor !== undefined);
  return { customers, skipped };
}

export function tenantView(snapshot: ConsoleSnapshot, tenant: Tenant): TenantView {
  const reaches = (dealerId: string | undefined) => dealerId !== undefined && tenantReaches(tenant, snapshot.dealers.get(dealerId));
  return {
    customers: snapshot.customers.filter((facts) => reaches(facts.customer.dealerId)),
    sends: snapshot.sends.filter((send) => reaches(snapshot.dealerOf.get(send.customerId))),
    dealers: [...snapshot.dealers.values()].filter((dealer) => reaches(dealer.id)),
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
