import { CfnOutput, Duration, Stack, Validations, type App, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { applyEventsFunctionTimeoutSeconds, dispatchFunctionTimeoutSeconds, dispatchQueue, eventsQueue } from '../shared/resources/queues';
import { engineTable } from '../shared/resources/table';
import { grantSendEmail, grantSendText } from './constructs/channel-permissions';
import { EngineAlarms } from './constructs/engine-alarms';
import { EngineApi } from './constructs/engine-api';
import { createEngineTable, createQueueWithDeadLetter } from './constructs/engine-data';
import { bundledJourneysDir, EngineFunction, type EngineEnvironment } from './constructs/engine-function';
import { acknowledgeWildcardResource, nagArnOf } from './constructs/nag';
import { PrintStorage } from './constructs/print-storage';
import { createWebhookSecrets } from './constructs/webhook-secrets';
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

/**
 * What a schedule sends: the shape of an EventBridge scheduled event, so the handler reads the
 * intended (not the actual) invocation time.
 */
function scheduledEventInput(): scheduler.ScheduleTargetInput {
  return scheduler.ScheduleTargetInput.fromObject({
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    time: scheduler.ContextAttribute.scheduledTime,
    detail: {},
  });
}

/** Item-level grants on a table also cover its indexes (`<table>/index/*`): one finding per role. */
function acknowledgeIndexAccess(fn: EngineFunction, table: dynamodb.TableV2): void {
  acknowledgeWildcardResource(
    fn.role,
    `${nagArnOf(table)}/index/*`,
    `Table grants cover the engine table's own indexes (${engineTable.globalSecondaryIndexes.map((index) => index.indexName).join(', ')}), which are queried by name; no other table is reachable.`,
  );
}

/**
 * The whole engine: table, dispatch queue, print bucket, SES configuration set, the three
 * functions, the hourly schedule, the HTTP API and the alarms. Environment-agnostic: it synthesizes without
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
    });
    grantTableAccess(table, dispatch.function, 'readWrite');
    acknowledgeIndexAccess(dispatch, table);
    grantSendEmail(dispatch.role, settings.emailFrom, configurationSet.configurationSetName);
    grantSendText(dispatch.role, settings.smsOriginationIdentity);
    // Only dispatch signs dealers' CRM webhooks; the other functions never read the secrets.
    webhookSecrets.grantRead(dispatch.function);
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

    const applyEvents = new EngineFunction(this, 'ApplyEvents', {
      ...common,
      entry: 'functions/apply-events/handler.ts',
      serviceName: 'apply-events',
      description: 'Applies queued dealer events to customers and files their due dates',
      timeout: Duration.seconds(applyEventsFunctionTimeoutSeconds),
      memorySize: 512,
    });
    grantTableAccess(table, applyEvents.function, 'readWrite');
    // It replaces a customer's items the way the import does (compare, then one BatchWrite of
    // puts and deletes): the one role with BatchWriteItem, on this table only.
    table.grant(applyEvents.function, 'dynamodb:BatchWriteItem');
    acknowledgeIndexAccess(applyEvents, table);
    applyEvents.function.addEventSource(new SqsEventSource(events.queue, { batchSize: 10, reportBatchItemFailures: true }));
    const httpApi = new EngineApi(this, 'Api', { handler: api.function, logRetention });

    const reconcile = new EngineFunction(this, 'ReconcileLedger', {
      ...common,
      entry: 'functions/reconcile-ledger/handler.ts',
      serviceName: 'reconcile-ledger',
      description: 'Hourly: re-drives unfinished messages from the ledger, closes finished occurrences, expires late ones',
      timeout: Duration.minutes(5),
      memorySize: 512,
    });
    // Reads open occurrences (GSI1) and their sends, moves them on with conditional updates.
    table.grant(reconcile.function, 'dynamodb:Query', 'dynamodb:UpdateItem');
    acknowledgeIndexAccess(reconcile, table);
    queue.grantSendMessages(reconcile.function);

    this.scheduleEvaluation(evaluate, alarms);
    this.scheduleReconcile(reconcile);

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'DispatchQueueUrl', { value: queue.queueUrl });
    new CfnOutput(this, 'EventsQueueUrl', { value: events.queue.queueUrl });
    new CfnOutput(this, 'ApiUrl', { value: httpApi.url });
    new CfnOutput(this, 'PrintBucketName', { value: print.bucket.bucketName });
    new CfnOutput(this, 'WebhookSecretsArn', {
      value: webhookSecrets.secretArn,
      description: 'Dealers\' CRM webhook signing secrets: {"<dealerId>": ["<newest>", "<previous during a rotation>"]}',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: alarms.topic.topicArn,
      description: 'Every engine alarm notifies this SNS topic: subscribe the on-call address to it',
    });
  }

  /**
   * Runs the evaluation every hour on the hour (UTC): each customer is due at their local send time
   * on their own date, so every hour some time zone reaches it. The input mimics an EventBridge
   * scheduled event so the handler reads the intended (not the actual) invocation time.
   *
   * Scheduler invokes Lambda asynchronously, so failures land in two places. Its own dead-letter
   * queue gets an event it could not hand to Lambda at all (no permission, function missing,
   * throttled past the retry policy). Once Lambda has accepted the event, a run that throws is
   * retried by Lambda's async invocation and then sent to the function's on-failure destination,
   * a queue of its own; Scheduler never hears of it. Both queues are alarmed.
   */
  private scheduleEvaluation(evaluate: EngineFunction, alarms: EngineAlarms): void {
    const role = this.schedulerRole('ScheduleRole', 'evaluation', evaluate);

    const deadLetterQueue = new sqs.Queue(this, 'ScheduleDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the hourly schedule target; nothing consumes it automatically.',
    });
    alarms.alarmOnQueuedMessages(
      this,
      'ScheduleDeadLetterAlarm',
      deadLetterQueue,
      'EventBridge Scheduler could not invoke the evaluation function (see the message for the error): that hourly run did not happen.',
    );

    const failedRuns = new sqs.Queue(this, 'EvaluationFailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failedRuns).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the on-failure destination of the evaluation function\'s asynchronous invocations, a dead-letter queue in all but name; nothing consumes it automatically.',
    });
    // An evaluation run is idempotent (every occurrence is claimed before it is queued), so
    // Lambda's retries are safe; an event older than an hour is superseded by the next run.
    evaluate.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(failedRuns),
    });
    alarms.alarmOnQueuedMessages(
      this,
      'EvaluationFailureAlarm',
      failedRuns,
      'An hourly evaluation run failed after Lambda\'s retries (the message holds the event and the error); the next hourly run picks up what is still due.',
    );

    new scheduler.Schedule(this, 'HourlyEvaluation', {
      description: 'Evaluates journeys every hour at minute 0 (UTC)',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0' }),
      target: new LambdaInvoke(evaluate.function, {
        input: scheduledEventInput(),
        role,
        retryAttempts: 3,
        maxEventAge: Duration.minutes(30),
        deadLetterQueue,
      }),
    });
  }

  /**
   * Runs the reconciler every hour at minute 30 (UTC), half-way between evaluations: what the
   * :00 run queued has had its grace period, and nothing claimed stays unfinished for long.
   */
  private scheduleReconcile(reconcile: EngineFunction): void {
    const role = this.schedulerRole('ReconcileScheduleRole', 'reconcile', reconcile);
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
   * The role EventBridge Scheduler assumes to invoke one function, limited to this account's
   * default schedule group.
   */
  private schedulerRole(id: string, purpose: string, target: EngineFunction): iam.Role {
    const role = new iam.Role(this, id, {
      description: `Lets EventBridge Scheduler invoke the ${purpose} function`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': this.account,
            'aws:SourceArn': this.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
    });
    acknowledgeWildcardResource(
      role,
      `${nagArnOf(target.function)}:*`,
      `lambda:InvokeFunction granted by LambdaInvoke on the ${purpose} function and its versions/aliases only (the schedule invokes the unqualified function).`,
    );
    return role;
  }
}
