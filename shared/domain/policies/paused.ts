import type { SendingPause } from '../sending-pause';
import { goAhead, type PolicyVerdict, type SuppressionSend } from './suppression';
import { send, type Policy } from './policy';

/**
 * Skips a send whose channel and category are paused (promotional email after an SES reputation
 * alarm). Skipped rather than retried: a pause lasts until someone resumes it, possibly days, and
 * a promotion sent days late is worse than none; the history says why. Messages of other
 * categories (a service reminder) still go.
 */
export function pausedVerdict(send: SuppressionSend, pauses: readonly SendingPause[]): PolicyVerdict {
  // Nearly always none in force: answered with no closure made and no verdict object.
  if (pauses.length === 0) return goAhead;
  const category = send.category ?? 'promotional';
  const pause = pauses.find((entry) => entry.channel === send.channel && entry.category === category);
  return pause ? { send: false, reason: `paused: ${pause.reason}` } : goAhead;
}

/** The chain's pause policy: before quiet hours and caps, so a paused send takes no cap slot. */
export const pausePolicy: Policy = ({ message, pauses }) => {
  const verdict = pausedVerdict(message, pauses);
  return verdict.send ? send : { decision: 'skip', status: 'skipped', reason: verdict.reason };
};
