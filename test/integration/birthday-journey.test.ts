import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { aCustomerContext, aDealer } from '../helpers/factories';
import { inspectPdf } from '../helpers/inspect-pdf';
import { putCustomers, refileFrom, startTestEngine, storedEmails } from '../helpers/local-engine';

const withdrawn = { granted: false, source: 'sms-stop-reply', at: '2025-01-01T00:00:00Z' };

describe('the birthday journey on the local stack', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  beforeAll(async () => {
    engine = await startTestEngine();
    const shanghai = aDealer();
    await putCustomers(engine, [
      { ...aCustomerContext({ id: 'wang', firstName: '伟', lastName: '王', salutation: 'mr', locale: 'zh-CN', timeZone: 'Asia/Shanghai', birthDate: '1980-03-14', email: 'wang@example.com', phone: '+8613812345678' }), dealer: shanghai },
      aCustomerContext({ id: 'ann', timeZone: 'Europe/London', birthDate: '1990-03-14', consent: { ...aCustomerContext().customer.consent, sms: withdrawn } }),
      aCustomerContext({ id: 'kiwi', timeZone: 'Pacific/Auckland', birthDate: '1970-03-15', email: 'kiwi@example.com', phone: '+64211234567' }),
      // Her card is mailed three days ahead: it goes out in the run of 14 March.
      { ...aCustomerContext({ id: 'zhao', firstName: '敏', lastName: '赵', salutation: 'ms', locale: 'zh-CN', timeZone: 'Asia/Shanghai', birthDate: '1980-03-17', email: 'zhao@example.com', phone: '+8613812345679' }), dealer: shanghai },
      aCustomerContext({ id: 'leap', timeZone: 'America/Los_Angeles', birthDate: '1996-02-29', email: 'leap@example.com', phone: '+12132345678' }),
    ], { from: '2026-03-14' });
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('greets each customer on their birthday by email and SMS, and mails the card three days ahead with one candle per year', async () => {
    const summaries = await evaluateDate(engine.handlers.evaluate, '2026-03-14');
    const drained = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect(new Set(summaries.flatMap((summary) => summary.outcomes.map((outcome) => outcome.occurrence)))).toEqual(
      new Set(['birthday#wang#2026', 'birthday#ann#2026', 'birthday#zhao#2026/card']),
    );
    expect(drained.failed).toBe(0);

    const emails = await storedEmails(engine);
    const toWang = emails.find((email) => email.destination.to.includes('wang@example.com'));
    expect(toWang?.subject).toBe('王先生，生日快乐！');
    expect(toWang?.body.html).toContain('46岁生日快乐');
    expect(emails.find((email) => email.destination.to.includes('ann.lee@example.com'))?.subject).toBe('Happy birthday, Ms Lee!');

    const outbox = (await readFile(engine.paths.smsOutbox, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(outbox.map((sms) => sms.to)).toEqual(['+8613812345678']);
    expect(outbox[0].text).toContain('46岁');

    // The cards of the day are for birthdays three days later: Zhao's, not Wang's or Ann's.
    expect(await readdir(join(engine.paths.printFolder, '2026-03-14', 'birthday'))).toEqual(['zhao-card.pdf']);
    const card = join(engine.paths.printFolder, '2026-03-14', 'birthday', 'zhao-card.pdf');
    const inspected = await inspectPdf(new Uint8Array(await readFile(card)));
    expect(inspected.candles).toBe(46);
    expect(inspected.text).toContain('赵女士');
    expect(emails.some((email) => email.destination.to.includes('zhao@example.com'))).toBe(false);
  });

  it('sends nothing more when the same date runs again', async () => {
    const emailsBefore = (await storedEmails(engine)).length;
    const outboxBefore = await readFile(engine.paths.smsOutbox, 'utf8');

    // As `npm start` runs a date: everyone filed from it again, so the ledger is what stops a resend.
    await refileFrom(engine, '2026-03-14');
    const summaries = await evaluateDate(engine.handlers.evaluate, '2026-03-14');
    const drained = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect(summaries.every((summary) => summary.started === 0)).toBe(true);
    expect(summaries.some((summary) => summary.alreadyHandled > 0)).toBe(true);
    expect(drained.delivered).toBe(0);
    expect((await storedEmails(engine)).length).toBe(emailsBefore);
    expect(await readFile(engine.paths.smsOutbox, 'utf8')).toBe(outboxBefore);
  });

  it('greets a customer in Auckland on their own date, while most of the world is still on the day before', async () => {
    // 2026-03-14T20:00Z is 09:00 on 15 March in Auckland.
    const summary = await engine.handlers.evaluate(
      { time: '2026-03-14T20:00:00Z', detail: {} },
      (await import('../../local/lambda-events')).lambdaContext('evaluate-schedule'),
    );
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    // Ann (London) is still on her birthday at this instant, but was greeted and moved on: she costs nothing.
    expect(summary.outcomes).toEqual([{ occurrence: 'birthday#kiwi#2026', result: 'started' }]);
    expect((await storedEmails(engine)).some((email) => email.destination.to.includes('kiwi@example.com'))).toBe(true);
  });

  it('greets a customer born on 29 February on 28 February of a non-leap year, the card mailed on the 25th', async () => {
    await refileFrom(engine, '2026-02-25');
    for (const date of ['2026-02-25', '2026-02-28']) {
      await evaluateDate(engine.handlers.evaluate, date);
      await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    }

    const leapCard = join(engine.paths.printFolder, '2026-02-25', 'birthday', 'leap-card.pdf');
    expect(existsSync(leapCard)).toBe(true);
    expect((await inspectPdf(new Uint8Array(await readFile(leapCard)))).candles).toBe(30);
    expect((await storedEmails(engine)).some((email) => email.destination.to.includes('leap@example.com'))).toBe(true);
  });
});
