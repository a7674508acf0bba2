import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { S3Client } from '@aws-sdk/client-s3';
import type { EngineEnv } from './config/env';
import { loadJourneyConfig } from './config/load-journeys';
import type { JourneyConfig } from './config/journey-config';
import { createDynamoCustomerDirectory } from './adapters/dynamodb/customer-directory';
import { createDynamoLedger } from './adapters/dynamodb/ledger';
import { createSqsDispatchQueue } from './adapters/sqs/dispatch-queue';
import { createSesEmailSender } from './adapters/ses/ses-email-sender';
import { createOutboxSmsSender } from './adapters/sms/outbox-sms-sender';
import { createEndUserMessagingSmsSender } from './adapters/sms/end-user-messaging-sms-sender';
import { createPdfPrintRenderer } from './adapters/print/pdf-print-renderer';
import { createFolderPrintStore } from './adapters/print/folder-print-store';
import { createS3PrintStore } from './adapters/print/s3-print-store';
import { sendLeaseSeconds } from './resources/queues';
import type { EvaluationDeps } from './use-cases/run-scheduled-evaluation';
import type { DispatchDeps } from './use-cases/dispatch-message';
import type { Ledger } from './ports/ledger';

/**
 * The composition root: builds adapters from the environment. Handlers call these once at cold
 * start; the local runtime reaches the same code through the handlers, with only endpoints and
 * the SMS and print sinks changed by environment.
 */
export function journeysDirOf(env: EngineEnv): string {
  return env.JOURNEYS_DIR ?? join(process.cwd(), 'journeys');
}

export function loadJourneys(env: EngineEnv): Promise<JourneyConfig> {
  return loadJourneyConfig(journeysDirOf(env));
}

function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
}

export function composeLedger(env: EngineEnv): Ledger {
  return createDynamoLedger(documentClient(), env.TABLE_NAME);
}

export function composeEvaluation(env: EngineEnv, config: JourneyConfig): EvaluationDeps {
  const dynamo = documentClient();
  return {
    journeys: config.journeys,
    customers: createDynamoCustomerDirectory(dynamo, env.TABLE_NAME),
    ledger: createDynamoLedger(dynamo, env.TABLE_NAME),
    queue: createSqsDispatchQueue(new SQSClient({}), env.DISPATCH_QUEUE_URL),
  };
}

export function composeDispatch(env: EngineEnv, config: JourneyConfig): DispatchDeps {
  const dynamo = documentClient();
  const sms =
    env.SMS_MODE === 'outbox'
      ? createOutboxSmsSender(env.SMS_OUTBOX_PATH!)
      : createEndUserMessagingSmsSender(new PinpointSMSVoiceV2Client({}), {
          originationIdentity: env.SMS_ORIGINATION_IDENTITY!,
          configurationSet: env.SMS_CONFIGURATION_SET,
        });
  const printStore =
    env.PRINT_MODE === 'folder' ? createFolderPrintStore(env.PRINT_FOLDER!) : createS3PrintStore(new S3Client({}), env.PRINT_BUCKET!);
  return {
    templates: config.templates,
    customers: createDynamoCustomerDirectory(dynamo, env.TABLE_NAME),
    ledger: createDynamoLedger(dynamo, env.TABLE_NAME),
    email: createSesEmailSender(new SESv2Client({}), { from: env.EMAIL_FROM, configurationSet: env.SES_CONFIGURATION_SET }),
    sms,
    printRenderer: createPdfPrintRenderer(join(journeysDirOf(env), 'assets', 'fonts', 'NotoSansSC-Regular.ttf')),
    printStore,
    leaseSeconds: sendLeaseSeconds,
    clock: () => new Date(),
  };
}
