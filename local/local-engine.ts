/**
 * The engine on the local stack: servers started, table and queues created from the shared
 * definitions, environment set as the CDK stack would set it (endpoints aside), and the engine's
 * Lambda handlers imported. Shared by `npm start` and the integration tests.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { EngineEnvName } from '../shared/config/env';
import { COMPILED_JOURNEYS_FILE } from '../shared/config/compiled-journeys';
import { compileJourneysFolder } from '../shared/config/compile-journeys';
import { ensureQueues, ensureTable } from './bootstrap';
import { ensureEventsQueue } from './event-queues';
import { localAwsEnvironment, startLocalStack, type LocalPorts, type LocalStack } from './servers';
import type { ClosePrintBatchesHandler, DispatchHandler, EvaluateHandler, ReconcileHandler, ReleaseHandler } from './run-day';
import type { ApiHandler } from './api-server';
import type { Context } from 'aws-lambda';
import type { CalendarJobSummary } from '../shared/use-cases/console-calendar-job';

export type CalendarJobHandler = (event: unknown, context: Context) => Promise<CalendarJobSummary>;

export interface LocalEngineOptions {
  ports: LocalPorts;
  /** Local state folder; `undefined` keeps DynamoDB in memory (tests). */
  dataDir: string;
  persistDynamo: boolean;
  reset?: boolean;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  journeysDir?: string;
  /** Where the API is reached (the base of unsubscribe links in emails); default `http://127.0.0.1:3000`. */
  publicApiUrl?: string;
}

export interface LocalEngine {
  stack: LocalStack;
  tableName: string;
  queueUrl: string;
  /** The dealer events queue (FIFO), drained by `handlers.applyEvents`. */
  eventsQueueUrl: string;
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
  paths: { dataDir: string; calendars: string; smsOutbox: string; printFolder: string; mailFolder: string; taskOutbox: string; webhookSecrets: string; unsubscribeKey: string; smsOptOuts: string };
  handlers: {
    evaluate: EvaluateHandler;
    dispatch: DispatchHandler;
    reconcile: ReconcileHandler;
    api: ApiHandler;
    /** The marketer console's routes (`/v1/console/...`), which take the tenant from JWT claims. */
    console: ApiHandler;
    applyEvents: DispatchHandler;
    release: ReleaseHandler;
    closePrintBatches: ClosePrintBatchesHandler;
    /** The console's calendar job: simulates every customer and writes each tenant's calendar to `paths.calendars`. */
    calendar: CalendarJobHandler;
  };
  stop(): Promise<void>;
}

export async function startLocalEngine(options: LocalEngineOptions): Promise<LocalEngine> {
  const dataDir = resolve(options.dataDir);
  if (options.reset) await rm(dataDir, { recursive: true, force: true });
  const dynamoPath = join(dataDir, 'dynamodb');
  if (options.persistDynamo) await mkdir(dynamoPath, { recursive: true });

  // The YAML is checked and compiled here, as synth does for AWS; the handlers load the output.
  const journeysDir = resolve(options.journeysDir ?? 'journeys');
  const compiledJourneys = compileJourneysFolder(journeysDir, { year: new Date().getUTCFullYear() });
  const journeysFile = join(dataDir, COMPILED_JOURNEYS_FILE);
  await mkdir(dataDir, { recursive: true });
  await writeFile(journeysFile, JSON.stringify(compiledJourneys));

  const stack = await startLocalStack({ ports: options.ports, ...(options.persistDynamo ? { dynamodbPath: dynamoPath } : {}) });
  try {
    Object.assign(process.env, localAwsEnvironment(stack));
    const dynamoClient = new DynamoDBClient({});
    const sqs = new SQSClient({});
    const tableName = await ensureTable(dynamoClient);
    const { queueUrl, deadLetterQueueUrl } = await ensureQueues(sqs);
    const { queueUrl: eventsQueueUrl, deadLetterQueueUrl: eventsDeadLetterQueueUrl } = await ensureEventsQueue(sqs);
    const paths = {
      dataDir,
      calendars: join(dataDir, 'console-calendars'),
      smsOutbox: join(dataDir, 'sms-outbox.jsonl'),
      printFolder: join(dataDir, 'print'),
      mailFolder: join(dataDir, 'ses'),
      taskOutbox: join(dataDir, 'task-outbox.jsonl'),
      webhookSecrets: join(dataDir, 'webhook-secrets.json'),
      unsubscribeKey: join(dataDir, 'unsubscribe-key'),
      smsOptOuts: join(dataDir, 'sms-opt-outs.jsonl'),
    };
    const engineEnv: Partial<Record<EngineEnvName, string>> = {
      TABLE_NAME: tableName,
      DISPATCH_QUEUE_URL: queueUrl,
      EVENTS_QUEUE_URL: eventsQueueUrl,
      EMAIL_FROM: 'greetings@dealer-journeys.example',
      SMS_MODE: 'outbox',
      // A replayed date's sends are judged (quiet hours, caps) at their tick, not at the hour the replay runs.
      DISPATCH_POLICY_TIME: 'planned',
      SMS_OUTBOX_PATH: paths.smsOutbox,
      PRINT_MODE: 'folder',
      PRINT_FOLDER: paths.printFolder,
      TASK_WEBHOOK_MODE: 'outbox',
      TASK_OUTBOX_PATH: paths.taskOutbox,
      WEBHOOK_SECRETS_FILE: paths.webhookSecrets,
      PUBLIC_API_URL: options.publicApiUrl ?? 'http://127.0.0.1:3000',
      UNSUBSCRIBE_KEY_FILE: paths.unsubscribeKey,
      JOURNEYS_DIR: journeysDir,
      JOURNEYS_FILE: journeysFile,
    };
    Object.assign(process.env, engineEnv, {
      // The feedback function's own variables (its env schema is not the engine's).
      SMS_OPT_OUT_OUTBOX_PATH: paths.smsOptOuts,
      // The console's (its env schema is its own too): the dead-letter queues its Health page counts.
      DEAD_LETTER_QUEUES: `dispatch=${deadLetterQueueUrl},events=${eventsDeadLetterQueueUrl}`,
      CHECK_JOURNEYS_YAML: 'true',
      // Where the calendar job leaves each tenant's calendar and the console reads it (S3 in AWS).
      CALENDAR_FOLDER: paths.calendars,
      POWERTOOLS_SERVICE_NAME: 'dealer-journeys-local',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'WARN',
      POWERTOOLS_DEV: 'true',
    });

    // Imported only now: handlers read their configuration once, at module load, like a cold start.
    const [evaluate, dispatch, reconcile, api, applyEvents, release, closePrintBatches, consoleApi, consoleCalendar] = await Promise.all([
      import('../functions/evaluate-schedule/handler'),
      import('../functions/dispatch-messages/handler'),
      import('../functions/reconcile-ledger/handler'),
      import('../functions/engine-api/handler'),
      import('../functions/apply-events/handler'),
      import('../functions/release-held-messages/handler'),
      import('../functions/close-print-batches/handler'),
      import('../functions/console-api/handler'),
      import('../functions/console-calendar/handler'),
    ]);

    return {
      stack,
      tableName,
      queueUrl,
      eventsQueueUrl,
      dynamo: new DynamoDBDocumentClient(),
      sqs,
      paths,
      handlers: {
        evaluate: evaluate.handler as unknown as EvaluateHandler,
        dispatch: dispatch.handler as unknown as DispatchHandler,
        reconcile: reconcile.handler as unknown as ReconcileHandler,
        api: api.handler as unknown as ApiHandler,
        console: consoleApi.handler as unknown as ApiHandler,
        applyEvents: applyEvents.handler as unknown as DispatchHandler,
        release: release.handler as unknown as ReleaseHandler,
        closePrintBatches: closePrintBatches.handler as unknown as ClosePrintBatchesHandler,
        calendar: consoleCalendar.handler as unknown as CalendarJobHandler,
      },
      stop: () => stack.stop(),
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
