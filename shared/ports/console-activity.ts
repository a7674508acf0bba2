import type { SendRecord } from './ledger';

/** What the console counts from the ledger: recent sends, and which dealer each customer is with. */
export interface RecentActivity {
  /** Sends last written at or after the instant asked for. */
  sends: SendRecord[];
  /** Each stored customer's dealer, by customer id (for tenancy). */
  dealerOf: Map<string, string>;
  /** Send items that did not parse, left out and counted. */
  skipped: number;
}

/** The ledger as the console reads it (Journeys' counts, Health). */
export interface ConsoleActivity {
  recentActivity(since: Date): Promise<RecentActivity>;
}
