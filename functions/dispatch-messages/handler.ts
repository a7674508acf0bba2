import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { readEngineEnv } from '../../shared/config/env';
import { loadJourneys } from '../../shared/compose/journeys';
import { composeDispatch } from '../../shared/compose/dispatch';
import { DispatchMessage } from '../../shared/domain/dispatch-message';
import { logger, metrics, occurrenceLogFields } from '../../shared/logging';
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
  // e.g. `email.sent`, `sms.skipped`: one metric per channel and outcome, no personal data.
  metrics.addMetric(`${message.channel}.${result.outcome}`, MetricUnit.Count, 1);
  // Carriers bill per segment: the sum of this metric is the SMS bill in segments.
  if (result.outcome === 'sent' && result.segments !== undefined) metrics.addMetric('sms.segments', MetricUnit.Count, result.segments);
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
  .use(logMetrics(metrics))
  .handler(async (event, context) => processPartialResponse(event, dispatchRecord, processor, { context }));
