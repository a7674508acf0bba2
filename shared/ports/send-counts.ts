import type { Channel } from '../domain/customer';
import type { IsoDate } from '../domain/dates';
import type { FinishedSendStatus } from './ledger';

/** What is counted: a send's final status, or what SES reported after an email was sent. */
export type CountedOutcome = FinishedSendStatus | 'bounced' | 'complained';

/** One outcome of one send, as the console's counters file it: per dealer, UTC day, journey, step and channel. */
export interface OutcomeCount {
  dealerId: string;
  /** The UTC day the outcome was recorded. */
  day: IsoDate;
  journeyId: string;
  /** The journey step (the send's `messageId`). */
  stepId: string;
  channel: Channel;
  outcome: CountedOutcome;
}

export interface CountRow extends OutcomeCount {
  count: number;
}

/** Adds outcomes to the counters (dispatch, SES feedback). */
export interface SendCounter {
  /** Adds one to the outcome's counter; not idempotent by itself: callers count once per outcome. */
  add(outcome: OutcomeCount): Promise<void>;
}

/** Reads the counters (the console). */
export interface SendCounts {
  /** Every non-zero counter of these dealers for the UTC days `from` through `to`; counters that do not parse are left out and counted. */
  countsOf(dealerIds: readonly string[], from: IsoDate, to: IsoDate): Promise<{ rows: CountRow[]; unreadable: number }>;
}

/** Every outcome a counter may hold. */
export const countedOutcomes = ['sent', 'skipped', 'failed', 'expired', 'frequency-capped', 'bounced', 'complained'] as const satisfies readonly CountedOutcome[];

/** The UTC months (`yyyy-mm`) of the days `from` through `to`, in order: the counters' partitions. */
export function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}
