import { PutCommand } from '../../shared/adapters/dynamodb/document-client';
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

/** What an attempt leaves when it has claimed a send: `sending`, with a lease until `leaseUntil`. */
async function holdSend(customerId: string, leaseUntil: string): Promise<void> {
  await engine.dynamo.send(
    new PutCommand({
      TableName: engine.tableName,
      Item: { ...sendKey(customerId, 'birthday', '2026', 'email'), type: itemType.send, status: 'sending', leaseUntil },
    }),
  );
}

const emailEvent = (customerId: string) =>
  sqsEvent([{ MessageId: `m-${customerId}`, ReceiptHandle: `r-${customerId}`, Body: JSON.stringify(emailMessage(customerId)) }], 'arn:aws:sqs:us-east-1:000000000000:q');

const emailsTo = async (address: string, subject = /./) =>
  (await storedEmails(engine)).filter((email) => email.destination.to.includes(address) && subject.test(email.subject)).length;

let engine: Awaited<ReturnType<typeof startTestEngine>>;

describe('exactly once across interrupted runs (local stack)', () => {
  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
    await putCustomers(engine, [
      aCustomerContext({ id: 'resumed', email: 'resumed@example.com', birthDate: '1985-06-01' }),
      aCustomerContext({ id: 'stale-lease', email: 'stale@example.com', birthDate: '1970-01-01' }),
      aCustomerContext({ id: 'live-lease', email: 'live@example.com', birthDate: '1970-01-01' }),
    ], { from: '2026-06-01' });
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

    // Only the birthday is under test; other shipped journeys (summer cooling, the car's
    // anniversary) fall on 1 June too and start on their own.
    const birthdayOutcomes = summaries.flatMap((summary) => summary.outcomes).filter((outcome) => outcome.occurrence.startsWith('birthday#'));
    expect(birthdayOutcomes.filter((outcome) => outcome.result === 'started')).toEqual([{ occurrence: 'birthday#resumed#2026', result: 'started' }]);
    expect(await emailsTo('resumed@example.com', /birthday/i)).toBe(1);
  });

  it('takes over a send whose holder died (lease expired) and sends it once', async () => {
    await holdSend('stale-lease', '2026-01-01T00:00:00.000Z');
    const event = emailEvent('stale-lease');

    const first = await engine.handlers.dispatch(event, lambdaContext('dispatch-messages'));
    const redelivered = await engine.handlers.dispatch(event, lambdaContext('dispatch-messages'));

    expect(first.batchItemFailures).toEqual([]);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(await emailsTo('stale@example.com')).toBe(1);
  });

  it('returns a message to the queue while another attempt holds a live lease, and sends nothing', async () => {
    await holdSend('live-lease', '2999-01-01T00:00:00.000Z');
    const event = emailEvent('live-lease');

    // Powertools throws when every record of a batch failed; Lambda then returns the batch.
    await expect(engine.handlers.dispatch(event, lambdaContext('dispatch-messages'))).rejects.toThrow();
    expect(await emailsTo('live@example.com')).toBe(0);
  });
});
