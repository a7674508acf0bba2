import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';

/** One logger per function; service name from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'dealer-journeys' });

/**
 * A stable pseudonym for a customer id in logs: lets an engineer correlate lines without the log
 * holding the id itself (logs outlive erasure requests).
 */
export function pseudonym(customerId: string): string {
  return createHash('sha256').update(customerId).digest('hex').slice(0, 12);
}
