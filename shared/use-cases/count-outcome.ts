import type { OutcomeCount, SendCounter } from '../ports/send-counts';

/** Where outcomes are counted, and who hears of a count that could not be written. */
export interface OutcomeCounting {
  counter: SendCounter;
  /** Told of a failed counter write, for a log line and a metric without personal data. */
  onFailure: (error: unknown, outcome: OutcomeCount) => void;
}

/**
 * Adds one outcome to the console's counters. Never throws: the send it counts is done and
 * recorded, and a counter is a figure on a page, so a failed write is reported and dropped
 * (the page undercounts by one) rather than retried through the send, which could send twice.
 */
export async function countOutcome(counting: OutcomeCounting | undefined, outcome: OutcomeCount): Promise<void> {
  if (!counting) return;
  try {
    await counting.counter.add(outcome);
  } catch (error) {
    counting.onFailure(error, outcome);
  }
}
