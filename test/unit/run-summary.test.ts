import { describe, expect, it } from 'vitest';
import { renderDayReport } from '../../local/html-report';
import { summaryTable } from '../../local/run-summary';
import type { DaySend } from '../../local/send-report';

const row = (status: DaySend['status'], channel: DaySend['channel'] = 'sms', reason?: string): DaySend => ({
  journeyId: 'birthday',
  channel,
  status,
  customerId: `c-${status}`,
  occurrenceDate: '2026-03-14',
  inThisRun: true,
  ...(reason ? { reason } : {}),
});

describe('npm start summary and day report: the policies\' statuses', () => {
  const sends = [row('sent'), row('frequency-capped', 'sms', '2 promotional messages in 7 days'), row('deferred', 'sms', 'quiet-hours'), row('sent', 'email')];

  it('counts capped and deferred sends per journey and channel in the run summary', () => {
    const table = summaryTable(sends, {}, ['birthday'], new Map([['birthday', ['email', 'sms'] as const]])).split('\n');

    expect(table[1]).toMatch(/journey\s+channel\s+sent\s+skipped\s+capped\s+deferred\s+failed\s+no consent/);
    expect(table.find((line) => /birthday\s+sms/.test(line))!.trim().split(/\s+/)).toEqual(['birthday', 'sms', '1', '0', '1', '1', '0', '0']);
  });

  it('gives capped and deferred sends their bars and lists them with their reasons', () => {
    const html = renderDayReport({ ledger: { date: '2026-03-14', occurrences: 4, sends, skippedNoConsent: [], unreadable: 0 }, channelOf: () => 'sms' });

    expect(html).toContain('birthday · sms (frequency-capped)');
    expect(html).toContain('birthday · sms (deferred)');
    expect(html).toContain('<td>deferred</td><td>quiet-hours</td>');
    expect(html).toContain('<td>frequency-capped</td><td>2 promotional messages in 7 days</td>');
  });
});
