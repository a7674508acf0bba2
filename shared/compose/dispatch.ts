import { existsSync } from 'node:fs';
import type { EngineEnv } from '../config/env';
import type { JourneyConfig } from '../config/journey-config';
import type { LoadedJourneyConfig } from '../config/compiled-journeys';
import { useLunarCalendar } from '../domain/triggers/festival';
import { createDynamoCustomerDirectory } from '../adapters/dynamodb/customer-directory';
import { createDynamoBrandDirectory } from '../adapters/dynamodb/brand-directory';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createDynamoMessageSchedule } from '../adapters/dynamodb/message-schedule';
import { createSesEmailSender, lazySesClient } from '../adapters/ses/ses-email-sender';
import { createOutboxSmsSender } from '../adapters/sms/outbox-sms-sender';
import { createEndUserMessagingSmsSender, lazySmsClient } from '../adapters/sms/end-user-messaging-sms-sender';
import { createDynamoTaskStore } from '../adapters/dynamodb/task-store';
import { createHttpTaskWebhook } from '../adapters/webhook/http-task-webhook';
import { createOutboxTaskWebhook } from '../adapters/webhook/outbox-task-webhook';
import { createFileWebhookSecrets } from '../adapters/webhook/file-secrets';
import { createSecretsManagerWebhookSecrets } from '../adapters/webhook/secrets-manager-secrets';
import { lazySecretsManagerClient } from '../adapters/secrets-manager/lazy-client';
import { loadedForSend, loadOnce } from '../adapters/load-once';
import type { TaskWebhook } from '../ports/tasks';
import type { PrintRenderer } from '../ports/print';
import { sendLeaseSeconds } from '../resources/queues';
import type { DispatchDeps } from '../use-cases/dispatch-message';
import { documentClient } from './common';
import { printArchiveOf, printFontOf } from './print';
import { printRendererBundle } from '../resources/print-renderer-bundle';
import { createDynamoSendingPauses } from '../adapters/dynamodb/sending-pauses';
import { cachedActivePauses } from '../adapters/cached-pauses';
import { composeUnsubscribeLinks } from './unsubscribe';
import { composeSendCounting } from './send-counting';
import { localSinkTimeoutMs, sdkClientOptions, webhookTimeoutMs } from './timeouts';

/** Dealers' CRM webhooks: signed POSTs with secrets from Secrets Manager, or the local outbox. */
function taskWebhookOf(env: EngineEnv): TaskWebhook {
  if (env.TASK_WEBHOOK_MODE === 'outbox') {
    return createOutboxTaskWebhook(env.TASK_OUTBOX_PATH!, { secrets: createFileWebhookSecrets(env.WEBHOOK_SECRETS_FILE!), timeoutMs: localSinkTimeoutMs });
  }
  const secrets = createSecretsManagerWebhookSecrets(lazySecretsManagerClient(sdkClientOptions()), { secretId: env.WEBHOOK_SECRETS_ID! });
  return createHttpTaskWebhook({ secrets, timeoutMs: webhookTimeoutMs });
}

/**
 * The PDF renderer module. In a deployment package it is a bundle of its own beside the handler
 * (`print-renderer.mjs`, built by infra), so the dispatch bundle carries neither pdfkit nor
 * fontkit and a cold start does not even parse them; run from source, it is the module itself.
 * The specifier is computed, so esbuild cannot follow it into the dispatch bundle.
 */
function printRendererModule(): string {
  const bundled = new URL(`./${printRendererBundle.file}`, import.meta.url);
  return existsSync(bundled) ? bundled.href : new URL('../adapters/print/pdf-print-renderer.ts', import.meta.url).href;
}

/**
 * The PDF renderer, loaded on the first print piece: pdfkit, fontkit and the print designs are
 * most of the dispatch code, and most messages are email or SMS, so a cold start that sends none
 * skips them. A failed load is not kept: the next print piece tries again.
 */
function lazyPrintRenderer(fontPath: string): PrintRenderer {
  const renderer = loadOnce(async () => {
    const module = (await import(printRendererModule())) as typeof import('../adapters/print/pdf-print-renderer');
    return module.createPdfPrintRenderer(fontPath);
  });
  return { renderPrintPiece: async (piece) => (await loadedForSend('PDF renderer', renderer)).renderPrintPiece(piece) };
}

/** Adapters of dispatch: the ledger, the three channels, and the local or AWS sinks. */
export function composeDispatch(env: EngineEnv, config: JourneyConfig & Partial<Pick<LoadedJourneyConfig, 'lunarCalendar'>>): DispatchDeps {
  // The frequency cap plans the customer's day (festivals included) to rank its promotions: festival
  // dates come from the table compiled with the journeys, as in the evaluation.
  if (config.lunarCalendar) useLunarCalendar(config.lunarCalendar);
  const dynamo = documentClient();
  const unsubscribeLinks = composeUnsubscribeLinks(env);
  const sms =
    env.SMS_MODE === 'outbox'
      ? createOutboxSmsSender(env.SMS_OUTBOX_PATH!, { timeoutMs: localSinkTimeoutMs })
      : createEndUserMessagingSmsSender(lazySmsClient(sdkClientOptions()), {
          originationIdentity: env.SMS_ORIGINATION_IDENTITY!,
          configurationSet: env.SMS_CONFIGURATION_SET,
        });
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
    counting: composeSendCounting(dynamo, env.TABLE_NAME),
    email: createSesEmailSender(lazySesClient(sdkClientOptions()), { from: env.EMAIL_FROM, configurationSet: env.SES_CONFIGURATION_SET }),
    sms,
    printRenderer: lazyPrintRenderer(printFontOf(env)),
    printStore: printArchiveOf(env),
    tasks: createDynamoTaskStore(dynamo, env.TABLE_NAME),
    taskWebhook: taskWebhookOf(env),
    ...(unsubscribeLinks ? { unsubscribeLinks } : {}),
    pauses: cachedActivePauses(createDynamoSendingPauses(dynamo, env.TABLE_NAME), { clock: () => new Date() }),
    leaseSeconds: sendLeaseSeconds,
    clock: () => new Date(),
  };
}
