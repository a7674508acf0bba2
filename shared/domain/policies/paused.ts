import type { SendingPause } from '../sending-pause';
import type { PolicyVerdict, SuppressionSend } from './suppression';
import { send, type Policy } from './policy';

/**
 * Skips a send whose channel and category are paused (promotional email after an SES reputation
 * alarm). Skipped rather than retried: a pause lasts until someone resumes it, possibly days, and
 * a promotion sent days late is worse than none; the history says why. Messages of other
 * categories (a service reminder) still go.
 */
export function pausedVerdict(send: SuppressionSend, pauses: readonly SendingPause[]): PolicyVerdict {
  const category = send.category ?? 'promotional';
  const pause = pauses.find((entry) => entry.channel === send.channel && entry.category === category);
  return pause ? { send: false, reason: `paused: ${pause.reason}` } : { send: true };
}

/** The chain's pause policy: before quiet hours and caps, so a paused send takes no cap slot. */
export const pausePolicy: Policy = ({ message, pauses }) => {
  const verdict = pausedVerdict(message, pauses);
  return verdict.send ? send : { decision: 'skip', status: 'skipped', reason: verdict.reason };
};
