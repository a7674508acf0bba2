import { send, type Policy, type PolicyMessage, type Verdict } from './policy';

/**
 * A message that says something true only until an instant (an appointment reminder, until the
 * appointment starts) is not sent after it: it ends `expired` with the reason, whatever held it
 * up (a release run late, a retry, quiet hours).
 */
export const validUntilPolicy: Policy = ({ message, now }) =>
  message.validUntil !== undefined && now.getTime() > Date.parse(message.validUntil) ? { decision: 'skip', status: 'expired', reason: `past its valid-until ${message.validUntil}` } : send;

/**
 * A deferral to an instant past the message's `validUntil` would send it too late: the send ends
 * `expired` now, saying what would have held it (`quiet-hours`), instead of being held in vain.
 */
export function withinValidity(verdict: Verdict, message: PolicyMessage): Verdict {
  if (verdict.decision !== 'defer' || message.validUntil === undefined || verdict.until.getTime() <= Date.parse(message.validUntil)) return verdict;
  return { decision: 'skip', status: 'expired', reason: `${verdict.reason}: would go after its valid-until ${message.validUntil}` };
}
