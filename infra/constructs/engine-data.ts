import { Duration, RemovalPolicy, type CfnResource } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import type { EngineTableDefinition } from '../../shared/resources/table';
import type { QueueDefinition } from '../../shared/resources/queues';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** Keeps the CloudFormation logical id the shared definition names, wherever the construct sits. */
function pinLogicalId(construct: IConstruct, logicalId: string): void {
  (construct.node.defaultChild as CfnResource).overrideLogicalId(logicalId);
}

/**
 * The engine table, built from the shared definition (keys, indexes, TTL attribute) so AWS and the
 * local bootstrap cannot drift. On-demand, point-in-time recovery, AWS-managed encryption, kept
 * when the stack is deleted.
 */
export function createEngineTable(scope: Construct, definition: EngineTableDefinition): dynamodb.TableV2 {
  const table = new dynamodb.TableV2(scope, definition.logicalId, {
    partitionKey: stringKey(definition.partitionKey),
    sortKey: stringKey(definition.sortKey),
    billing: dynamodb.Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
    timeToLiveAttribute: definition.timeToLiveAttribute,
    globalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: stringKey(index.partitionKey),
      sortKey: stringKey(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    })),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  pinLogicalId(table, definition.logicalId);
  return table;
}

/** A queue and its dead-letter queue. */
export interface QueueWithDeadLetter {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
}

/**
 * A queue and its dead-letter queue, built from a shared definition (`shared/resources/queues.ts`).
 * `fifo`: both FIFO (a FIFO queue's DLQ must be FIFO); the dealer events queue is, with the
 * customer as message group so one customer's events are applied one batch at a time, and no
 * content-based deduplication (the intake sets the deduplication id).
 */
export function createQueueWithDeadLetter(scope: Construct, definition: QueueDefinition, { fifo = false }: { fifo?: boolean } = {}): QueueWithDeadLetter {
  const deadLetterQueue = new sqs.Queue(scope, definition.deadLetter.logicalId, {
    ...(fifo ? { fifo } : {}),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(definition.deadLetter.retentionDays),
  });
  pinLogicalId(deadLetterQueue, definition.deadLetter.logicalId);

  const queue = new sqs.Queue(scope, definition.logicalId, {
    ...(fifo ? { fifo } : {}),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(definition.retentionDays),
    visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
  });
  pinLogicalId(queue, definition.logicalId);

  return { queue, deadLetterQueue };
}
