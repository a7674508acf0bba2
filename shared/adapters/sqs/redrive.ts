import { createHash } from 'node:crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface RedriveCounts {
  /** Put back on the source queue and deleted from the dead-letter queue. */
  moved: number;
  /** The source queue refused them: left in the dead-letter queue (visible again after a minute). */
  failed: number;
}

/**
 * Moves the messages of a dead-letter queue back to its source queue (`npm run redrive`): receive
 * up to 10, send them to the source, delete from the dead-letter queue only those the source
 * took, until a receive finds nothing. A crash between the send and the delete sends a message
 * twice, which the consumers take (each is idempotent); nothing is deleted unsent.
 *
 * On a FIFO source the message keeps its group (the customer, so their events stay in order); it
 * gets a new deduplication id, since the first one would make SQS drop it as a duplicate for five
 * minutes after it was first sent.
 */
export async function redriveQueue(client: SQSClient, { deadLetterUrl, queueUrl, onBatch = () => undefined }: { deadLetterUrl: string; queueUrl: string; onBatch?: (counts: RedriveCounts) => void }): Promise<RedriveCounts> {
  const fifo = queueUrl.endsWith('.fifo');
  const counts: RedriveCounts = { moved: 0, failed: 0 };
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterUrl,
        MaxNumberOfMessages: 10,
        // Long polling asks every SQS server, so an empty answer means the queue is empty.
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        // `AttributeNames`, not `MessageSystemAttributeNames`: the local SQS server reads only the former.
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return counts;
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          MessageBody: message.Body ?? '',
          ...(message.MessageAttributes && Object.keys(message.MessageAttributes).length > 0 ? { MessageAttributes: message.MessageAttributes } : {}),
          ...(fifo
            ? {
                MessageGroupId: message.Attributes?.MessageGroupId ?? 'redriven',
                MessageDeduplicationId: createHash('sha256').update(`${message.MessageId ?? ''}|${message.ReceiptHandle ?? ''}`).digest('hex'),
              }
            : {}),
        })),
      }),
    );
    const taken = (sent.Successful ?? []).map((entry) => Messages[Number(entry.Id)]!);
    if (taken.length > 0) {
      await client.send(new DeleteMessageBatchCommand({ QueueUrl: deadLetterUrl, Entries: taken.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }));
    }
    const batch = { moved: taken.length, failed: Messages.length - taken.length };
    counts.moved += batch.moved;
    counts.failed += batch.failed;
    onBatch(counts);
    // Every message refused: stop rather than receive the same ones again after their timeout.
    if (batch.moved === 0) return counts;
  }
}
