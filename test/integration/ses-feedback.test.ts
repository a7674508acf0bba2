import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { lambdaContext, snsEvent } from '../../local/lambda-events';
import { createDynamoLedger } from '../../shared/adapters/dynamodb/ledger';
import { sendTagOf } from '../../shared/domain/send-tag';
import { logger } from '../../shared/logging';
import type { Ledger, SendRecord } from '../../shared/ports/ledger';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, refileFrom, startTestEngine, storedEmails } from '../helpers/local-engine';

/** The mail object of an SES event published through a configuration set, with the send's tags. */
function mailOf(send: SendRecord, to: string) {
  return {
    timestamp: '2026-03-01T10:00:01.012Z',
    source: 'greetings@dealer-journeys.example',
    sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/dealer-journeys.example',
    sendingAccountId: '123456789012',
    messageId: send.providerMessageId,
    destination: [to],
    headersTruncated: false,
    headers: [{ name: 'To', value: to }],
    commonHeaders: { from: ['greetings@dealer-journeys.example'], to: [to], messageId: send.providerMessageId, subject: 'A spring refresh' },
    tags: {
      'ses:configuration-set': ['dealer-journeys'],
      'ses:source-ip': ['192.0.2.0'],
      journey: [send.journeyId],
      occurrence: [send.occurrenceKey],
      message: [send.messageId],
      send: [sendTagOf(send)],
    },
  };
}

const bounceOf = (send: SendRecord, to: string) => ({
  eventType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: to, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
    timestamp: '2026-03-01T10:00:02.669Z',
    feedbackId: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
    reportingMTA: 'dsn; mta.example.com',
  },
  mail: mailOf(send, to),
});

const complaintOf = (send: SendRecord, to: string) => ({
  eventType: 'Complaint',
  complaint: {
    feedbackId: '01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000',
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: to }],
    timestamp: '2026-03-01T12:00:00.000Z',
    userAgent: 'Mozilla/5.0',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2026-03-01T11:59:00.000Z',
  },
  mail: mailOf(send, to),
});

const deliveryOf = (send: SendRecord, to: string) => ({
  eventType: 'Delivery',
  mail: mailOf(send, to),
  delivery: { timestamp: '2026-03-01T10:00:03.000Z', processingTimeMillis: 546, recipients: [to], smtpResponse: '250 ok', reportingMTA: 'a8-70.smtp-out.amazonses.com' },
});

describe('SES feedback on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let ledger: Ledger;
  let feedback: (message: unknown) => Promise<{ outcomes: string[] }>;
  const emailSend = async (customerId: string, year: string) =>
    (await ledger.listSends(customerId)).find((send) => send.channel === 'email' && send.occurrenceKey.startsWith(year))!;

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['spring-refresh'] });
    await putCustomers(
      engine,
      [aCustomerContext({ id: 'ann', email: 'ann@example.com' }), aCustomerContext({ id: 'bob', email: 'bob@example.com' }), aCustomerContext({ id: 'cho', email: 'cho@example.com' })],
      { from: '2026-03-01' },
    );
    ledger = createDynamoLedger(engine.dynamo, engine.tableName);
    const { handler } = await import('../../functions/feedback/handler');
    feedback = async (message) => (await handler(snsEvent(message, 'arn:aws:sns:us-east-1:000000000000:ses-events'), lambdaContext('feedback'))) as { outcomes: string[] };
    await evaluateDate(engine.handlers.evaluate, '2026-03-01');
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it("records a bounce, a complaint and a delivery on the sends they are about", async () => {
    const outcomes = [
      ...(await feedback(bounceOf(await emailSend('ann', '2026'), 'ann@example.com'))).outcomes,
      ...(await feedback(complaintOf(await emailSend('bob', '2026'), 'Bob@Example.com'))).outcomes,
      ...(await feedback(deliveryOf(await emailSend('cho', '2026'), 'cho@example.com'))).outcomes,
      // A late delivery report does not hide the complaint.
      ...(await feedback(deliveryOf(await emailSend('bob', '2026'), 'bob@example.com'))).outcomes,
    ];

    expect(outcomes).toEqual(['email.bounced', 'email.complained', 'email.delivered', 'email.delivered']);
    expect((await emailSend('ann', '2026')).delivery).toEqual({ status: 'bounced', at: '2026-03-01T10:00:02.669Z', detail: 'Permanent/General' });
    expect((await emailSend('bob', '2026')).delivery).toEqual({ status: 'complained', at: '2026-03-01T12:00:00.000Z', detail: 'abuse' });
    expect((await emailSend('cho', '2026')).delivery?.status).toBe('delivered');
    expect((await emailSend('ann', '2026')).status).toBe('sent');
  });

  it('a bounce and a complaint each stop later email to that address, and the history says why', async () => {
    await fetch(`${engine.stack.endpoints.ses}/clear-store`, { method: 'POST' });

    await refileFrom(engine, '2027-03-01');
    await evaluateDate(engine.handlers.evaluate, '2027-03-01');
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect((await storedEmails(engine)).map((email) => email.destination.to[0])).toEqual(['cho@example.com']);
    expect(await emailSend('ann', '2027')).toMatchObject({ status: 'skipped', reason: 'suppressed: hard-bounce' });
    expect(await emailSend('bob', '2027')).toMatchObject({ status: 'skipped', reason: 'suppressed: complaint' });
  });

  it('skips events that are not about one of our sends', async () => {
    const foreign = { ...deliveryOf(await emailSend('cho', '2026'), 'cho@example.com') };
    foreign.mail = { ...foreign.mail, tags: { 'ses:configuration-set': ['other'] } as never };

    expect((await feedback(foreign)).outcomes).toEqual(['email.ignored.not-ours']);
    expect((await feedback({ something: 'else' })).outcomes).toEqual(['unknown']);
  });

  it('logs the outcomes of each invocation as one line for Logs Insights (no metric per outcome, no address)', async () => {
    const info = vi.spyOn(logger, 'info');
    try {
      await feedback({ something: 'else' });

      expect(info.mock.calls.filter(([message]) => message === 'feedback handled')).toEqual([['feedback handled', { outcomes: ['unknown'] }]]);
    } finally {
      info.mockRestore();
    }
  });
});
