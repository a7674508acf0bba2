import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as triggers from 'aws-cdk-lib/triggers';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { CalendarJobEnv } from '../../shared/config/console-env';
import type { EngineAlarms } from './engine-alarms';
import type { EngineFunction } from './engine-function';
import { calendarFolderName, calendarObjectName } from '../../shared/ports/calendar-snapshots';
import { acknowledgeWildcardResource, nagArnOf } from './nag';
import { privateBucketProps } from './private-bucket';
import { scheduleWithAlarmedFailures } from './scheduled-function';
import { grantTableAccess } from './table-access';

/** Where calendars sit in the bucket (`calendarObjectName`): every grant is limited to it. */
const calendarPrefix = calendarFolderName;

/**
 * Shards a run is split into, each an invocation of the job of its own. A shard holds the
 * customers of 1/16 of the table: 62,500 at a million, 5.6 million customer-days, about 70 s of
 * simulation by the bench's 45 s for 10,000 customers x 365 days (not measured at that size, nor
 * its memory), inside the function's 15 minutes with the reads around it.
 */
export const calendarShards = 16;

/** The variable naming the bucket, for the job and the console function (read by their env schemas). */
export const calendarBucketVariable = 'CALENDAR_BUCKET' satisfies keyof CalendarJobEnv;
const shardVariables = { count: 'CALENDAR_SHARDS', queueUrl: 'CALENDAR_SHARD_QUEUE_URL' } as const satisfies Record<string, keyof CalendarJobEnv>;

export interface ConsoleCalendarProps {
  /** The calendar job (`functions/console-calendar/handler.ts`). */
  readonly job: EngineFunction;
  /** The console API function: reads the calendars. */
  readonly reader: lambda.Function;
  readonly table: dynamodb.TableV2;
  readonly alarms: EngineAlarms;
  /** Receives the bucket's server access logs. */
  readonly accessLogBucket: s3.IBucket;
}

/**
 * The console's calendar off the request path: the job that simulates every customer for the
 * next 90 days each night at 02:00 UTC and once after each deploy (a new set of journeys), and
 * the private bucket it writes each shard's calendars to (one object a shard, every tenant in it),
 * which the console function reads.
 * The job is the one console role with `dynamodb:Scan`: it reads the due index and each customer's
 * ledger range with Queries, and Scans its slice of the table only while a deploy's recompute of
 * the due dates is under way (so the calendar never misses a customer); the console function has none.
 */
export class ConsoleCalendar extends Construct {
  readonly bucket: s3.Bucket;
  readonly shardQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ConsoleCalendarProps) {
    super(scope, id);
    // Each run rewrites every calendar; an older one is worth nothing, so no versioning.
    this.bucket = new s3.Bucket(this, 'Calendars', {
      ...privateBucketProps,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'console-calendars/',
      lifecycleRules: [{ id: 'expire-stale-calendars', expiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });

    const { job, reader } = props;
    job.function.addEnvironment(calendarBucketVariable, this.bucket.bucketName);
    // Query (on the table and GSI1) and Get with the reads; Scan for the fallback only.
    grantTableAccess(props.table, job.function, 'read');
    props.table.grant(job.function, 'dynamodb:Scan');
    // A run writes one object per shard, so the job may write exactly those.
    const shardKeys = Array.from({ length: calendarShards }, (_, index) => calendarObjectName({ index, of: calendarShards }));
    job.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: shardKeys.map((key) => this.bucket.arnForObjects(key)) }));

    const calendars = `${nagArnOf(this.bucket)}/${calendarPrefix}*`;

    reader.addEnvironment(calendarBucketVariable, this.bucket.bucketName);
    // The split, so a page reads the shard objects by name (a GET each), without a LIST first.
    reader.addEnvironment(shardVariables.count, String(calendarShards));
    reader.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(`${calendarPrefix}*`)] }));
    // Without ListBucket a missing shard object (none written yet) answers 403, not NoSuchKey. No
    // prefix condition: a GET's request has no `s3:prefix`, so a conditioned grant would not count
    // for it; the bucket holds only the calendars.
    if (reader.role) acknowledgeWildcardResource(reader.role, calendars, 'Reads only the calendars, one object per shard (those of an earlier split too, until they expire), of which the signed-in user\'s tenant names its part.');
    reader.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));

    // The run's shards, one message each: a shard that fails is tried again twice, then kept in
    // the dead-letter queue (alarmed); the console shows the calendar without it, marked incomplete.
    const failedShards = new sqs.Queue(this, 'FailedShards', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    props.alarms.alarmOnQueuedMessages(this, 'FailedShardsAlarm', failedShards, 'A shard of the console calendar job failed three times: the console\'s calendar lacks those customers until the next run.');
    this.shardQueue = new sqs.Queue(this, 'Shards', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Above the function's 15 minutes, so a shard still running is not handed to a second invocation.
      visibilityTimeout: Duration.minutes(20),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: failedShards, maxReceiveCount: 3 },
    });
    job.function.addEventSource(new SqsEventSource(this.shardQueue, { batchSize: 1 }));
    this.shardQueue.grantSendMessages(job.function);
    job.function.addEnvironment(shardVariables.count, String(calendarShards));
    job.function.addEnvironment(shardVariables.queueUrl, this.shardQueue.queueUrl);

    scheduleWithAlarmedFailures(this, {
      fn: job,
      alarms: props.alarms,
      purpose: 'console calendar',
      description: 'Simulates every customer for the next 90 days for the console\'s calendar, nightly at 02:00 UTC',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '2' }),
      ids: {
        role: 'ScheduleRole',
        schedule: 'NightlyCalendar',
        deadLetterQueue: 'ScheduleDeadLetterQueue',
        deadLetterAlarm: 'ScheduleDeadLetterAlarm',
        failureQueue: 'FailureQueue',
        failureAlarm: 'FailureAlarm',
      },
      retries: { scheduler: 3, lambda: 1 },
      maxEventAge: { scheduler: Duration.hours(2), lambda: Duration.hours(2) },
      alarmTexts: {
        notInvoked: 'EventBridge Scheduler could not invoke the console calendar job: the console shows the previous night\'s calendar.',
        failed: 'The console calendar job failed after Lambda\'s retries: the console shows the previous calendar until the next night.',
      },
    });

    // After a deploy that changed the job (its bundle holds the journeys), once, asynchronously:
    // the deploy does not wait for a simulation of every customer.
    new triggers.Trigger(this, 'AfterDeploy', {
      handler: job.function,
      executeOnHandlerChange: true,
      invocationType: triggers.InvocationType.EVENT,
    });
  }
}
