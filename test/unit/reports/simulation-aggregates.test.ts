import { describe, expect, it } from 'vitest';
import { reportDays } from '../../../shared/reports/report-days';
import { aggregateSends, orderedJourneyIds } from '../../../shared/reports/simulation-aggregates';
import { aSimulatedSend } from '../../helpers/simulated-sends';

describe('the counts of a simulation report', () => {
  const sends = [
    aSimulatedSend({ customerId: 'ann', localDate: '2026-03-14' }),
    aSimulatedSend({ customerId: 'ann', messageId: 'sms', channel: 'sms', localDate: '2026-03-14', outcome: 'skipped', reason: 'no consent' }),
    aSimulatedSend({ customerId: 'bob', localDate: '2026-03-14' }),
    aSimulatedSend({ customerId: 'bob', messageId: 'sms', channel: 'sms', localDate: '2026-03-14', outcome: 'skipped', reason: 'no consent' }),
    aSimulatedSend({ customerId: 'bob', journeyId: 'service-reminder', localDate: '2026-03-16' }),
    aSimulatedSend({ customerId: 'cat', journeyId: 'service-reminder', localDate: '2026-03-16', outcome: 'frequency-capped', reason: 'cap' }),
    aSimulatedSend({ customerId: 'cat', messageId: 'card', channel: 'print', localDate: '2026-03-11' }),
  ];

  it('spans the period and stretches it to a send dated before it', () => {
    expect(reportDays('2026-03-13', '2026-03-16', sends)).toEqual(['2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16']);
    expect(reportDays('2026-03-01', '2026-03-02', [])).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('counts messages sent per day by journey and by channel, leaving out those not sent', () => {
    const days = reportDays('2026-03-14', '2026-03-16', sends);

    const aggregates = aggregateSends(sends, days, ['birthday', 'service-reminder']);

    expect(aggregates.days).toEqual(['2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16']);
    expect(aggregates.sentPerDayByJourney).toEqual([
      [1, 0, 0, 2, 0, 0],
      [0, 0, 0, 0, 0, 1],
    ]);
    expect(aggregates.channels).toEqual(['email', 'sms', 'print', 'task']);
    expect(aggregates.sentPerDayByChannel).toEqual([
      [0, 0, 0, 2, 0, 1],
      [0, 0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
    ]);
    expect(aggregates.customers).toBe(3);
    expect(aggregates.totals).toEqual({ sent: 4, skipped: 2, 'frequency-capped': 1, deferred: 0, failed: 0 });
  });

  it('ranks the busiest days by messages sent, the earlier first on a tie, without empty days', () => {
    const days = reportDays('2026-03-11', '2026-03-16', sends);

    const { busiestDays } = aggregateSends(sends, days, ['birthday', 'service-reminder'], 2);

    expect(busiestDays).toEqual([
      { date: '2026-03-14', sent: 2, byChannel: { email: 2, sms: 0, print: 0, task: 0 } },
      { date: '2026-03-11', sent: 1, byChannel: { email: 0, sms: 0, print: 1, task: 0 } },
    ]);
  });

  it('totals each journey by channel and outcome, and counts sends not sent by reason', () => {
    const aggregates = aggregateSends(sends, reportDays('2026-03-11', '2026-03-16', sends), ['birthday', 'service-reminder']);

    expect(aggregates.journeyTotals).toEqual([
      { journeyId: 'birthday', channel: 'email', counts: { sent: 2, skipped: 0, 'frequency-capped': 0, deferred: 0, failed: 0 } },
      { journeyId: 'birthday', channel: 'sms', counts: { sent: 0, skipped: 2, 'frequency-capped': 0, deferred: 0, failed: 0 } },
      { journeyId: 'birthday', channel: 'print', counts: { sent: 1, skipped: 0, 'frequency-capped': 0, deferred: 0, failed: 0 } },
      { journeyId: 'service-reminder', channel: 'email', counts: { sent: 1, skipped: 0, 'frequency-capped': 1, deferred: 0, failed: 0 } },
    ]);
    expect(aggregates.reasons).toEqual([
      { outcome: 'skipped', reason: 'no consent', count: 2 },
      { outcome: 'frequency-capped', reason: 'cap', count: 1 },
    ]);
  });

  it('orders journeys as configured, then the others that have sends by id', () => {
    expect(orderedJourneyIds(['welcome', 'birthday'], sends)).toEqual(['welcome', 'birthday', 'service-reminder']);
  });
});
