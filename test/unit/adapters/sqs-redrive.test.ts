import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { redriveQueue } from '../../../shared/adapters/sqs/redrive';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/events.fifo';
const deadLetterUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/events-dlq.fifo';
const sqs = mockClient(SQSClient);
const client = new SQSClient({ region: 'eu-west-1' });

const poisoned = (id: string, group: string) => ({ MessageId: id, ReceiptHandle: `r-${id}`, Body: `{"id":"${id}"}`, Attributes: { MessageGroupId: group, MessageDeduplicationId: `original-${id}` } });

describe('redriveQueue', () => {
  beforeEach(() => sqs.reset());

  it("keeps each message's group on a FIFO source, with a new deduplication id (SQS would drop the first one as a duplicate for five minutes)", async () => {
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [poisoned('m1', 'customer-a'), poisoned('m2', 'customer-b')] }).resolves({});
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'x', MD5OfMessageBody: '' }, { Id: '1', MessageId: 'y', MD5OfMessageBody: '' }] });
    sqs.on(DeleteMessageBatchCommand).resolves({});

    const counts = await redriveQueue(client, { deadLetterUrl, queueUrl });

    const sent = sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input as SendMessageBatchCommandInput;
    expect(counts).toEqual({ moved: 2, failed: 0 });
    expect(sent.Entries!.map((entry) => entry.MessageGroupId)).toEqual(['customer-a', 'customer-b']);
    expect(sent.Entries!.map((entry) => entry.MessageDeduplicationId)).not.toContain('original-m1');
    expect(new Set(sent.Entries!.map((entry) => entry.MessageDeduplicationId)).size).toBe(2);
  });

  it('deletes from the dead-letter queue only what the source took, and stops when the source takes nothing', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [poisoned('m1', 'a'), poisoned('m2', 'a')] });
    sqs.on(SendMessageBatchCommand).resolvesOnce({ Successful: [{ Id: '1', MessageId: 'y', MD5OfMessageBody: '' }], Failed: [{ Id: '0', SenderFault: false, Code: 'InternalError' }] }).resolves({ Failed: [{ Id: '0', SenderFault: false, Code: 'InternalError' }, { Id: '1', SenderFault: false, Code: 'InternalError' }] });
    sqs.on(DeleteMessageBatchCommand).resolves({});

    const counts = await redriveQueue(client, { deadLetterUrl, queueUrl });

    expect(counts).toEqual({ moved: 1, failed: 3 });
    expect(sqs.commandCalls(DeleteMessageBatchCommand).map((call) => call.args[0].input.Entries!.map((entry) => entry.ReceiptHandle))).toEqual([['r-m2']]);
  });
});
