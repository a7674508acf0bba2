import { describe, expect, it } from 'vitest';
import { diffWithBaseline } from '../../../shared/reports/baseline-diff';
import { changeDetail } from '../../../shared/reports/change-sections';
import { reportDays } from '../../../shared/reports/report-days';
import { aSimulatedSend } from '../../helpers/simulated-sends';

describe('what a change does, against the baseline', () => {
  const unchanged = aSimulatedSend({ customerId: 'ann' });
  const dropped = aSimulatedSend({ customerId: 'bob', messageId: 'card', channel: 'print', localDate: '2026-03-11' });
  const movedBefore = aSimulatedSend({ customerId: 'cat', localDate: '2026-03-14' });
  const movedNow = { ...movedBefore, localDate: '2026-03-12' };
  const nowSkipped = aSimulatedSend({ customerId: 'dan', messageId: 'sms', channel: 'sms' });
  const newSend = aSimulatedSend({ customerId: 'eve', journeyId: 'welcome', occurrence: 'once' });
  const heldInBoth = aSimulatedSend({ customerId: 'fay', outcome: 'skipped', reason: 'no consent' });
  const baseline = [unchanged, dropped, movedBefore, nowSkipped, heldInBoth];
  const current = [unchanged, movedNow, { ...nowSkipped, outcome: 'skipped' as const, reason: 'quiet hours' }, newSend, { ...heldInBoth, reason: 'suppressed' }];
  const days = reportDays('2026-03-11', '2026-03-14', current, baseline);

  it('finds sends added and removed, matching by customer, journey, occurrence, message and day', () => {
    const diff = diffWithBaseline(current, baseline, days, ['birthday']);

    const changes = diff.changes.map(({ change, send }) => `${change} ${send.customerId} ${send.messageId} ${send.localDate}`).sort();
    expect(changes).toEqual([
      'added cat email 2026-03-12',
      'added eve email 2026-03-14',
      'removed bob card 2026-03-11',
      'removed cat email 2026-03-14',
      'removed dan sms 2026-03-14',
    ]);
  });

  it('says what the other configuration did with each changed send', () => {
    const diff = diffWithBaseline(current, baseline, days, ['birthday']);

    const details = Object.fromEntries(diff.changes.map((change) => [`${change.change} ${change.send.customerId}`, changeDetail(change)]));
    expect(details).toEqual({
      'added cat': 'before: sent on 2026-03-14',
      'added eve': 'new',
      'removed bob': 'no longer planned',
      'removed cat': 'now: sent on 2026-03-12',
      'removed dan': 'now: skipped: quiet hours',
    });
  });

  it('counts the changes per journey, channel and day, and lists the customers affected, most changed first', () => {
    const diff = diffWithBaseline(current, baseline, days, ['birthday']);

    expect(diff.byJourney).toEqual([
      { journeyId: 'birthday', added: 1, removed: 3 },
      { journeyId: 'welcome', added: 1, removed: 0 },
    ]);
    expect(diff.byChannel).toEqual([
      { channel: 'email', added: 2, removed: 1 },
      { channel: 'sms', added: 0, removed: 1 },
      { channel: 'print', added: 0, removed: 1 },
    ]);
    expect(days).toEqual(['2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']);
    expect(diff.perDay).toEqual({ added: [0, 1, 0, 1], removed: [1, 0, 0, 2] });
    expect(diff.affectedCustomers.map((customer) => customer.customerId)).toEqual(['cat', 'bob', 'dan', 'eve']);
  });

  it('finds no change between a simulation and itself', () => {
    const diff = diffWithBaseline(current, current, days, ['birthday']);

    expect(diff.changes).toEqual([]);
    expect(diff.affectedCustomers).toEqual([]);
  });
});
