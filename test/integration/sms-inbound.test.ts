import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { lambdaContext, snsEvent } from '../../local/lambda-events';
import type { Ledger } from '../../shared/ports/ledger';
import { createDynamoLedger } from '../../shared/adapters/dynamodb/ledger';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, refileFrom, startTestEngine } from '../helpers/local-engine';

/** The two-way SMS payload End User Messaging publishes to SNS for an inbound message. */
const inbound = (from: string, text: string) => ({
  originationNumber: from,
  destinationNumber: '+12125550101',
  messageKeyword: 'KEYWORD_123456789012',
  messageBody: text,
  inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
  previousPublishedMessageId: 'wJalrXUtnFEMI',
});

describe('inbound SMS opt-out on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let feedback: (message: unknown) => Promise<{ outcomes: string[] }>;
  let ledger: Ledger;

  const smsSentTo = async () =>
    (await readFile(engine.paths.smsOutbox, 'utf8').catch(() => ''))
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { to: string });
  const runDay = async (date: string) => {
    await refileFrom(engine, date);
    await evaluateDate(engine.handlers.evaluate, date);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
  };

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['womens-day', 'national-day'] });
    const china = { region: 'CN' as const, locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai', firstName: '敏', lastName: '赵', salutation: 'ms' as const };
    // Mother and daughter share one number, written two ways.
    await putCustomers(engine, [aCustomerContext({ ...china, id: 'mum', phone: '+86 138 1234 5678' }), aCustomerContext({ ...china, id: 'daughter', phone: '+8613812345678' })], { from: '2026-03-08' });
    const { handler } = await import('../../functions/feedback/handler');
    feedback = async (message) => (await handler(snsEvent(message, 'arn:aws:sns:us-east-1:000000000000:sms-inbound'), lambdaContext('feedback'))) as { outcomes: string[] };
    ledger = createDynamoLedger(engine.dynamo, engine.tableName);
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('STOP stops later SMS to every customer with the number, the history says why, and the provider list is told', async () => {
    await runDay('2026-03-08');
    expect((await smsSentTo()).map((sms) => sms.to)).toEqual(['+8613812345678', '+8613812345678']);

    const result = await feedback(inbound('+8613812345678', ' Stop '));
    await runDay('2026-09-24');

    expect(result.outcomes).toEqual(['sms.opt-out']);
    expect(await smsSentTo()).toHaveLength(2);
    for (const customerId of ['mum', 'daughter']) {
      const sends = await ledger.listSends(customerId);
      expect(sends.find((send) => send.journeyId === 'national-day' && send.channel === 'sms')).toMatchObject({ status: 'skipped', reason: 'suppressed: sms-opt-out' });
      expect(sends.find((send) => send.journeyId === 'national-day' && send.channel === 'email')?.status).toBe('sent');
    }
    expect((await readFile(engine.paths.smsOptOuts, 'utf8')).trim().split('\n').map((line) => JSON.parse(line))).toMatchObject([{ action: 'opt-out', number: '+8613812345678' }]);
  });

  it('START resumes them', async () => {
    const result = await feedback(inbound('+8613812345678', 'start'));
    await runDay('2027-03-08');

    expect(result.outcomes).toEqual(['sms.opt-in']);
    expect((await smsSentTo()).map((sms) => sms.to)).toEqual(Array(4).fill('+8613812345678'));
  });

  it('acts on the Chinese and other keywords whatever the case and spacing, and on nothing else', async () => {
    expect((await feedback(inbound('+8613812345678', '退订'))).outcomes).toEqual(['sms.opt-out']);
    expect((await feedback(inbound('+8613812345678', 't d'))).outcomes).toEqual(['sms.opt-out']);
    expect((await feedback(inbound('+8613812345678', 'UNSTOP'))).outcomes).toEqual(['sms.opt-in']);
    expect((await feedback(inbound('+8613812345678', "please don't stop"))).outcomes).toEqual(['sms.ignored.no-keyword']);
    expect((await feedback(inbound('12345', 'STOP'))).outcomes).toEqual(['sms.ignored.invalid-number']);
  });
});
