import { describe, expect, it } from 'vitest';
import type { Loyalty } from '../../shared/domain/customer';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { nextOccurrence, occurrencesOn, Trigger } from '../../shared/domain/triggers/registry';
import { aCustomerFacts } from '../helpers/factories';

const review = (value: Record<string, unknown> = {}) => Trigger.parse({ type: 'loyalty-review', ...value });
const member = (loyalty?: Loyalty): CustomerFacts => aCustomerFacts(loyalty ? { loyalty } : {});
const datesDue = (facts: CustomerFacts, dates: string[], trigger = review()) => dates.filter((date) => occurrencesOn(trigger, facts, date).length > 0);
const thresholds = { silver: 2000, gold: 8000, exclusive: 20000 };

describe('loyalty-review trigger', () => {
  it('falls due on the first day of each quarter, keyed by the quarter, not the day before', () => {
    const silver = member({ tier: 'silver', points: 6400 });

    expect(datesDue(silver, ['2025-12-31', '2026-01-01', '2026-03-14', '2026-04-01', '2026-07-01', '2026-10-01'])).toEqual([
      '2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01',
    ]);
    expect(nextOccurrence(review(), silver, '2026-03-14')).toEqual({ date: '2026-04-01', key: '2026-Q2', facts: { tier: 'silver', points: 6400 } });
    expect(nextOccurrence(review(), silver, '2026-10-02')?.key).toBe('2027-Q1');
  });

  it('sends nothing to a customer without loyalty data', () => {
    expect(nextOccurrence(review(), member(), '2026-01-01')).toBeUndefined();
  });

  it('says how many points the next tier needs when the YAML gives the thresholds, and nothing more at the top', () => {
    const withTiers = review({ tiers: thresholds });

    expect(occurrencesOn(withTiers, member({ tier: 'silver', points: 6400 }), '2026-04-01')[0]?.facts).toEqual({
      tier: 'silver', points: 6400, nextTier: 'gold', pointsToNextTier: 1600,
    });
    expect(occurrencesOn(withTiers, member({ tier: 'silver', points: 9000 }), '2026-04-01')[0]?.facts).toMatchObject({ pointsToNextTier: 0 });
    expect(occurrencesOn(withTiers, member({ tier: 'exclusive', points: 31000 }), '2026-04-01')[0]?.facts).toEqual({ tier: 'exclusive', points: 31000 });
  });

  it('takes other months and another day from the YAML', () => {
    const gold = member({ tier: 'gold', points: 12000 });
    const trigger = review({ months: [2, 5, 8, 11], day: 15 });

    expect(datesDue(gold, ['2026-01-01', '2026-02-15', '2026-05-15', '2026-11-15'], trigger)).toEqual(['2026-02-15', '2026-05-15', '2026-11-15']);
    expect(nextOccurrence(trigger, gold, '2026-02-16')?.key).toBe('2026-Q2');
  });

  it('rejects two review months in one quarter, a day some months lack, and thresholds that do not rise', () => {
    expect(Trigger.safeParse({ type: 'loyalty-review', months: [1, 2] }).success).toBe(false);
    expect(Trigger.safeParse({ type: 'loyalty-review', day: 31 }).success).toBe(false);
    expect(Trigger.safeParse({ type: 'loyalty-review', tiers: { silver: 5000, gold: 4000, exclusive: 9000 } }).success).toBe(false);
    expect(Trigger.safeParse({ type: 'loyalty-review', tiers: { silver: 1, gold: 2 } }).success).toBe(false);
  });
});
