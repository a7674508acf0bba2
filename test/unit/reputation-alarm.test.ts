import { describe, expect, it } from 'vitest';
import { createMemorySendingPauses } from '../../shared/adapters/memory/sending-pauses';
import { applyReputationAlarm } from '../../shared/use-cases/reputation-alarm';

const alarm = (state: string, metric: string) => ({
  AlarmName: 'DealerJourneys-SesBounceRate',
  AlarmDescription: 'SES bounce rate over 5%',
  NewStateValue: state,
  NewStateReason: 'Threshold Crossed',
  StateChangeTime: '2026-03-14T10:00:00.000+0000',
  Region: 'US East (N. Virginia)',
  OldStateValue: 'OK',
  Trigger: { MetricName: metric, Namespace: 'AWS/SES', Statistic: 'MAXIMUM', Period: 3600, Threshold: 0.05, ComparisonOperator: 'GreaterThanThreshold' },
});

describe('SES reputation alarm', () => {
  it('pauses promotional email when it goes to ALARM, naming the metric, and not again', async () => {
    const pauses = createMemorySendingPauses();

    const first = await applyReputationAlarm(alarm('ALARM', 'Reputation.BounceRate'), pauses);
    const second = await applyReputationAlarm(alarm('ALARM', 'Reputation.ComplaintRate'), pauses);

    expect([first, second]).toEqual(['paused', 'already-paused']);
    expect(await pauses.activePauses()).toEqual([
      { channel: 'email', category: 'promotional', reason: 'ses-bounce-rate', source: 'alarm:DealerJourneys-SesBounceRate', at: '2026-03-14T10:00:00.000Z' },
    ]);
  });

  it('does not resume when the alarm returns to OK: a person does', async () => {
    const pauses = createMemorySendingPauses();
    await applyReputationAlarm(alarm('ALARM', 'Reputation.ComplaintRate'), pauses);

    expect(await applyReputationAlarm(alarm('OK', 'Reputation.ComplaintRate'), pauses)).toBe('ignored');
    expect(await pauses.activePauses()).toHaveLength(1);
  });
});
