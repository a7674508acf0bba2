import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { EngineAlarms } from './engine-alarms';
import type { EngineFunction } from './engine-function';
import { acknowledgeWildcardResource, nagArnOf } from './nag';

/**
 * What a schedule sends: the shape of an EventBridge scheduled event, so the handler reads the
 * intended (not the actual) invocation time.
 */
export function scheduledEventInput(): scheduler.ScheduleTargetInput {
  return scheduler.ScheduleTargetInput.fromObject({
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    time: scheduler.ContextAttribute.scheduledTime,
    detail: {},
  });
}

/**
 * The role EventBridge Scheduler assumes to invoke one function, limited to this account's
 * default schedule group.
 */
export function schedulerRole(scope: Construct, id: string, purpose: string, target: EngineFunction): iam.Role {
  const stack = Stack.of(scope);
  const role = new iam.Role(scope, id, {
    description: `Lets EventBridge Scheduler invoke the ${purpose} function`,
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
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

/** A queue nothing reads: each message in it is a run that did not happen, alarmed. */
function alarmedFailureQueue(scope: Construct, alarms: EngineAlarms, id: string, alarmId: string, role: string, alarmText: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: `This queue is ${role}; nothing consumes it automatically.` });
  alarms.alarmOnQueuedMessages(scope, alarmId, queue, alarmText);
  return queue;
}

export interface AlarmedScheduleProps {
  readonly fn: EngineFunction;
  readonly alarms: EngineAlarms;
  /** Names the function in the role's description and the queues' reasons. */
  readonly purpose: string;
  readonly description: string;
  readonly schedule: scheduler.ScheduleExpression;
  /** Construct ids, kept stable per function (renaming one replaces a queue on deploy). */
  readonly ids: { role: string; schedule: string; deadLetterQueue: string; deadLetterAlarm: string; failureQueue: string; failureAlarm: string };
  /** Scheduler's retries of an invocation Lambda did not accept, and Lambda's of a run that threw. */
  readonly retries: { scheduler: number; lambda: number };
  /** How old an event may get before it is dropped: by then the next run has superseded it. */
  readonly maxEventAge: { scheduler: Duration; lambda: Duration };
  /** Alarm descriptions: the schedule could not invoke the function; a run failed after Lambda's retries. */
  readonly alarmTexts: { notInvoked: string; failed: string };
}

/**
 * Runs a function on a schedule with both of its failure paths alarmed.
 *
 * Scheduler invokes Lambda asynchronously, so failures land in two places. Its own dead-letter
 * queue gets an event it could not hand to Lambda at all (no permission, function missing,
 * throttled past the retry policy). Once Lambda has accepted the event, a run that throws is
 * retried by Lambda's async invocation and then sent to the function's on-failure destination,
 * a queue of its own; Scheduler never hears of it. Both queues are alarmed.
 */
export function scheduleWithAlarmedFailures(scope: Construct, props: AlarmedScheduleProps): scheduler.Schedule {
  const { fn, alarms, purpose, ids } = props;
  const role = schedulerRole(scope, ids.role, purpose, fn);
  const deadLetterQueue = alarmedFailureQueue(
    scope,
    alarms,
    ids.deadLetterQueue,
    ids.deadLetterAlarm,
    `itself the dead-letter queue of the ${purpose} schedule's target`,
    props.alarmTexts.notInvoked,
  );
  const failedRuns = alarmedFailureQueue(
    scope,
    alarms,
    ids.failureQueue,
    ids.failureAlarm,
    `the on-failure destination of the ${purpose} function's asynchronous invocations, a dead-letter queue in all but name`,
    props.alarmTexts.failed,
  );
  fn.function.configureAsyncInvoke({
    retryAttempts: props.retries.lambda,
    maxEventAge: props.maxEventAge.lambda,
    onFailure: new SqsDestination(failedRuns),
  });
  return new scheduler.Schedule(scope, ids.schedule, {
    description: props.description,
    schedule: props.schedule,
    target: new LambdaInvoke(fn.function, {
      input: scheduledEventInput(),
      role,
      retryAttempts: props.retries.scheduler,
      maxEventAge: props.maxEventAge.scheduler,
      deadLetterQueue,
    }),
  });
}
