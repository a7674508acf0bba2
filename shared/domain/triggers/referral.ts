import * as z from 'zod';
import { localMomentIn } from '../dates';
import type { EventOccurrence, EventTriggerKind } from './event-kind';
import { hoursAfter, utcInstant } from './event-kind';

/** A referral recorded: one occurrence for the referrer and, once a customer, one for the referred. */
export const ReferralTrigger = z.strictObject({ type: z.literal('referral') });
export type ReferralTrigger = z.infer<typeof ReferralTrigger>;

/**
 * Keyed by the referral id in each side's own ledger, so each side is thanked once per
 * referral however often the event comes. `occurrence.referralRole` (`referrer`, `referred`)
 * lets one template speak to either. A thank-you a week late is still worth sending; later not.
 */
export const referralKind: EventTriggerKind<ReferralTrigger, 'referral.recorded'> = {
  type: 'referral',
  schema: ReferralTrigger,
  startedBy: ['referral.recorded'],
  holdReason: 'after-referral',
  occurrences(_trigger, { event, versions, customer }) {
    const { referralId } = event.data;
    const recorded = versions.referrals[referralId]?.referral;
    if (!recorded) return [];
    const at = utcInstant(recorded.recordedAt);
    const common = { key: referralId, at, date: localMomentIn(new Date(at), customer.timeZone).date, sendLateUntil: hoursAfter(at, 7 * 24) };
    const referrer: EventOccurrence = { ...common, facts: { referralId, referralRole: 'referrer' } };
    const { referredCustomerId } = recorded;
    if (referredCustomerId === undefined || referredCustomerId === customer.id) return [referrer];
    return [referrer, { ...common, facts: { referralId, referralRole: 'referred' }, recipientId: referredCustomerId }];
  },
  sampleFacts: { referralId: 'RF-1001', referralRole: 'referrer' },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...referralKind.sampleFacts } };
    return [
      { label: 'the referrer', context: base },
      { label: 'the referred customer, without a vehicle', context: { ...base, vehicle: null, age: null, occurrence: { ...base.occurrence, referralRole: 'referred' } } },
    ];
  },
};
