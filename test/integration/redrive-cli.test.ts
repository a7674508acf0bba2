import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchQueue, eventsQueue } from '../../shared/resources/queues';
import { startTestEngine } from '../helpers/local-engine';
import { runScript } from '../helpers/processes';

describe('npm run redrive against the local SQS server', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  const url = async (QueueName: string) => (await engine.sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl!;
  const receiveAll = async (queueUrl: string) => {
    const received: { body: string; group?: string }[] = [];
    for (;;) {
      const { Messages = [] } = await engine.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'] }));
      if (Messages.length === 0) return received;
      for (const message of Messages) {
        received.push({ body: message.Body!, ...(message.Attributes?.MessageGroupId ? { group: message.Attributes.MessageGroupId } : {}) });
        await engine.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
      }
    }
  };

  beforeAll(async () => {
    engine = await startTestEngine();
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('moves the events dead-letter queue back to the events queue, keeping each message group', async () => {
    const deadLetter = await url(eventsQueue.deadLetter.localName);
    await engine.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: deadLetter,
        Entries: [
          { Id: '1', MessageBody: '{"poison":1}', MessageGroupId: 'customer-a', MessageDeduplicationId: 'dedup-1' },
          { Id: '2', MessageBody: '{"poison":2}', MessageGroupId: 'customer-a', MessageDeduplicationId: 'dedup-2' },
          { Id: '3', MessageBody: '{"poison":3}', MessageGroupId: 'customer-b', MessageDeduplicationId: 'dedup-3' },
        ],
      }),
    );

    const run = await runScript('scripts/redrive.ts', ['events', '--sqs-port', String(engine.stack.ports.sqs)]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Moved 3 messages from');
    const moved = await receiveAll(engine.eventsQueueUrl);
    expect(moved.map(({ body, group }) => `${body} ${group}`).sort()).toEqual(['{"poison":1} customer-a', '{"poison":2} customer-a', '{"poison":3} customer-b']);
    expect(await receiveAll(deadLetter)).toEqual([]);
  });

  it('moves any dead-letter queue given by URL (as on AWS), and says when there was nothing to move', async () => {
    const deadLetter = await url(dispatchQueue.deadLetter.localName);
    await engine.sqs.send(new SendMessageBatchCommand({ QueueUrl: deadLetter, Entries: [{ Id: '1', MessageBody: '{"message":1}' }, { Id: '2', MessageBody: '{"message":2}' }] }));

    const run = await runScript('scripts/redrive.ts', ['--queue-url', engine.queueUrl, '--dlq-url', deadLetter]);
    const again = await runScript('scripts/redrive.ts', ['--queue-url', engine.queueUrl, '--dlq-url', deadLetter]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Moved 2 messages');
    expect((await receiveAll(engine.queueUrl)).map(({ body }) => body).sort()).toEqual(['{"message":1}', '{"message":2}']);
    expect(again.stdout).toContain('Moved 0 messages');
  });

  it('names the option to fix when no SQS server answers, and refuses a bad command line', async () => {
    const nothingThere = await runScript('scripts/redrive.ts', ['dispatch', '--sqs-port', '1']);
    const bad = await runScript('scripts/redrive.ts', ['everything']);

    expect(nothingThere.code).toBe(2);
    expect(nothingThere.stderr).toContain('--sqs-port');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: npm run redrive');
  });
});
