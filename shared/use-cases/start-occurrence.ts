import { dispatchMessagesOf } from '../domain/dispatch-message';
import type { DueOccurrence } from '../domain/journey/plan';
import type { DayContenders } from '../domain/policies/frequency-cap';
import type { DispatchQueue } from '../ports/channels';
import type { Ledger } from '../ports/ledger';

/**
 * What became of one due occurrence: `started` (claimed, or resumed, and its messages queued),
 * `already-handled` (an earlier run did it), or `not-queued` (claimed, but the queue refused:
 * it stays claimed, and a later run or the reconciler resumes it).
 */
export type StartResult = { result: 'started' } | { result: 'already-handled' } | { result: 'not-queued'; error: unknown };

/**
 * The one path from a due occurrence to the dispatch queue, for the scheduled evaluation and the
 * journeys started by events alike: claims it in the ledger (a conditional write: once per
 * occurrence, however many runs or replayed events plan it), queues one message per contactable
 * step and records that it was queued. `dayContenders` (the evaluation's, for a promotional
 * occurrence) go on each message, for the frequency cap.
 */
export async function startOccurrence(
  occurrence: DueOccurrence,
  now: Date,
  { ledger, queue }: { ledger: Ledger; queue: DispatchQueue },
  dayContenders?: DayContenders,
): Promise<StartResult> {
  const claim = await ledger.claimOccurrence(occurrence, now);
  if (claim === 'done') return { result: 'already-handled' };
  try {
    // Planned now: a replay's policies judge the message at this instant, not the replay's clock.
    await queue.enqueue(dispatchMessagesOf(occurrence, now, dayContenders));
  } catch (error) {
    return { result: 'not-queued', error };
  }
  await ledger.markOccurrenceQueued(occurrence, now);
  return { result: 'started' };
}
