import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
// Every function logs through here: its bundle's stack traces are mapped to the sources from here on.
import './stack-traces';

/** One logger per function; service name from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'dealer-journeys' });

/**
 * Counts per function (namespace from POWERTOOLS_METRICS_NAMESPACE). Off on the local stack,
 * where POWERTOOLS_DEV is set: the summary there comes from the ledger instead.
 */
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'DealerJourneys' });

/**
 * Log fields that identify an occurrence (and an error) without personal data: the customer
 * appears only as a pseudonym, errors by our own name and message.
 */
export function occurrenceLogFields(
  occurrence: { journeyId: string; occurrenceKey: string; customerId: string },
  error?: unknown,
): Record<string, string> {
  return {
    journeyId: occurrence.journeyId,
    occurrence: occurrence.occurrenceKey,
    customer: pseudonym(occurrence.customerId),
    ...(error instanceof Error ? { error: error.name, detail: error.message } : {}),
  };
}

/**
 * A stable pseudonym for a customer id in logs: lets an engineer correlate lines without the log
 * holding the id itself (logs outlive erasure requests).
 */
export function pseudonym(customerId: string): string {
  return createHash('sha256').update(customerId).digest('hex').slice(0, 12);
}
