import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { renderDayReport } from '../../local/html-report';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { ledgerForDate } from '../../local/send-report';
import { occurrenceKey } from '../../shared/adapters/dynamodb/keys';
import type { Channel } from '../../shared/domain/customer';
import { aCustomerContext } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';

const withdrawn = { granted: false, source: 'sms-stop-reply', at: '2025-01-01T00:00:00Z' };
const channelOf = (_journeyId: string, messageId: string): Channel | undefined => (['email', 'sms', 'print'] as const).find((channel) => channel === messageId);
const textOf = (html: string, id: string) => new RegExp(`id="${id}">(\\d+)<`).exec(html)?.[1];

describe('the day report, from the ledger', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;

  async function runDay(date: string) {
    const runStartedAt = new Date();
    await evaluateDate(engine.handlers.evaluate, date);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    return ledgerForDate(engine.dynamo, engine.tableName, date, runStartedAt);
  }

  beforeAll(async () => {
    engine = await startTestEngine();
    await putCustomers(engine, [
      aCustomerContext({ id: 'ann', timeZone: 'Europe/London', birthDate: '1990-03-14', consent: { ...aCustomerContext().customer.consent, sms: withdrawn } }),
      aCustomerContext({ id: 'bob', timeZone: 'Europe/London', birthDate: '1985-03-14', email: 'bob@example.com' }),
      aCustomerContext({ id: 'cat', timeZone: 'Europe/London', birthDate: '1975-03-15', email: 'cat@example.com' }),
      // Her card is mailed three days ahead of her birthday: on the 14th.
      aCustomerContext({ id: 'dan', timeZone: 'Europe/London', birthDate: '1970-03-17', email: 'dan@example.com' }),
    ], { from: '2026-03-14' });
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('shows the day sent by the first run, all of it marked as this run', async () => {
    const ledger = await runDay('2026-03-14');
    const html = renderDayReport({ ledger, channelOf });

    expect(ledger.occurrences).toBe(3);
    expect(new Set(ledger.sends.map((send) => send.customerId))).toEqual(new Set(['ann', 'bob', 'dan']));
    expect(ledger.sends.every((send) => send.inThisRun)).toBe(true);
    // ann: email (no SMS consent); bob: email and SMS; dan: the card for her birthday on the 17th.
    expect(ledger.sends.filter((send) => send.status === 'sent')).toHaveLength(4);
    expect(ledger.sends.filter((send) => send.channel === 'print')).toEqual([expect.objectContaining({ customerId: 'dan', occurrenceDate: '2026-03-17' })]);
    expect(ledger.skippedNoConsent).toEqual([{ journeyId: 'birthday', messageId: 'sms' }]);
    expect(textOf(html, 'sent')).toBe('4');
    expect(textOf(html, 'sent-this-run')).toBe('4');
    expect(html).toContain('birthday · sms (no consent)');
    expect(html).toContain('birthday print: 1 sent for occurrences on 2026-03-17 (3 days ahead)');
  });

  it('still shows the day after a re-run that sent nothing, with nothing marked as this run', async () => {
    const ledger = await runDay('2026-03-14');
    const html = renderDayReport({ ledger, channelOf });

    expect(ledger.occurrences).toBe(3);
    expect(ledger.sends.filter((send) => send.status === 'sent')).toHaveLength(4);
    expect(ledger.sends.some((send) => send.inThisRun)).toBe(false);
    expect(textOf(html, 'sent')).toBe('4');
    expect(textOf(html, 'sent-this-run')).toBe('0');
    expect(html).toMatch(/birthday · email \(sent\)[\s\S]*?>2<\/text>/);
  });

  it('keeps other dates out and counts a ledger item it cannot read instead of hiding it', async () => {
    await runDay('2026-03-15');
    await engine.dynamo.send(
      new PutCommand({ TableName: engine.tableName, Item: { ...occurrenceKey('bob', 'birthday', 'broken'), type: 'Occurrence', journeyId: 'birthday', occurrenceDate: 'not a date' } }),
    );

    const ledger = await ledgerForDate(engine.dynamo, engine.tableName, '2026-03-14', new Date());
    const html = renderDayReport({ ledger, channelOf });

    expect(new Set(ledger.sends.map((send) => send.customerId))).toEqual(new Set(['ann', 'bob', 'dan']));
    expect(ledger.unreadable).toBe(1);
    expect(html).toContain('1 ledger items could not be read');
  });
});
