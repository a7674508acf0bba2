import type { SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { dispatchMessageId } from '../../domain/dispatch-message';
import { EngineError, TransientDeliveryError } from '../../domain/errors';
import { clientSourceOf, loadedForSend, type ClientOrSource } from '../load-once';
import { maxQueueDelaySeconds, type DispatchQueue } from '../../ports/channels';

const batchLimit = 10;
const attemptsPerBatch = 3;

/** The dispatch queue on SQS: batches of ten, failed entries retried, then an error; an optional delay per call. */
export function createSqsDispatchQueue(clientOrSource: ClientOrSource<SQSClient>, queueUrl: string): DispatchQueue {
  const source = clientSourceOf(clientOrSource);
  return {
    async enqueue(messages, { delaySeconds } = {}) {
      if (delaySeconds !== undefined && !(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= maxQueueDelaySeconds)) {
        // SQS would refuse every entry as a sender fault; say what was asked instead.
        throw new EngineError(`a dispatch delay must be whole seconds from 0 to ${maxQueueDelaySeconds}, not ${delaySeconds}`);
      }
      if (messages.length === 0) return;
      const [client, { SendMessageBatchCommand }] = await loadedForSend('SQS client', () => Promise.all([source(), import('@aws-sdk/client-sqs')]));
      for (let start = 0; start < messages.length; start += batchLimit) {
        let pending: SendMessageBatchRequestEntry[] = messages.slice(start, start + batchLimit).map((message, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(message),
          MessageAttributes: { sendId: { DataType: 'String', StringValue: dispatchMessageId(message) } },
          ...(delaySeconds ? { DelaySeconds: delaySeconds } : {}),
        }));
        for (let attempt = 1; pending.length > 0; attempt += 1) {
          const result = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
          const failures = result.Failed ?? [];
          const senderFault = failures.find((entry) => entry.SenderFault);
          if (senderFault) {
            // Our request is wrong (too large, invalid); retrying the same entry cannot help.
            throw new EngineError(`SQS refused a dispatch message: ${senderFault.Code ?? 'sender fault'}`);
          }
          const failed = new Set(failures.map((entry) => entry.Id));
          pending = pending.filter((entry) => failed.has(entry.Id));
          if (pending.length > 0 && attempt >= attemptsPerBatch) {
            // The occurrence stays "claimed", not "queued": the next run resumes it.
            throw new TransientDeliveryError(`${pending.length} dispatch messages could not be queued`);
          }
        }
      }
    },
  };
}

