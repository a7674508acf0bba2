import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Short enough that a failed hourly run is reported within minutes, not the next hour. */
const alarmPeriod = Duration.minutes(5);

/**
 * The engine's alarms and the SNS topic they notify (subscribe an email, chat or paging
 * endpoint to it after deploying). Every alarm fires on the first occurrence: each one counts
 * customers who may miss a message, so none is tolerable noise.
 *
 * The topic is encrypted with a customer managed key: CloudWatch cannot publish to a topic under
 * the AWS-managed SNS key, whose policy cannot grant it `kms:GenerateDataKey`. The delivery
 * feedback topic, whose publishers (SES, End User Messaging, CloudWatch) cannot use that key
 * either, shares this one (`topicKey`): each key is billed 1 USD a month, and the topics' own
 * policies, not the key, say who may publish to which.
 */
export class EngineAlarms extends Construct {
  readonly topic: sns.Topic;
  /** The key of the engine's SNS topics (this one and the delivery feedback topic). */
  readonly topicKey: kms.Key;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    const sameAccount = { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } };

    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the engine SNS topics: alarms and delivery feedback',
      enableKeyRotation: true,
    });
    this.topicKey = key;
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, '*' is this key
        conditions: sameAccount,
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Dealer journeys alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: sameAccount,
      }),
    );
  }

  /** Alarms when `metric` reaches `threshold` in one period; notifies the topic on alarm and on recovery. */
  alarmOn(scope: Construct, id: string, metric: cloudwatch.IMetric, description: string, options: { treatMissingData?: cloudwatch.TreatMissingData } = {}): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** Any invocation of `fn` that ends in an error (for SQS batches: one where every message failed). */
  alarmOnFunctionErrors(scope: Construct, fn: IFunction, serviceName: string): cloudwatch.Alarm {
    return this.alarmOn(
      scope,
      'ErrorsAlarm',
      fn.metricErrors({ period: alarmPeriod, statistic: cloudwatch.Stats.SUM }),
      `The ${serviceName} function failed at least once in 5 minutes: see its log group.`,
    );
  }

  /**
   * Any message visible in `queue` (a dead-letter or failure queue: nothing reads it, so each
   * message is a piece of work the engine gave up on). Missing data keeps the state: SQS stops
   * reporting an idle queue, and an unread message must not look resolved.
   */
  alarmOnQueuedMessages(scope: Construct, id: string, queue: IQueue, description: string): cloudwatch.Alarm {
    return this.alarmOn(
      scope,
      id,
      queue.metricApproximateNumberOfMessagesVisible({ period: alarmPeriod, statistic: cloudwatch.Stats.MAXIMUM }),
      description,
      { treatMissingData: cloudwatch.TreatMissingData.IGNORE },
    );
  }
}
