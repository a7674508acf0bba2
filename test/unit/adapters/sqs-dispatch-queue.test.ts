import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { createSqsDispatchQueue } from '../../../shared/adapters/sqs/dispatch-queue';
import { dispatchMessageId, type DispatchMessage } from '../../../shared/domain/dispatch-message';
import { TransientDeliveryError } from '../../../shared/domain/errors';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/dispatch';
const sqsClient = new SQSClient({ region: 'eu-west-1' });
const sqs = mockClient(SQSClient);

function aDispatchMessage(index: number): DispatchMessage {
  return {
    version: 1,
    journeyId: 'birthday',
    occurrenceKey: '2026',
    occurrenceDate: '2026-03-14',
    customerId: `c-${String(index).padStart(4, '0')}`,
    messageId: 'greeting-email',
    channel: 'email',
    template: 'birthday-email',
  };
}

const messages = (count: number) => Array.from({ length: count }, (_, index) => aDispatchMessage(index));

const failing = (...ids: string[]) => ({
  Successful: [],
  Failed: ids.map((Id) => ({ Id, SenderFault: false, Code: 'InternalError' })),
});

const sentBatches = () => sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input as SendMessageBatchCommandInput);

beforeEach(() => {
  sqs.reset();
});

describe('SQS dispatch queue', () => {
  it('makes its client only when there is something to queue (most hourly runs queue nothing), and once', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const source = vi.fn(() => Promise.resolve(sqsClient));
    const queue = createSqsDispatchQueue(source, queueUrl);

    await queue.enqueue([]);
    expect(source).not.toHaveBeenCalled();
    await queue.enqueue(messages(3));

    expect(sentBatches().map((batch) => batch.Entries?.length)).toEqual([3]);
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('asks to retry later when the SQS client cannot be loaded', async () => {
    const queue = createSqsDispatchQueue(() => Promise.reject(new Error('Cannot find module')), queueUrl);

    await expect(queue.enqueue(messages(1))).rejects.toBeInstanceOf(TransientDeliveryError);
  });

  it('splits 23 messages into batches of 10, 10 and 3', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    await queue.enqueue(messages(23));

    const batches = sentBatches();
    expect(batches.map((batch) => batch.Entries?.length)).toEqual([10, 10, 3]);
    expect(batches.every((batch) => batch.QueueUrl === queueUrl)).toBe(true);
    const bodies = batches.flatMap((batch) => batch.Entries!.map((entry) => JSON.parse(entry.MessageBody!) as DispatchMessage));
    expect(bodies).toEqual(messages(23));
  });

  it('delays every entry of a call by the seconds asked, and none without a delay', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    await queue.enqueue(messages(12), { delaySeconds: 420 });
    await queue.enqueue(messages(1));

    const [first, second, undelayed] = sentBatches();
    expect([...first!.Entries!, ...second!.Entries!].map((entry) => entry.DelaySeconds)).toEqual(Array(12).fill(420));
    expect(undelayed!.Entries![0]).not.toHaveProperty('DelaySeconds');
  });

  it('refuses a delay SQS cannot keep (over 15 minutes, negative, fractional) before sending anything', async () => {
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    for (const delaySeconds of [901, -1, 1.5]) await expect(queue.enqueue(messages(1), { delaySeconds })).rejects.toThrow(/0 to 900/);

    expect(sentBatches()).toEqual([]);
  });

  it('tags each entry with the stable send id of its message', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    await queue.enqueue(messages(2));

    const entries = sentBatches()[0]!.Entries!;
    expect(entries.map((entry) => entry.MessageAttributes?.sendId)).toEqual([
      { DataType: 'String', StringValue: dispatchMessageId(aDispatchMessage(0)) },
      { DataType: 'String', StringValue: dispatchMessageId(aDispatchMessage(1)) },
    ]);
    expect(new Set(entries.map((entry) => entry.Id)).size).toBe(2);
  });

  it('sends nothing for an empty list', async () => {
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    await queue.enqueue([]);

    expect(sentBatches()).toHaveLength(0);
  });

  it('retries only the entries of a batch that failed', async () => {
    sqs.on(SendMessageBatchCommand).resolvesOnce(failing('1', '3')).resolves({ Successful: [], Failed: [] });
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    await queue.enqueue(messages(5));

    const batches = sentBatches();
    expect(batches).toHaveLength(2);
    const retried = batches[1]!.Entries!.map((entry) => JSON.parse(entry.MessageBody!) as DispatchMessage);
    expect(retried.map((message) => message.customerId)).toEqual(['c-0001', 'c-0003']);
  });

  it('throws TransientDeliveryError after three attempts with entries still failing', async () => {
    sqs.on(SendMessageBatchCommand).resolvesOnce(failing('0', '2')).resolvesOnce(failing('2')).resolvesOnce(failing('2'));
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    const enqueuing = queue.enqueue(messages(12));

    await expect(enqueuing).rejects.toBeInstanceOf(TransientDeliveryError);
    await expect(enqueuing).rejects.toThrow('1 dispatch messages could not be queued');
    expect(sentBatches().map((batch) => batch.Entries?.length)).toEqual([10, 2, 1]);
  });

  it('succeeds when the third attempt queues the last failing entries', async () => {
    sqs.on(SendMessageBatchCommand).resolvesOnce(failing('4')).resolvesOnce(failing('4')).resolves({ Successful: [], Failed: [] });
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    await queue.enqueue(messages(5));

    expect(sentBatches().map((batch) => batch.Entries?.length)).toEqual([5, 1, 1]);
  });

  it('propagates an error of the batch call itself', async () => {
    const outage = new Error('connect ECONNREFUSED');
    sqs.on(SendMessageBatchCommand).rejects(outage);
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    await expect(queue.enqueue(messages(1))).rejects.toBe(outage);
  });

  it('gives up at once on an entry SQS refuses as a sender fault, without retrying it', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [{ Id: '0', SenderFault: true, Code: 'InvalidParameterValue' }] });
    const queue = createSqsDispatchQueue(sqsClient, queueUrl);

    await expect(queue.enqueue(messages(1))).rejects.toThrow(/InvalidParameterValue/);
    await expect(queue.enqueue(messages(1))).rejects.not.toBeInstanceOf(TransientDeliveryError);
    expect(sentBatches()).toHaveLength(2);
  });
});
