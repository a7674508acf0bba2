import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { readEngineEnv } from '../../shared/config/env';
import { loadJourneys } from '../../shared/compose/journeys';
import { composeApplyEvents } from '../../shared/compose/apply-events';
import { queuedEventKey } from '../../shared/domain/events/apply';
import { DealerEvent, subjectOf } from '../../shared/domain/events/event';
import type { QueuedEvent } from '../../shared/domain/events/state';
import { logger, pseudonym } from '../../shared/logging';
import { applyQueuedEvents, erasedCustomerReason } from '../../shared/use-cases/apply-queued-events';

const env = readEngineEnv();
const deps = composeApplyEvents(env, await loadJourneys(env));

const QueuedEventBody = z.object({
  tenant: z.discriminatedUnion('kind', [z.object({ kind: z.literal('dealer'), dealerId: z.string().min(1) }), z.object({ kind: z.literal('brand'), brandId: z.string().min(1) })]),
  event: DealerEvent,
});

function parseBody(body: string): QueuedEvent | undefined {
  try {
    const parsed = QueuedEventBody.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SQS consumer of the events queue: applies a batch customer by customer and reports the records
 * of a customer that failed (and any unreadable record) for redelivery; after the queue's receive
 * limit they land in the dead-letter queue. Records of other customers are not held back.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const failures: string[] = [];
    const records: { messageId: string; queued: QueuedEvent }[] = [];
    for (const record of event.Records) {
      const queued = parseBody(record.body);
      if (queued) records.push({ messageId: record.messageId, queued });
      else {
        // Only what we put on the queue reaches it: an unreadable body is a bug, kept for a person in the DLQ.
        logger.error('unreadable dealer event on the queue', { messageId: record.messageId });
        failures.push(record.messageId);
      }
    }
    const { results, failed } = await applyQueuedEvents(records.map((record) => record.queued), new Date(), deps);
    const refused = [...results.values()].filter((result) => result.result === 'ignored' && result.reason === erasedCustomerReason).length;
    // Counted, never named: the customer asked to be forgotten.
    if (refused > 0) logger.info('dealer events about erased customers ignored', { count: refused });
    for (const { messageId, queued } of records) {
      const key = queuedEventKey(queued);
      const error = failed.get(key);
      if (error !== undefined) {
        logger.warn('applying a dealer event failed; it will be retried', { customer: pseudonym(subjectOf(queued.event)), type: queued.event.type, error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' });
        failures.push(messageId);
      } else {
        logger.debug('dealer event applied', { customer: pseudonym(subjectOf(queued.event)), type: queued.event.type, ...results.get(key) });
      }
    }
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  });
