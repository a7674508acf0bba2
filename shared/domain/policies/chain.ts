/**
 * The policy chain every send passes, in order; the first answer other than send wins. Adding a
 * policy is one line here (and its module in this folder).
 *
 * Order: a message past its valid-until first, consent and the suppression list (final
 * answers), then the pause switch, the complaint hold, quiet hours (defer), and the cap last.
 */
import type { Channel } from '../customer';
import { complaintHoldPolicy } from './complaint-hold';
import { consentPolicy } from './consent';
import { frequencyCapPolicy } from './frequency-cap';
import { pausePolicy } from './paused';
import { suppressionPolicy } from './suppression';
import { send, type Policy, type PolicyInput, type Verdict } from './policy';
import { quietHoursPolicy } from './quiet-hours';
import { validUntilPolicy, withinValidity } from './valid-until';

export const dispatchPolicies: readonly Policy[] = [
  validUntilPolicy,
  consentPolicy,
  // A suppressed address or number is as final as a withdrawn consent.
  suppressionPolicy,
  pausePolicy,
  complaintHoldPolicy,
  quietHoursPolicy,
  // Last: a send it lets through takes a cap slot, so only one every other policy lets through.
  frequencyCapPolicy,
];

/** Where a journey's step may go instead when its own channel is refused (`fallback` in YAML). */
export interface Fallback {
  channel: Channel;
  template: string;
}

/** Reasons that send a step to its fallback: the customer cannot be reached on the step's channel. */
const fallbackReasons: ReadonlySet<string> = new Set(['no-consent']);

export type Decision = Verdict & {
  /** Present when the fallback channel and template are what the verdict is about. */
  fallback?: Fallback;
};

/** Runs the chain; the first verdict that is not `send` wins (a deferral past the message's valid-until ends it `expired`). */
export function decide(input: PolicyInput, policies: readonly Policy[] = dispatchPolicies): Verdict {
  // An indexed loop: every send passes here, and an array iterator V8 does not optimise away is an object per policy.
  for (let at = 0; at < policies.length; at += 1) {
    const verdict = policies[at]!(input);
    if (verdict.decision !== 'send') return withinValidity(verdict, input.message);
  }
  return send;
}

/**
 * Runs the chain on the message, and when its channel cannot reach the customer and the step has a
 * fallback, on the fallback channel instead (which passes every policy on its own account: quiet
 * hours of email, not of SMS).
 */
export function decideWithFallback(input: PolicyInput, fallback: Fallback | undefined, policies: readonly Policy[] = dispatchPolicies): Decision {
  const verdict = decide(input, policies);
  if (!fallback || verdict.decision !== 'skip' || !fallbackReasons.has(verdict.reason)) return verdict;
  return { ...decide({ ...input, message: { ...input.message, channel: fallback.channel } }, policies), fallback };
}
