import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { readEngineEnv } from '../../shared/config/env';
import { loadJourneys } from '../../shared/compose/journeys';
import { composeDispatch } from '../../shared/compose/dispatch';
import { DispatchMessage } from '../../shared/domain/dispatch-message';
import { logger, occurrenceLogFields } from '../../shared/logging';
import { dispatchMessage } from '../../shared/use-cases/dispatch-message';
import type { SendRef } from '../../shared/ports/ledger';

const env = readEngineEnv();
const deps = {
  ...composeDispatch(env, await loadJourneys(env)),
  outcomeWrites: {
    onRetry: (attempt: number, error: unknown, send: SendRef) =>
      logger.warn('recording the send outcome failed; trying again', { ...occurrenceLogFields(send, error), messageId: send.messageId, attempt }),
  },
};
const processor = new BatchProcessor(EventType.SQS);

async function dispatchRecord(record: SQSRecord) {
  // A malformed body throws: it fails this record only, and after the queue's receive limit the
  // message lands in the dead-letter queue for a person to look at; nothing is dropped silently.
  const message = DispatchMessage.parse(JSON.parse(record.body));
  let result;
  try {
    result = await dispatchMessage(message, deps);
  } catch (error) {
    // Names and messages of our errors carry no personal data; the record goes back for retry.
    logger.warn('dispatch failed; the message will be retried', { ...occurrenceLogFields(message, error), channel: message.channel });
    throw error;
  }
  // Counted from this line in Logs Insights, not as metrics (each custom metric is billed a month):
  // sends per channel and outcome, and the sum of `segments`, the SMS bill in segments.
  logger.info('message dispatched', {
    ...occurrenceLogFields(message),
    channel: message.channel,
    outcome: result.outcome,
    ...('reason' in result ? { reason: result.reason } : {}),
    ...('segments' in result ? { segments: result.segments } : {}),
  });
  return result;
}

/** SQS consumer: one dispatch per record, failed records reported back for redelivery. */
export const handler = middy<SQSEvent>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, dispatchRecord, processor, { context }));
