import { CfnOutput, Duration, Stack, type App, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct, IConstruct } from 'constructs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { applyEventsFunctionTimeoutSeconds, dispatchFunctionTimeoutSeconds, dispatchQueue, eventsQueue } from '../shared/resources/queues';
import { releaseIntervalMinutes } from '../shared/resources/schedules';
import { engineTable } from '../shared/resources/table';
import { grantSendEmail, grantSendText } from './constructs/channel-permissions';
import { EngineAlarms } from './constructs/engine-alarms';
import { EngineApi } from './constructs/engine-api';
import { Console, consoleDeadLetterQueues } from './constructs/console';
import { ConsoleCalendar } from './constructs/console-calendar';
import { consoleFilesForSynth } from './constructs/console-build';
import { createEngineTable, createQueueWithDeadLetter } from './constructs/engine-data';
import { bundledJourneysDir, EngineFunction, type EngineEnvironment } from './constructs/engine-function';
import { acknowledgeWildcardResource, nagArnOf } from './constructs/nag';
import { grantPrintBatchFiles, PrintStorage } from './constructs/print-storage';
import { scheduledEventInput, schedulerRole, scheduleWithAlarmedFailures } from './constructs/scheduled-function';
import { createWebhookSecrets } from './constructs/webhook-secrets';
import { createUnsubscribeKey, Feedback } from './constructs/compliance';
import { grantTableAccess } from './constructs/table-access';

/** Repository root: the functions' entries, `package-lock.json` and `journeys/` are found from it. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Deployment settings, read from CDK context (`cdk synth -c emailFrom=news@dealer.example`).
 *
 * - `stage`: names the stack (`DealerJourneys-<stage>`); lower-case letters, digits and dashes.
 * - `emailFrom`: sender address; its address or domain must already be a verified SES identity
 *   (the stack does not create identities).
 * - `smsOriginationIdentity`: what SMS are sent from: a sender id (1-11 letters/digits, where the
 *   destination country allows sender ids), a pool id (`pool-...`), a phone-number id (`phone-...`),
 *   an E.164 number or the ARN of one of those. The default `DealerJrny` is a placeholder.
 * - `dispatchMaxConcurrency`: most dispatch functions running at once (the SQS event source's
 *   `maxConcurrency`, 2 to 1000): keeps a busy day under the providers' send rates (SES and SMS
 *   quotas per second); messages wait in the queue instead of being throttled.
 * - `ledgerRetentionDays`: days a ledger item is kept before DynamoDB TTL may delete it
 *   (`LEDGER_RETENTION_DAYS`); long enough to cover a yearly journey's previous occurrence.
 */
export const EngineSettings = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/).default('dev'),
  emailFrom: z.email().default('greetings@example.com'),
  smsOriginationIdentity: z.string().regex(/^(arn:\S+|pool-\w+|phone-\w+|\+\d{6,15}|[A-Za-z0-9]{1,11})$/).default('DealerJrny'),
  // Context from the CLI (`-c key=value`) arrives as a string: coerce. AWS's minimum is 2.
  dispatchMaxConcurrency: z.coerce.number().int().min(2).max(1000).default(5),
  ledgerRetentionDays: z.coerce.number().int().positive().default(400),
});
export type EngineSettings = z.infer<typeof EngineSettings>;

/** Reads and checks the settings from the app's context, failing synth with each bad value named. */
export function readEngineSettings(scope: IConstruct): EngineSettings {
  const raw = Object.fromEntries(
    Object.keys(EngineSettings.shape).map((key) => [key, scope.node.tryGetContext(key) as unknown]),
  );
  const parsed = EngineSettings.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid CDK context: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export const engineStackName = (stage: string): string => `DealerJourneys-${stage}`;

/** Adds the engine stack to `app`, configured from the app's context. */
export function addEngineStack(app: App): EngineStack {
  const settings = readEngineSettings(app);
  return new EngineStack(app, engineStackName(settings.stage), {
    settings,
    description: `Dealer journeys engine (${settings.stage})`,
  });
}

export interface EngineStackProps extends StackProps {
  readonly settings: EngineSettings;
}

const metricsNamespace = 'DealerJourneys';
const logRetention = logs.RetentionDays.ONE_MONTH;

/** Item-level grants on a table also cover its indexes (`<table>/index/*`): one finding per role. */
function acknowledgeIndexAccess(fn: EngineFunction, table: dynamodb.TableV2): void {
  acknowledgeWildcardResource(
    fn.role,
    `${nagArnOf(table)}/index/*`,
    `Table grants cover the engine table's own indexes (${engineTable.globalSecondaryIndexes.map((index) => index.indexName).join(', ')}), which are queried by name; no other table is reachable.`,
  );
}

/**
 * The whole engine: table, dispatch queue, print bucket, SES configuration set, the
 * functions, their schedules, the HTTP API and the alarms. Environment-agnostic: it synthesizes without
 * an account, region or credentials.
 */
export class EngineStack extends Stack {
  constructor(scope: Construct, id: string, props: EngineStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const table = createEngineTable(this, engineTable);
    const { queue, deadLetterQueue } = createQueueWithDeadLetter(this, dispatchQueue);
    const alarms = new EngineAlarms(this, 'Alarms');
    alarms.alarmOnQueuedMessages(
      this,
      'DispatchDeadLetterAlarm',
      deadLetterQueue,
      `A dispatch message failed ${dispatchQueue.maxReceiveCount} times and sits in the dispatch dead-letter queue: its send is unfinished.`,
    );
    const events = createQueueWithDeadLetter(this, eventsQueue, { fifo: true });
    alarms.alarmOnQueuedMessages(
      this,
      'EventsDeadLetterAlarm',
      events.deadLetterQueue,
      `A dealer event failed to apply ${eventsQueue.maxReceiveCount} times and sits in the events dead-letter queue: the customer's state does not reflect it.`,
    );
    const print = new PrintStorage(this, 'Print');
    const configurationSet = new ses.ConfigurationSet(this, 'EmailConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    const webhookSecrets = createWebhookSecrets(this);
    const unsubscribeKey = createUnsubscribeKey(this);

    const environment: EngineEnvironment = {
      TABLE_NAME: table.tableName,
      DISPATCH_QUEUE_URL: queue.queueUrl,
      EVENTS_QUEUE_URL: events.queue.queueUrl,
      EMAIL_FROM: settings.emailFrom,
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
      SMS_MODE: 'aws',
      SMS_ORIGINATION_IDENTITY: settings.smsOriginationIdentity,
      PRINT_MODE: 's3',
      PRINT_BUCKET: print.bucket.bucketName,
      JOURNEYS_DIR: bundledJourneysDir,
      LEDGER_RETENTION_DAYS: String(settings.ledgerRetentionDays),
      TASK_WEBHOOK_MODE: 'http',
      WEBHOOK_SECRETS_ID: webhookSecrets.secretArn,
      UNSUBSCRIBE_KEY_SECRET_ID: unsubscribeKey.secretArn,
    };
    // Every engine function takes `alarms` from here, so each gets its error alarm.
    const common = { repoRoot, metricsNamespace, logRetention, environment, alarms };

    const evaluate = new EngineFunction(this, 'EvaluateSchedule', {
      ...common,
      entry: 'functions/evaluate-schedule/handler.ts',
      serviceName: 'evaluate-schedule',
      description: 'Hourly: finds customers due a journey message and queues one message per channel',
      timeout: Duration.minutes(5),
      memorySize: 1024,
    });
    // It also keeps the due index: files and removes entries, and recomputes them after a deploy.
    grantTableAccess(table, evaluate.function, 'readWriteDueIndex');
    acknowledgeIndexAccess(evaluate, table);
    queue.grantSendMessages(evaluate.function);
    alarms.alarmOn(
      evaluate,
      'NotQueuedAlarm',
      evaluate.powertoolsMetric('OccurrencesNotQueued'),
      'The evaluation claimed occurrences but could not queue them; the next hourly run resumes them while the customer\'s day lasts.',
    );
    alarms.alarmOn(
      evaluate,
      'SkippedBadRecordsAlarm',
      evaluate.powertoolsMetric('SkippedBadRecords'),
      'The evaluation skipped stored records that fail validation (see the log for their pseudonyms): those customers get nothing until the records are fixed.',
    );

    const dispatch = new EngineFunction(this, 'DispatchMessages', {
      ...common,
      entry: 'functions/dispatch-messages/handler.ts',
      serviceName: 'dispatch-messages',
      description: 'Sends queued journey messages by email, SMS and print, exactly once each',
      timeout: Duration.seconds(dispatchFunctionTimeoutSeconds),
      memorySize: 1024,
      withPrintAssets: true,
      withPrintRendererBundle: true,
      withLazyPhoneNumbers: true,
    });
    grantTableAccess(table, dispatch.function, 'readWrite');
    acknowledgeIndexAccess(dispatch, table);
    grantSendEmail(dispatch.role, settings.emailFrom, configurationSet.configurationSetName);
    grantSendText(dispatch.role, settings.smsOriginationIdentity);
    // Only dispatch signs dealers' CRM webhooks; the other functions never read the secrets.
    webhookSecrets.grantRead(dispatch.function);
    unsubscribeKey.grantRead(dispatch.function);
    dispatch.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [print.bucket.arnForObjects('*')] }),
    );
    acknowledgeWildcardResource(
      dispatch.role,
      `${nagArnOf(print.bucket)}/*`,
      'Only s3:PutObject, only in the print bucket: each print file gets its own key (one per occurrence), so the objects cannot be listed in advance.',
    );
    dispatch.function.addEventSource(
      new SqsEventSource(queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: settings.dispatchMaxConcurrency,
      }),
    );

    const api = new EngineFunction(this, 'EngineApiHandler', {
      ...common,
      entry: 'functions/engine-api/handler.ts',
      serviceName: 'engine-api',
      description: 'Engine HTTP API: dealer events, customers (read, messages, consent, erasure), tasks, OpenAPI, health',
      timeout: Duration.seconds(10),
      memorySize: 512,
    });
    // Reads, plus the intake records of posted events (conditional put, then marked queued) and
    // the tombstone of an erased customer (put).
    grantTableAccess(table, api.function, 'readWrite');
    // Erasure (DELETE /v1/customers/{id}) deletes every item about the customer, read by key
    // first, 25 at a time: BatchWriteItem, on this table only. No DeleteItem and no Scan.
    table.grant(api.function, 'dynamodb:BatchWriteItem');
    acknowledgeIndexAccess(api, table);
    events.queue.grantSendMessages(api.function);
    unsubscribeKey.grantRead(api.function);

    const applyEvents = new EngineFunction(this, 'ApplyEvents', {
      ...common,
      entry: 'functions/apply-events/handler.ts',
      serviceName: 'apply-events',
      description: 'Applies queued dealer events to customers, files their due dates and starts the journeys they trigger',
      timeout: Duration.seconds(applyEventsFunctionTimeoutSeconds),
      memorySize: 512,
    });
    grantTableAccess(table, applyEvents.function, 'readWrite');
    // It replaces a customer's items the way the import does (compare, then one BatchWrite of
    // puts and deletes): the one role with BatchWriteItem, on this table only.
    table.grant(applyEvents.function, 'dynamodb:BatchWriteItem');
    acknowledgeIndexAccess(applyEvents, table);
    // Journeys started by events: steps due now are claimed in the ledger and queued for dispatch.
    queue.grantSendMessages(applyEvents.function);
    applyEvents.function.addEventSource(new SqsEventSource(events.queue, { batchSize: 10, reportBatchItemFailures: true }));
    const httpApi = new EngineApi(this, 'Api', { handler: api.function, logRetention });
    // Emails link to the public unsubscribe route of this API.
    dispatch.function.addEnvironment('PUBLIC_API_URL', httpApi.url);

    const consoleApi = new EngineFunction(this, 'ConsoleApiHandler', {
      ...common,
      entry: 'functions/console-api/handler.ts',
      serviceName: 'console-api',
      description: 'Marketer console routes (/v1/console): journeys and their counts, customers\' stories, health, the pause switch',
      timeout: Duration.seconds(29),
      memorySize: 1024,
    });
    acknowledgeIndexAccess(consoleApi, table);
    const deadLetterQueues = { dispatch: deadLetterQueue, events: events.deadLetterQueue };
    consoleApi.function.addEnvironment(consoleDeadLetterQueues.variable, consoleDeadLetterQueues.value(deadLetterQueues));
    const marketerConsole = new Console(this, 'Console', {
      stage: settings.stage,
      api: httpApi,
      handler: consoleApi.function,
      table,
      deadLetterQueues: Object.values(deadLetterQueues),
      files: consoleFilesForSynth(this, repoRoot),
      logRetention,
    });

    const calendarJob = new EngineFunction(this, 'ConsoleCalendarJob', {
      ...common,
      entry: 'functions/console-calendar/handler.ts',
      serviceName: 'console-calendar',
      description: 'Nightly and after each deploy: simulates every customer for the next 90 days and writes each tenant\'s calendar for the console',
      timeout: Duration.minutes(15),
      memorySize: 3008,
    });
    acknowledgeIndexAccess(calendarJob, table);
    new ConsoleCalendar(this, 'ConsoleCalendar', { job: calendarJob, reader: consoleApi.function, table, alarms, accessLogBucket: marketerConsole.hosting.accessLogBucket });

    const feedbackFunction = new EngineFunction(this, 'Feedback', {
      ...common,
      environment: { TABLE_NAME: table.tableName, SMS_MODE: 'aws' },
      entry: 'functions/feedback/handler.ts',
      serviceName: 'feedback',
      description: 'Inbound SMS (STOP, START), SES delivery events and reputation alarms: suppression list, send feedback, pause',
      timeout: Duration.seconds(30),
      memorySize: 256,
    });
    grantTableAccess(table, feedbackFunction.function, 'readWrite');
    acknowledgeIndexAccess(feedbackFunction, table);
    feedbackFunction.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sms-voice:PutOptedOutNumber', 'sms-voice:DeleteOptedOutNumber'],
        resources: [this.formatArn({ service: 'sms-voice', resource: 'opt-out-list', resourceName: 'Default' })],
      }),
    );
    const feedback = new Feedback(this, 'DeliveryFeedback', { configurationSet, handler: feedbackFunction, alarms });

    const reconcile = new EngineFunction(this, 'ReconcileLedger', {
      ...common,
      entry: 'functions/reconcile-ledger/handler.ts',
      serviceName: 'reconcile-ledger',
      description: 'Hourly: re-drives unfinished messages from the ledger, closes finished occurrences, expires late ones',
      timeout: Duration.minutes(5),
      memorySize: 512,
    });
    // Reads open occurrences (GSI1) and their sends, moves them on with conditional updates; puts its run record;
    // counts the sends it expires under the dealer on the customer's profile (GetItem of that one attribute).
    table.grant(reconcile.function, 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:GetItem');
    acknowledgeIndexAccess(reconcile, table);
    queue.grantSendMessages(reconcile.function);

    const release = new EngineFunction(this, 'ReleaseHeldMessages', {
      ...common,
      entry: 'functions/release-held-messages/handler.ts',
      serviceName: 'release-held-messages',
      description: 'Every 5 minutes: queues held messages due within 15 minutes, delayed to their due time',
      timeout: Duration.minutes(1),
      memorySize: 512,
    });
    // Reads the held messages due (GSI1) and marks each released with a conditional update; puts its run record.
    table.grant(release.function, 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem');
    acknowledgeIndexAccess(release, table);
    queue.grantSendMessages(release.function);
    alarms.alarmOn(
      release,
      'HeldNotQueuedAlarm',
      release.powertoolsMetric('HeldMessagesNotQueued'),
      'The release could not queue held messages (see the log); they stay held and each run retries them, late if this lasts.',
    );
    alarms.alarmOn(
      release,
      'HeldUnreadableAlarm',
      release.powertoolsMetric('HeldMessagesUnreadable'),
      'Held message items that do not parse were skipped by the release: those messages will not go out until the items are fixed.',
    );

    const printBatches = new EngineFunction(this, 'ClosePrintBatches', {
      ...common,
      entry: 'functions/close-print-batches/handler.ts',
      serviceName: 'close-print-batches',
      description: 'Daily: sets each sender\'s print batch (one PDF and a manifest CSV) from the pieces of the day that has ended everywhere',
      // Thousands of pieces: one read each, a few ms each to set.
      timeout: Duration.minutes(10),
      memorySize: 1024,
      withPrintAssets: true,
    });
    // It reads the sends of each staged piece's occurrence (one Query each), nothing else of the table.
    table.grant(printBatches.function, 'dynamodb:Query');
    acknowledgeIndexAccess(printBatches, table);
    grantPrintBatchFiles(print.bucket, printBatches);

    this.scheduleEvaluation(evaluate, alarms);
    this.scheduleReconcile(reconcile);
    this.scheduleRelease(release, alarms);
    this.schedulePrintBatches(printBatches);

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'DispatchQueueUrl', { value: queue.queueUrl });
    new CfnOutput(this, 'EventsQueueUrl', { value: events.queue.queueUrl });
    new CfnOutput(this, 'ApiUrl', { value: httpApi.url });
    new CfnOutput(this, 'ConsoleUrl', { value: marketerConsole.url, description: 'The marketer console (sign in with a user of ConsoleUserPoolId)' });
    new CfnOutput(this, 'ConsoleUserPoolId', {
      value: marketerConsole.users.userPool.userPoolId,
      description: 'Console users: aws cognito-idp admin-create-user --user-pool-id <this> --username <email> --user-attributes Name=email,Value=<email> Name=custom:tenant,Value=dealer:<id>',
    });
    new CfnOutput(this, 'PrintBucketName', { value: print.bucket.bucketName });
    new CfnOutput(this, 'WebhookSecretsArn', {
      value: webhookSecrets.secretArn,
      description: 'Dealers\' CRM webhook signing secrets: {"<dealerId>": ["<newest>", "<previous during a rotation>"]}',
    });
    new CfnOutput(this, 'FeedbackTopicArn', {
      value: feedback.topic.topicArn,
      description: "Set it as the SMS phone number's two-way channel (End User Messaging SMS): inbound STOP/START reach the feedback function",
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: alarms.topic.topicArn,
      description: 'Every engine alarm notifies this SNS topic: subscribe the on-call address to it',
    });
  }

  /**
   * Runs the evaluation every hour on the hour (UTC): each customer is due at their local send time
   * on their own date, so every hour some time zone reaches it. An evaluation run is idempotent
   * (every occurrence is claimed before it is queued), so retries are safe; an event older than an
   * hour is superseded by the next run.
   */
  private scheduleEvaluation(evaluate: EngineFunction, alarms: EngineAlarms): void {
    scheduleWithAlarmedFailures(this, {
      fn: evaluate,
      alarms,
      purpose: 'evaluation',
      description: 'Evaluates journeys every hour at minute 0 (UTC)',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0' }),
      ids: {
        role: 'ScheduleRole',
        schedule: 'HourlyEvaluation',
        deadLetterQueue: 'ScheduleDeadLetterQueue',
        deadLetterAlarm: 'ScheduleDeadLetterAlarm',
        failureQueue: 'EvaluationFailureQueue',
        failureAlarm: 'EvaluationFailureAlarm',
      },
      retries: { scheduler: 3, lambda: 2 },
      maxEventAge: { scheduler: Duration.minutes(30), lambda: Duration.hours(1) },
      alarmTexts: {
        notInvoked: 'EventBridge Scheduler could not invoke the evaluation function (see the message for the error): that hourly run did not happen.',
        failed: 'An hourly evaluation run failed after Lambda\'s retries (the message holds the event and the error); the next hourly run picks up what is still due.',
      },
    });
  }

  /**
   * Runs the release of held messages every 5 minutes. A run queues what is due within SQS's
   * 15-minute delay, so each held message is seen by three runs before it is due: two runs in a
   * row may fail and it still goes out on time. Every minute would only add margin, at five times
   * the invocations and the index reads (8 days x 4 shards of Queries per run, mostly empty); every
   * 15 minutes would leave none. An event older than 5 minutes is superseded by the next run.
   */
  private scheduleRelease(release: EngineFunction, alarms: EngineAlarms): void {
    scheduleWithAlarmedFailures(this, {
      fn: release,
      alarms,
      purpose: 'release',
      description: 'Queues held messages due within 15 minutes, every 5 minutes',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(releaseIntervalMinutes)),
      ids: {
        role: 'ReleaseScheduleRole',
        schedule: 'ReleaseHeldMessagesSchedule',
        deadLetterQueue: 'ReleaseScheduleDeadLetterQueue',
        deadLetterAlarm: 'ReleaseScheduleDeadLetterAlarm',
        failureQueue: 'ReleaseFailureQueue',
        failureAlarm: 'ReleaseFailureAlarm',
      },
      retries: { scheduler: 2, lambda: 1 },
      maxEventAge: { scheduler: Duration.minutes(releaseIntervalMinutes), lambda: Duration.minutes(releaseIntervalMinutes) },
      alarmTexts: {
        notInvoked: 'EventBridge Scheduler could not invoke the release of held messages (see the message for the error): that run did not happen; the next one, 5 minutes later, picks up what was due.',
        failed: 'A release of held messages failed after Lambda\'s retries (the message holds the event and the error); what was due stays held and the next run retries it.',
      },
    });
  }

  /**
   * Runs the reconciler every hour at minute 30 (UTC), half-way between evaluations: what the
   * :00 run queued has had its grace period, and nothing claimed stays unfinished for long.
   */
  private scheduleReconcile(reconcile: EngineFunction): void {
    const role = schedulerRole(this, 'ReconcileScheduleRole', 'reconcile', reconcile);
    new scheduler.Schedule(this, 'HourlyReconcile', {
      description: 'Reconciles the ledger every hour at minute 30 (UTC)',
      schedule: scheduler.ScheduleExpression.cron({ minute: '30' }),
      target: new LambdaInvoke(reconcile.function, {
        input: scheduledEventInput(),
        role,
        // A missed run is made up by the next one an hour later: the reconciler is idempotent.
        retryAttempts: 2,
        maxEventAge: Duration.minutes(30),
      }),
    });
  }

  /**
   * Closes the print batches once a day at 12:30 UTC: the day before has then ended in every time
   * zone (last at UTC-12, at 12:00 UTC), so no send of it is still due anywhere. A piece re-driven
   * later joins its batch when the function is invoked with `{"detail": {"date": "<day>"}}`.
   */
  private schedulePrintBatches(printBatches: EngineFunction): void {
    const role = schedulerRole(this, 'PrintBatchesScheduleRole', 'print batch', printBatches);
    new scheduler.Schedule(this, 'DailyPrintBatches', {
      description: 'Closes the print batches of the day that has ended everywhere, daily at 12:30 (UTC)',
      schedule: scheduler.ScheduleExpression.cron({ minute: '30', hour: '12' }),
      target: new LambdaInvoke(printBatches.function, {
        input: scheduledEventInput(),
        role,
        // Closing a day again gives the same files: retries are safe.
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
      }),
    });
  }
}
