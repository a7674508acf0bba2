import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDepths } from '../../ports/queue-depths';

/** Each named queue's `ApproximateNumberOfMessages` (visible ones: what waits for a redrive). */
export function createSqsQueueDepths(client: SQSClient, queues: readonly { name: string; url: string }[]): QueueDepths {
  return {
    depths: () =>
      Promise.all(
        queues.map(async ({ name, url }) => {
          const answer = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));
          return { name, messages: Number(answer.Attributes?.ApproximateNumberOfMessages ?? 0) };
        }),
      ),
  };
}
