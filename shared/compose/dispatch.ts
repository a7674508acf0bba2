import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { S3Client } from '@aws-sdk/client-s3';
import type { EngineEnv } from '../config/env';
import type { JourneyConfig } from '../config/journey-config';
import type { LoadedJourneyConfig } from '../config/compiled-journeys';
import { useLunarCalendar } from '../domain/triggers/festival';
import { createDynamoCustomerDirectory } from '../adapters/dynamodb/customer-directory';
import { createDynamoBrandDirectory } from '../adapters/dynamodb/brand-directory';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createDynamoMessageSchedule } from '../adapters/dynamodb/message-schedule';
import { createSesEmailSender } from '../adapters/ses/ses-email-sender';
import { createOutboxSmsSender } from '../adapters/sms/outbox-sms-sender';
import { createEndUserMessagingSmsSender } from '../adapters/sms/end-user-messaging-sms-sender';
import { createFolderPrintStore } from '../adapters/print/folder-print-store';
import { createS3PrintStore } from '../adapters/print/s3-print-store';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDynamoTaskStore } from '../adapters/dynamodb/task-store';
import { createHttpTaskWebhook } from '../adapters/webhook/http-task-webhook';
import { createOutboxTaskWebhook } from '../adapters/webhook/outbox-task-webhook';
import { createFileWebhookSecrets } from '../adapters/webhook/file-secrets';
import { createSecretsManagerWebhookSecrets } from '../adapters/webhook/secrets-manager-secrets';
import type { TaskWebhook } from '../ports/tasks';
import type { PrintRenderer } from '../ports/print';
import { sendLeaseSeconds } from '../resources/queues';
import type { DispatchDeps } from '../use-cases/dispatch-message';
import { documentClient, journeysDirOf } from './common';
import { localSinkTimeoutMs, sdkClientOptions, webhookTimeoutMs } from './timeouts';

/** Dealers' CRM webhooks: signed POSTs with secrets from Secrets Manager, or the local outbox. */
function taskWebhookOf(env: EngineEnv): TaskWebhook {
  if (env.TASK_WEBHOOK_MODE === 'outbox') {
    return createOutboxTaskWebhook(env.TASK_OUTBOX_PATH!, { secrets: createFileWebhookSecrets(env.WEBHOOK_SECRETS_FILE!), timeoutMs: localSinkTimeoutMs });
  }
  const secrets = createSecretsManagerWebhookSecrets(new SecretsManagerClient(sdkClientOptions()), { secretId: env.WEBHOOK_SECRETS_ID! });
  return createHttpTaskWebhook({ secrets, timeoutMs: webhookTimeoutMs });
}

/**
 * The PDF renderer, loaded on the first print piece: pdfkit, fontkit and the print designs are
 * most of the dispatch bundle's code, and most messages are email or SMS, so a cold start that
 * sends none skips their module init.
 */
function lazyPrintRenderer(fontPath: string): PrintRenderer {
  let renderer: Promise<PrintRenderer> | undefined;
  return {
    async renderPrintPiece(piece) {
      renderer ??= import('../adapters/print/pdf-print-renderer').then((module) => module.createPdfPrintRenderer(fontPath));
      return (await renderer).renderPrintPiece(piece);
    },
  };
}

/** Adapters of dispatch: the ledger, the three channels, and the local or AWS sinks. */
export function composeDispatch(env: EngineEnv, config: JourneyConfig & Partial<Pick<LoadedJourneyConfig, 'lunarCalendar'>>): DispatchDeps {
  // The frequency cap plans the customer's day (festivals included) to rank its promotions: festival
  // dates come from the table compiled with the journeys, as in the evaluation.
  if (config.lunarCalendar) useLunarCalendar(config.lunarCalendar);
  const dynamo = documentClient();
  const sms =
    env.SMS_MODE === 'outbox'
      ? createOutboxSmsSender(env.SMS_OUTBOX_PATH!, { timeoutMs: localSinkTimeoutMs })
      : createEndUserMessagingSmsSender(new PinpointSMSVoiceV2Client(sdkClientOptions()), {
          originationIdentity: env.SMS_ORIGINATION_IDENTITY!,
          configurationSet: env.SMS_CONFIGURATION_SET,
        });
  const printStore =
    env.PRINT_MODE === 'folder' ? createFolderPrintStore(env.PRINT_FOLDER!, { timeoutMs: localSinkTimeoutMs }) : createS3PrintStore(new S3Client(sdkClientOptions()), env.PRINT_BUCKET!);
  return {
    templates: config.templates,
    customers: createDynamoCustomerDirectory(dynamo, env.TABLE_NAME),
    journeySenders: new Map(config.journeys.map((journey) => [journey.id, journey.sender])),
    // The dispatch policies read fallbacks, quiet hours and the day's promotional journeys from them.
    journeys: new Map(config.journeys.map((journey) => [journey.id, journey])),
    policyTime: env.DISPATCH_POLICY_TIME,
    // Sends deferred by quiet hours wait here; the release function puts them back on the queue.
    schedule: createDynamoMessageSchedule(dynamo, env.TABLE_NAME),
    brands: createDynamoBrandDirectory(dynamo, env.TABLE_NAME),
    ledger: createDynamoLedger(dynamo, env.TABLE_NAME, { retentionDays: env.LEDGER_RETENTION_DAYS }),
    email: createSesEmailSender(new SESv2Client(sdkClientOptions()), { from: env.EMAIL_FROM, configurationSet: env.SES_CONFIGURATION_SET }),
    sms,
    printRenderer: lazyPrintRenderer(join(journeysDirOf(env), 'assets', 'fonts', 'NotoSansSC-Regular.ttf')),
    printStore,
    tasks: createDynamoTaskStore(dynamo, env.TABLE_NAME),
    taskWebhook: taskWebhookOf(env),
    leaseSeconds: sendLeaseSeconds,
    clock: () => new Date(),
  };
}
