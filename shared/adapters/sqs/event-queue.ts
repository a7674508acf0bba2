import { createHash } from 'node:crypto';
import type { SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { EngineError, TransientDeliveryError } from '../../domain/errors';
import { clientSourceOf, loadedForSend, type ClientOrSource } from '../load-once';
import { subjectOf } from '../../domain/events/event';
import { tenantId } from '../../domain/tenant';
import type { EventQueue } from '../../ports/events';

const batchLimit = 10;
const attemptsPerBatch = 3;

/**
 * The events queue on SQS FIFO: the message group is the customer, so Lambda hands one
 * customer's events to one invocation at a time (no two writers of a customer); the
 * deduplication id is the idempotency key, so a re-queue within SQS's five minutes is dropped.
 */
export function createSqsEventQueue(clientOrSource: ClientOrSource<SQSClient>, queueUrl: string): EventQueue {
  const source = clientSourceOf(clientOrSource);
  return {
    async enqueue(events) {
      if (events.length === 0) return;
      const [client, { SendMessageBatchCommand }] = await loadedForSend('SQS client', () => Promise.all([source(), import('@aws-sdk/client-sqs')]));
      for (let start = 0; start < events.length; start += batchLimit) {
        let pending: SendMessageBatchRequestEntry[] = events.slice(start, start + batchLimit).map((queued, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(queued),
          // Group ids allow 128 characters of a limited alphabet: a hash fits any customer id.
          MessageGroupId: createHash('sha256').update(subjectOf(queued.event)).digest('hex'),
          MessageDeduplicationId: createHash('sha256').update(`${tenantId(queued.tenant)}|${queued.event.id}`).digest('hex'),
        }));
        for (let attempt = 1; pending.length > 0; attempt += 1) {
          const result = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
          const failures = result.Failed ?? [];
          const senderFault = failures.find((entry) => entry.SenderFault);
          if (senderFault) throw new EngineError(`SQS refused a dealer event: ${senderFault.Code ?? 'sender fault'}`);
          const failed = new Set(failures.map((entry) => entry.Id));
          pending = pending.filter((entry) => failed.has(entry.Id));
          if (pending.length > 0 && attempt >= attemptsPerBatch) throw new TransientDeliveryError(`${pending.length} dealer events could not be queued`);
        }
      }
    },
  };
}
