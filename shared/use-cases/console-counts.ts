import { addDays, type IsoDate } from '../domain/dates';
import type { Tenant } from '../domain/tenant';
import type { CountRow, SendCounts } from '../ports/send-counts';
import type { BrandDealers } from '../ports/tasks';

/** How far back the console counts: the Journeys page's sends of the last 30 days (UTC days, today included). */
export const consoleLookbackDays = 30;

/** The tenant's counters of the lookback, as the Journeys and Health pages add them up. */
export interface ConsoleCounts {
  countedAt: Date;
  rows: CountRow[];
  /** Counter items that did not parse: left out, counted. */
  unreadable: number;
}

/** The dealers whose counters a tenant sees: its own, or every dealer of the brand (one Query of the brand's dealer index). */
export async function dealerIdsOf(tenant: Tenant, brandDealers: BrandDealers): Promise<string[]> {
  return tenant.kind === 'dealer' ? [tenant.dealerId] : brandDealers.dealerIdsOf(tenant.brandId);
}

/**
 * The tenant's outcome counters of the last `consoleLookbackDays` UTC days: a Query per dealer and
 * month, however many customers the dealers have (no Scan).
 */
export async function readConsoleCounts(tenant: Tenant, deps: { counts: SendCounts; brandDealers: BrandDealers }, now: Date): Promise<ConsoleCounts> {
  const today: IsoDate = now.toISOString().slice(0, 10);
  const dealerIds = await dealerIdsOf(tenant, deps.brandDealers);
  const { rows, unreadable } = await deps.counts.countsOf(dealerIds, addDays(today, -(consoleLookbackDays - 1)), today);
  return { countedAt: now, rows, unreadable };
}

/** The sum of the rows that `keep` accepts. */
export const sumOf = (rows: readonly CountRow[], keep: (row: CountRow) => boolean): number => rows.reduce((sum, row) => (keep(row) ? sum + row.count : sum), 0);
