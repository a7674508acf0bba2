import { RetryLaterError } from '../domain/errors';
import type { Ledger, SendOutcome, SendRef } from '../ports/ledger';

/** How hard to try recording an outcome: attempts, the first pause (doubled after each failure) and a time budget. */
export interface OutcomeWritePolicy {
  attempts: number;
  firstDelayMs: number;
  /** No new attempt starts once this much time has passed since the first began. */
  budgetMs: number;
}

/**
 * Four attempts with 100, 200 and 400 ms between them, none started after 5 s: a throttled or
 * briefly unavailable table is ridden out, while a write that hangs (each attempt is bounded by
 * the SDK timeouts in shared/compose/timeouts.ts) cannot hold the dispatch past its function
 * timeout. A write that fails for longer than that is a table outage, not a blip.
 */
export const defaultOutcomeWritePolicy: OutcomeWritePolicy = { attempts: 4, firstDelayMs: 100, budgetMs: 5_000 };

/** The outcome could not be recorded after every attempt; the send stays `sending` until its lease ends. */
export class OutcomeNotRecordedError extends RetryLaterError {}

export interface RecordOutcomeOptions {
  policy?: OutcomeWritePolicy;
  sleep?: (ms: number) => Promise<void>;
  /** Told of each failed attempt that will be tried again, for a log line without personal data. */
  onRetry?: (attempt: number, error: unknown, send: SendRef) => void;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Records a send's outcome, trying again with backoff when the write fails. After a provider
 * has accepted a message this write is all that stands between one delivery and a second one on
 * redelivery, so a blip in the table must not cost a duplicate. Relies on
 * `Ledger.recordSendOutcome` being idempotent (the same outcome written twice is one outcome).
 */
export async function recordOutcomeWithRetry(
  ledger: Ledger,
  send: SendRef,
  outcome: SendOutcome,
  now: () => Date,
  { policy = defaultOutcomeWritePolicy, sleep = pause, onRetry }: RecordOutcomeOptions = {},
): Promise<void> {
  let delay = policy.firstDelayMs;
  const started = now().getTime();
  for (let attempt = 1; ; attempt++) {
    try {
      await ledger.recordSendOutcome(send, outcome, now());
      return;
    } catch (error) {
      if (attempt >= policy.attempts || now().getTime() - started + delay > policy.budgetMs) {
        throw new OutcomeNotRecordedError(`the ${outcome.status} outcome could not be recorded after ${attempt} attempts`, { cause: error });
      }
      onRetry?.(attempt, error, send);
      await sleep(delay);
      delay *= 2;
    }
  }
}
