import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { FeedbackEnv } from '../config/feedback-env';
import { createDynamoCustomerPhoneLookup, createDynamoSuppressionList } from '../adapters/dynamodb/suppression-list';
import { createDynamoSendFeedback } from '../adapters/dynamodb/send-feedback';
import { createDynamoSendingPauses } from '../adapters/dynamodb/sending-pauses';
import { createEndUserMessagingOptOuts } from '../adapters/sms/end-user-messaging-opt-outs';
import { createOutboxOptOuts } from '../adapters/sms/outbox-opt-outs';
import type { SendingPauses } from '../ports/sending-pause';
import type { SesFeedbackDeps } from '../use-cases/ses-feedback';
import type { SmsInboundDeps } from '../use-cases/sms-inbound';
import { documentClient } from './common';
import { composeSendCounting } from './send-counting';
import { localSinkTimeoutMs, sdkClientOptions } from './timeouts';

export type FeedbackDeps = SmsInboundDeps & SesFeedbackDeps & { pauses: SendingPauses };

/** Adapters of the feedback function: suppression list, customers by phone, send feedback, pause switches, the SMS opt-out list. */
export function composeFeedback(env: FeedbackEnv): FeedbackDeps {
  const dynamo = documentClient();
  return {
    suppressions: createDynamoSuppressionList(dynamo, env.TABLE_NAME),
    phones: createDynamoCustomerPhoneLookup(dynamo, env.TABLE_NAME),
    sendFeedback: createDynamoSendFeedback(dynamo, env.TABLE_NAME),
    counting: composeSendCounting(dynamo, env.TABLE_NAME),
    pauses: createDynamoSendingPauses(dynamo, env.TABLE_NAME),
    optOuts:
      env.SMS_MODE === 'outbox'
        ? createOutboxOptOuts(env.SMS_OPT_OUT_OUTBOX_PATH!, { timeoutMs: localSinkTimeoutMs })
        : createEndUserMessagingOptOuts(new PinpointSMSVoiceV2Client(sdkClientOptions()), env.SMS_OPT_OUT_LIST),
  };
}
