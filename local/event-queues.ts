/** Creates the FIFO events queue and its dead-letter queue on the local SQS (idempotent). */
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { eventsQueue } from '../shared/resources/queues';

const days = (count: number) => String(count * 24 * 60 * 60);

export async function ensureEventsQueue(client: SQSClient): Promise<{ queueUrl: string; deadLetterQueueUrl: string }> {
  const deadLetter = await client.send(
    new CreateQueueCommand({ QueueName: eventsQueue.deadLetter.localName, Attributes: { FifoQueue: 'true', MessageRetentionPeriod: days(eventsQueue.deadLetter.retentionDays) } }),
  );
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: deadLetter.QueueUrl, AttributeNames: ['QueueArn'] }));
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: eventsQueue.localName,
      Attributes: {
        FifoQueue: 'true',
        VisibilityTimeout: String(eventsQueue.visibilityTimeoutSeconds),
        MessageRetentionPeriod: days(eventsQueue.retentionDays),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: eventsQueue.maxReceiveCount }),
      },
    }),
  );
  return { queueUrl: queue.QueueUrl!, deadLetterQueueUrl: deadLetter.QueueUrl! };
}
