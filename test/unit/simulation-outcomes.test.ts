import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { sendTimesMemo, sendTimesOf, simulatedSendsOf, type LedgerOccurrence, type LedgerSend } from '../../shared/domain/simulation-outcomes';

const zones = ['Asia/Shanghai', 'Australia/Sydney', 'America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kathmandu', 'America/Santiago', 'UTC'];

/** An instant of 2025-2027 as the ledger writes it (toISOString), on the hour or anywhere. */
const instantText = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 0, 1) / 3_600_000, max: Date.UTC(2027, 11, 31) / 3_600_000 }).map((hour) => new Date(hour * 3_600_000).toISOString()),
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms).toISOString()),
);

describe('the times of a simulated send', () => {
  it('are the instant in UTC and the local date and minute luxon gives in the zone', () => {
    fc.assert(
      fc.property(instantText, fc.constantFrom(...zones), (instant, zone) => {
        const local = DateTime.fromISO(instant, { zone });
        expect(sendTimesOf(instant, zone)).toEqual({ utc: instant, localDate: local.toISODate(), localTime: local.toFormat('HH:mm') });
      }),
      { numRuns: 300 },
    );
  });

  it('are the same kept once per instant and zone as worked out anew each time, in any order of asking', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...instantTexts()), fc.constantFrom(...zones)), { maxLength: 60 }), (asks) => {
        const memo = sendTimesMemo();
        for (const [instant, zone] of asks) expect(memo(instant, zone)).toEqual(sendTimesOf(instant, zone));
      }),
      { numRuns: 200 },
    );
  });

  it('are kept per zone: one instant in two zones gives each its own local times', () => {
    const memo = sendTimesMemo();
    const instant = '2026-03-01T23:30:00.000Z';
    expect(memo(instant, 'UTC')).toEqual({ utc: instant, localDate: '2026-03-01', localTime: '23:30' });
    expect(memo(instant, 'Asia/Shanghai')).toEqual({ utc: instant, localDate: '2026-03-02', localTime: '07:30' });
    expect(memo(instant, 'UTC').localDate).toBe('2026-03-01');
  });
});

/** A few instants, so that a list of asks repeats some. */
function instantTexts(): string[] {
  return ['2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z', '2026-06-30T15:00:00.000Z', '2026-09-06T07:00:00.000Z', '2026-10-04T16:30:00.000Z', '2026-12-31T23:59:59.999Z'];
}

describe('the simulated sends of a ledger', () => {
  const occurrence = (messages: LedgerOccurrence['messages'], lastQueuedAt: string): LedgerOccurrence => ({
    customerId: 'c-1',
    journeyId: 'birthday',
    occurrenceKey: '2026',
    occurrenceDate: '2026-03-02',
    messages,
    lastQueuedAt,
  });
  const message = (messageId: string, contactable: boolean) => ({ messageId, channel: 'sms' as const, template: 'birthday-sms', contactable }) as LedgerOccurrence['messages'][number];

  it('give each send its last write in the customer\'s zone, with `reason` only where there is one and last', () => {
    const sends = new Map<string, LedgerSend>([
      ['sms', { channel: 'sms', status: 'sent', updatedAt: '2026-03-02T01:00:00.000Z' }],
      ['email', { channel: 'email', status: 'skipped', updatedAt: '2026-03-02T01:00:00.000Z', reason: 'quiet-hours' }],
    ]);
    const lines = [
      ...simulatedSendsOf([occurrence([message('sms', true), message('email', true), message('print', false)], '2026-03-01T23:00:00.000Z')], {
        sendOf: (_occurrence, messageId) => sends.get(messageId),
        customerOf: () => ({ dealerId: 'dealer-sh', timeZone: 'Asia/Shanghai' }),
        categoryOf: () => 'promotional',
      }),
    ].map((send) => JSON.stringify(send));
    expect(lines).toEqual([
      '{"customerId":"c-1","dealerId":"dealer-sh","journeyId":"birthday","messageId":"sms","channel":"sms","category":"promotional","occurrence":"2026","localDate":"2026-03-02","localTime":"09:00","utc":"2026-03-02T01:00:00.000Z","outcome":"sent"}',
      '{"customerId":"c-1","dealerId":"dealer-sh","journeyId":"birthday","messageId":"email","channel":"email","category":"promotional","occurrence":"2026","localDate":"2026-03-02","localTime":"09:00","utc":"2026-03-02T01:00:00.000Z","outcome":"skipped","reason":"quiet-hours"}',
      '{"customerId":"c-1","dealerId":"dealer-sh","journeyId":"birthday","messageId":"print","channel":"sms","category":"promotional","occurrence":"2026","localDate":"2026-03-02","localTime":"07:00","utc":"2026-03-01T23:00:00.000Z","outcome":"skipped","reason":"no-consent"}',
    ]);
  });
});
