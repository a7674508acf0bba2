import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import * as z from 'zod';
import { readFeedbackEnv } from '../../shared/config/feedback-env';
import { composeFeedback } from '../../shared/compose/feedback';
import { SesEvent } from '../../shared/domain/ses-event';
import { logger, pseudonym } from '../../shared/logging';
import { applyReputationAlarm, AlarmNotification } from '../../shared/use-cases/reputation-alarm';
import { applySesFeedback } from '../../shared/use-cases/ses-feedback';
import { handleInboundSms } from '../../shared/use-cases/sms-inbound';

/** An End User Messaging two-way SMS payload (the inbound message), as it publishes to SNS. */
export const InboundSmsPayload = z.object({
  originationNumber: z.string().min(1),
  destinationNumber: z.string().optional(),
  messageBody: z.string(),
  inboundMessageId: z.string().optional(),
});

const deps = composeFeedback(readFeedbackEnv());

/** What one SNS record was, and what came of it (counts and kinds only: no numbers, no addresses). */
async function applyRecord(record: SNSEventRecord): Promise<string> {
  let payload: unknown;
  try {
    payload = JSON.parse(record.Sns.Message);
  } catch {
    return 'unreadable';
  }
  const sms = InboundSmsPayload.safeParse(payload);
  if (sms.success) {
    const result = await handleInboundSms({ from: sms.data.originationNumber, text: sms.data.messageBody, receivedAt: new Date(record.Sns.Timestamp) }, deps);
    return result.outcome === 'ignored' ? `sms.ignored.${result.reason}` : `sms.${result.outcome}`;
  }
  const ses = SesEvent.safeParse(payload);
  if (ses.success) {
    const result = await applySesFeedback(ses.data, deps);
    if (result.outcome === 'recorded' && result.suppressed > 0) {
      const customer = ses.data.mail.tags?.send?.[0];
      logger.info('email addresses suppressed after SES feedback', { status: result.status, addresses: result.suppressed, ...(customer ? { sendTag: pseudonym(customer) } : {}) });
    }
    return result.outcome === 'ignored' ? `email.ignored.${result.reason}` : `email.${result.status}`;
  }
  const alarm = AlarmNotification.safeParse(payload);
  if (alarm.success) {
    const result = await applyReputationAlarm(alarm.data, deps.pauses);
    if (result === 'paused') logger.warn('promotional email paused by an SES reputation alarm; resume with npm run resume', { alarm: alarm.data.AlarmName });
    return `alarm.${result}`;
  }
  return 'unknown';
}

/**
 * Feedback through SNS: inbound SMS (STOP, START), SES events of the configuration set (delivery,
 * bounce, complaint) and SES reputation alarms. A record that is not one of them is logged and
 * skipped; a failure to apply one throws, so Lambda retries the asynchronous invocation (each
 * write is idempotent) and the function's error alarm fires.
 */
export const handler = middy<SNSEvent>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const outcomes: string[] = [];
    for (const record of event.Records) {
      const outcome = await applyRecord(record);
      if (outcome === 'unknown' || outcome === 'unreadable') logger.error('SNS message of no known kind skipped', { outcome, topic: record.Sns.TopicArn });
      outcomes.push(outcome);
    }
    logger.info('feedback handled', { outcomes });
    return { outcomes };
  });
