import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemType, occurrenceKey, sendKey } from '../../shared/adapters/dynamodb/keys';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { lambdaContext, sqsEvent } from '../../local/lambda-events';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, startTestEngine, storedEmails } from '../helpers/local-engine';

const emailMessage = (customerId: string): DispatchMessage => ({
  version: 1,
  journeyId: 'birthday',
  occurrenceKey: '2026',
  occurrenceDate: '2026-06-01',
  customerId,
  messageId: 'email',
  channel: 'email',
  template: 'birthday-email',
});

const emailsTo = async (engine: Awaited<ReturnType<typeof startTestEngine>>, address: string) =>
  (await storedEmails(engine)).filter((email) => email.destination.to.includes(address)).length;

describe('exactly once across interrupted runs (local stack)', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  beforeAll(async () => {
    engine = await startTestEngine();
    await putCustomers(engine, [
      aCustomerContext({ id: 'resumed', email: 'resumed@example.com', birthDate: '1985-06-01' }),
      aCustomerContext({ id: 'stale-lease', email: 'stale@example.com', birthDate: '1970-01-01' }),
      aCustomerContext({ id: 'live-lease', email: 'live@example.com', birthDate: '1970-01-01' }),
    ]);
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('finishes an occurrence that an earlier run claimed but stopped before queueing', async () => {
    // What a run leaves behind when it stops between the ledger write and the SQS send.
    await engine.dynamo.send(
      new PutCommand({
        TableName: engine.tableName,
        Item: { ...occurrenceKey('resumed', 'birthday', '2026'), type: itemType.occurrence, status: 'claimed', claimedAt: '2026-06-01T08:00:00Z' },
      }),
    );

    const summaries = await evaluateDate(engine.handlers.evaluate, '2026-06-01');
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect(summaries.flatMap((summary) => summary.outcomes).filter((outcome) => outcome.result === 'started')).toEqual([
      { occurrence: 'birthday#resumed#2026', result: 'started' },
    ]);
    expect(await emailsTo(engine, 'resumed@example.com')).toBe(1);
  });

  it('takes over a send whose holder died (lease expired) and sends it once', async () => {
    await engine.dynamo.send(
      new PutCommand({
        TableName: engine.tableName,
        Item: { ...sendKey('stale-lease', 'birthday', '2026', 'email'), type: itemType.send, status: 'sending', leaseUntil: '2026-01-01T00:00:00.000Z' },
      }),
    );
    const event = sqsEvent([{ MessageId: 'm1', ReceiptHandle: 'r1', Body: JSON.stringify(emailMessage('stale-lease')) }], 'arn:aws:sqs:us-east-1:000000000000:q');

    const first = await engine.handlers.dispatch(event, lambdaContext('dispatch-messages'));
    const redelivered = await engine.handlers.dispatch(event, lambdaContext('dispatch-messages'));

    expect(first.batchItemFailures).toEqual([]);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(await emailsTo(engine, 'stale@example.com')).toBe(1);
  });

  it('returns a message to the queue while another attempt holds a live lease, and sends nothing', async () => {
    await engine.dynamo.send(
      new PutCommand({
        TableName: engine.tableName,
        Item: { ...sendKey('live-lease', 'birthday', '2026', 'email'), type: itemType.send, status: 'sending', leaseUntil: '2999-01-01T00:00:00.000Z' },
      }),
    );
    const event = sqsEvent([{ MessageId: 'm2', ReceiptHandle: 'r2', Body: JSON.stringify(emailMessage('live-lease')) }], 'arn:aws:sqs:us-east-1:000000000000:q');

    // Powertools throws when every record of a batch failed; Lambda then returns the batch.
    await expect(engine.handlers.dispatch(event, lambdaContext('dispatch-messages'))).rejects.toThrow();
    expect(await emailsTo(engine, 'live@example.com')).toBe(0);
  });
});
