import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainQueue, evaluateDate, reconcileLocally } from '../../local/run-day';
import { createDynamoSendCounts } from '../../shared/adapters/dynamodb/send-counts';
import { addDays } from '../../shared/domain/dates';
import { endOfDateAnywhere, occurrenceDeadline } from '../../shared/use-cases/reconcile-ledger';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, startTestEngine, storedEmails } from '../helpers/local-engine';
import { aKey, invokeApi } from '../helpers/event-api';

let engine: Awaited<ReturnType<typeof startTestEngine>>;

const emailsTo = async (address: string) => (await storedEmails(engine)).filter((email) => email.destination.to.includes(address)).length;

/** What a crash leaves: the day evaluated, its queue messages gone. */
async function evaluatedThenQueueLost(date: string) {
  await evaluateDate(engine.handlers.evaluate, date);
  // Received and deleted undelivered (PurgeQueue is allowed once a minute).
  for (;;) {
    const { Messages = [] } = await engine.sqs.send(new ReceiveMessageCommand({ QueueUrl: engine.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return;
    await engine.sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: engine.queueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }),
    );
  }
}

describe('reconciler on the local stack', () => {
  beforeAll(async () => {
    engine = await startTestEngine();
    await putCustomers(engine, [
      aCustomerContext({ id: 'lost-queue', email: 'lost@example.com', birthDate: '1985-07-01' }),
      aCustomerContext({ id: 'too-late', email: 'late@example.com', birthDate: '1985-07-02' }),
    ], { from: '2026-07-01' });
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('re-drives the messages of an occurrence whose queue messages were lost, and then closes it', async () => {
    await evaluatedThenQueueLost('2026-07-01');

    const redriven = await reconcileLocally(engine.handlers.reconcile, endOfDateAnywhere('2026-07-01'), false);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    const closing = await reconcileLocally(engine.handlers.reconcile, endOfDateAnywhere('2026-07-01'), false);

    // Email and SMS; the card is its own unit, mailed three days ahead (unit tests re-drive it).
    expect(redriven).toMatchObject({ occurrencesRedriven: 1, messagesRedriven: 2 });
    expect(await emailsTo('lost@example.com')).toBe(1);
    expect(closing).toMatchObject({ closed: 1, stillOpen: 0 });
  });

  it('after the deadline marks the unfinished sends expired, and the API shows them with the reason', async () => {
    await evaluatedThenQueueLost('2026-07-02');

    const summary = await reconcileLocally(engine.handlers.reconcile, occurrenceDeadline('2026-07-02'), false);
    const response = await invokeApi(engine, await aKey(engine, { kind: 'dealer', dealerId: 'dealer-sh' }), 'GET', '/v1/customers/too-late/messages');

    expect(summary).toMatchObject({ occurrencesExpired: 1, sendsExpired: 2 });
    expect(response.statusCode).toBe(200);
    const { messages } = response.body as { messages: { channel: string; status: string; reason?: string }[] };
    expect(messages.map((message) => [message.channel, message.status]).sort()).toEqual([['email', 'expired'], ['sms', 'expired']]);
    expect(messages[0]!.reason).toMatch(/not finished 2 days after its date/);
    expect(await emailsTo('late@example.com')).toBe(0);
    // Counted once each in the console's counters, under the real clock's UTC day of the expiry.
    const today = new Date().toISOString().slice(0, 10);
    const { rows } = await createDynamoSendCounts(engine.dynamo, engine.tableName).countsOf(['dealer-sh'], addDays(today, -1), addDays(today, 1));
    expect(rows.filter((row) => row.outcome === 'expired').map(({ stepId, channel, count }) => [stepId, channel, count]).sort()).toEqual([['email', 'email', 1], ['sms', 'sms', 1]]);
  });
});
