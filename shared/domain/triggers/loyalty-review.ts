import * as z from 'zod';
import { LoyaltyTier, type Loyalty } from '../customer';
import { epochDayOf, formatIsoDate, parseIsoDate, type IsoDate } from '../dates';
import { sendAt } from './fields';
import type { OccurrenceFacts, TriggerKind } from './kind';

const quarterOf = (month: number): number => Math.ceil(month / 3);

/**
 * Points a customer needs for each tier above `standard`, as the loyalty programme sets them.
 * The engine does not earn points (1 per currency unit, +50% on a first service, +20% for an
 * online booking are the programme's rules, applied where the spend is known): it receives the
 * balance and the tier, and with these thresholds tells the customer how far the next tier is.
 */
export const TierThresholds = z
  .strictObject({
    silver: z.number().int().positive(),
    gold: z.number().int().positive(),
    exclusive: z.number().int().positive(),
  })
  .refine((tiers) => tiers.silver < tiers.gold && tiers.gold < tiers.exclusive, {
    message: 'expected thresholds rising with the tier: silver < gold < exclusive',
  });
export type TierThresholds = z.infer<typeof TierThresholds>;

/** The quarterly loyalty tier review. */
export const LoyaltyReviewTrigger = z.strictObject({
  type: z.literal('loyalty-review'),
  sendAt,
  /** The review months, one per calendar quarter (the occurrence key is the quarter). */
  months: z
    .array(z.number().int().min(1).max(12))
    .min(1)
    .max(4)
    .default([1, 4, 7, 10])
    .refine((months) => new Set(months.map(quarterOf)).size === months.length, {
      message: 'expected at most one month per calendar quarter (the review is once a quarter)',
    }),
  /** Day of the month; at most 28, so every review month has it. */
  day: z.number().int().min(1).max(28, 'expected a day from 1 to 28, which every month has').default(1),
  /** With them, the facts say how many points the next tier needs. */
  tiers: TierThresholds.optional(),
});
export type LoyaltyReviewTrigger = z.infer<typeof LoyaltyReviewTrigger>;

const tierOrder = LoyaltyTier.options;

function reviewFacts(loyalty: Loyalty, tiers: TierThresholds | undefined): OccurrenceFacts {
  const facts: Record<string, string | number> = { tier: loyalty.tier, points: loyalty.points };
  // The tier is the programme's: the next one is above the tier it reported, whatever the balance.
  const nextTier = tierOrder[tierOrder.indexOf(loyalty.tier) + 1];
  if (tiers && nextTier && nextTier !== 'standard') {
    facts.nextTier = nextTier;
    facts.pointsToNextTier = Math.max(0, tiers[nextTier] - loyalty.points);
  }
  return facts;
}

/** The review months of a trigger in calendar order, sorted once per loaded trigger. */
const sortedMonths = new WeakMap<LoyaltyReviewTrigger, readonly number[]>();

/** The year and month of the first review on or after the date: this year's, else the next year's first. */
function nextReview(trigger: LoyaltyReviewTrigger, onOrAfter: IsoDate): { year: number; month: number } {
  let months = sortedMonths.get(trigger);
  if (months === undefined) sortedMonths.set(trigger, (months = [...trigger.months].sort((a, b) => a - b)));
  const { year, month, day } = parseIsoDate(onOrAfter);
  for (const review of months) if (review > month || (review === month && trigger.day >= day)) return { year, month: review };
  return { year: year + 1, month: months[0]! };
}

/** Once a quarter (the key is `YYYY-Qn`), for customers the loyalty programme reports on. */
export const loyaltyReviewKind: TriggerKind<LoyaltyReviewTrigger> = {
  type: 'loyalty-review',
  schema: LoyaltyReviewTrigger,
  fixedDates: true,
  nextOccurrence(trigger, { loyalty }, onOrAfter) {
    // Without loyalty data there is no tier to review: nothing is sent.
    if (loyalty === undefined) return undefined;
    const { year, month } = nextReview(trigger, onOrAfter);
    return { date: formatIsoDate(year, month, trigger.day), key: `${year}-Q${quarterOf(month)}`, facts: reviewFacts(loyalty, trigger.tiers) };
  },
  // The due dates ask for the day alone, for every member at every move: no key or facts made.
  nextOccurrenceDay(trigger, { loyalty }, onOrAfter) {
    if (loyalty === undefined) return undefined;
    const { year, month } = nextReview(trigger, onOrAfter);
    return epochDayOf(year, month, trigger.day);
  },
  sampleFacts: { tier: 'silver', points: 6400, nextTier: 'gold', pointsToNextTier: 1600 },
  sampleCases(_trigger, full) {
    const { nextTier: _next, pointsToNextTier: _toNext, ...topTier } = loyaltyReviewKind.sampleFacts;
    const withNext = { ...full, occurrence: { ...full.occurrence, ...loyaltyReviewKind.sampleFacts } };
    // The top tier has no next one, nor has anyone when the YAML gives no thresholds.
    const atTop = { ...full, occurrence: { ...full.occurrence, ...topTier, tier: 'exclusive' } };
    return [
      { label: 'a member with a next tier to reach', context: withNext },
      { label: 'a member in the top tier (or without thresholds in the YAML)', context: atTop },
      { label: 'a member without a vehicle or a birth date', context: { ...withNext, vehicle: null, age: null } },
    ];
  },
};
