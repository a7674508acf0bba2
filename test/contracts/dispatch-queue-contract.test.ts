import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { createSqsDispatchQueue } from '../../shared/adapters/sqs/dispatch-queue';
import { DispatchMessage } from '../../shared/domain/dispatch-message';
import { EngineError } from '../../shared/domain/errors';
import type { DispatchQueue } from '../../shared/ports/channels';
import { startTestEngine } from '../helpers/local-engine';

/** A queue and its consumer side: every message visible now, each removed once received. */
interface QueueUnderTest {
  queue: DispatchQueue;
  receiveAll(): Promise<DispatchMessage[]>;
}

const aMessage = (customerId: string): DispatchMessage => ({
  version: 1,
  journeyId: 'birthday',
  occurrenceKey: '2026',
  occurrenceDate: '2026-03-14',
  customerId,
  messageId: 'email',
  channel: 'email',
  template: 'birthday-email',
  category: 'promotional',
  priority: 50,
  plannedAt: '2026-03-14T01:00:00.000Z',
});

function dispatchQueueContract(newQueue: () => Promise<QueueUnderTest>) {
  it('hands every message enqueued to the consumer once, as it was queued (more than one batch)', async () => {
    const { queue, receiveAll } = await newQueue();
    const messages = Array.from({ length: 23 }, (_, index) => aMessage(`c-${index}`));

    await queue.enqueue(messages);
    const received = await receiveAll();

    expect(received.sort((a, b) => a.customerId.localeCompare(b.customerId))).toEqual([...messages].sort((a, b) => a.customerId.localeCompare(b.customerId)));
    expect(await receiveAll()).toEqual([]);
  });

  it('refuses a delay SQS cannot keep, queueing nothing', async () => {
    const { queue, receiveAll } = await newQueue();

    await expect(queue.enqueue([aMessage('c-1')], { delaySeconds: 901 })).rejects.toBeInstanceOf(EngineError);
    await expect(queue.enqueue([aMessage('c-1')], { delaySeconds: 1.5 })).rejects.toBeInstanceOf(EngineError);
    expect(await receiveAll()).toEqual([]);
  });

  it('keeps a delayed message out of sight until its delay is over', async () => {
    const { queue, receiveAll } = await newQueue();

    await queue.enqueue([aMessage('c-late')], { delaySeconds: 600 });
    await queue.enqueue([aMessage('c-now')], { delaySeconds: 0 });

    expect((await receiveAll()).map((message) => message.customerId)).toEqual(['c-now']);
  });
}

describe('dispatch queue contract: in memory', () => {
  dispatchQueueContract(async () => {
    const queue = createMemoryDispatchQueue({ clock: () => new Date('2026-03-14T01:00:00Z') });
    return { queue, receiveAll: async () => queue.receive(new Date('2026-03-14T01:00:00Z')) };
  });
});

describe('dispatch queue contract: SQS on local-aws-sqs', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let queues = 0;

  beforeAll(async () => {
    engine = await startTestEngine();
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  dispatchQueueContract(async () => {
    const { QueueUrl } = await engine.sqs.send(new CreateQueueCommand({ QueueName: `dispatch-contract-${(queues += 1)}` }));
    const receiveAll = async () => {
      const all: DispatchMessage[] = [];
      for (;;) {
        const { Messages = [] } = await engine.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        if (Messages.length === 0) return all;
        all.push(...Messages.map((message) => DispatchMessage.parse(JSON.parse(message.Body!))));
        await engine.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }));
      }
    };
    return { queue: createSqsDispatchQueue(engine.sqs, QueueUrl!), receiveAll };
  });
});
