import { dispatchMessageId } from '../domain/dispatch-message';
import { maxQueueDelaySeconds, type DispatchQueue } from '../ports/channels';
import type { HeldMessage, MessageSchedule } from '../ports/message-schedule';

export interface ReleaseRequest {
  /** The release's clock: delays are counted from it. */
  now: Date;
  /**
   * How far ahead of `now` held messages are put on the queue, delayed until they are due.
   * Defaults to SQS's longest delay (15 minutes). A local replay of a past date passes 0: its
   * clock is not the real one, so it queues only what is due by it, without delay.
   */
  lookAheadSeconds?: number;
}

export interface ReleaseDeps {
  schedule: MessageSchedule;
  queue: DispatchQueue;
  /** Entries read per page; the run goes on page after page until nothing due is left. */
  pageSize?: number;
  /** Whether another page may start (the function's remaining time); defaults to always. */
  mayContinue?: () => boolean;
  /** Told of held messages that could not be queued this time (for logs); the next run retries them. */
  onError?: (error: unknown, entry: HeldMessage) => void;
}

export interface ReleaseSummary {
  /** Held messages put on the dispatch queue and removed from the schedule. */
  released: number;
  /** Queued, but moved to a later time meanwhile (held again): they stay held for that time too. */
  moved: number;
  /** Held messages that could not be queued (see `onError`); they stay held for the next run. */
  failed: number;
  /** Stored entries that do not parse: skipped (the most any page met: each page reads from the earliest). */
  unreadable: number;
  /** Pages read. */
  pages: number;
}

export const defaultReleasePageSize = 100;

/** Whole seconds from `now` until `dueAt`, within what SQS can delay a message. */
export function delayUntil(dueAt: string, now: Date): number {
  const seconds = Math.ceil((Date.parse(dueAt) - now.getTime()) / 1000);
  return Math.min(maxQueueDelaySeconds, Math.max(0, seconds));
}

// The defaults made once: a run is made at every tick, and a function made per run is one more
// object (and, as `tsx` keeps names, a call) each time.
const always = () => true;
const ignore = () => undefined;

/**
 * Puts held messages on the dispatch queue when they are within SQS's delay of their due time,
 * each delayed until it is due, then removes them from the schedule (only if their due time did
 * not move meanwhile). Run every few minutes (see infra), so a message held for 09:00 is queued
 * at the run between 08:45 and 09:00 and delivered at 09:00.
 *
 * At least once, deduplicated by the ledger: a crash (or a failed removal) between queueing and
 * removing leaves the entry held, so the next run queues it again; the send's claim in the ledger
 * (`claimSend` in the dispatch) lets only the first copy send. The schedule's index being
 * eventually consistent, a run just after another may queue a copy too, with the same effect.
 *
 * One message the queue refuses costs no other its release: its group is queued again one message
 * at a time, and the refused one is counted, reported and left held for the next run.
 */
export async function releaseHeldMessages(request: ReleaseRequest, deps: ReleaseDeps): Promise<ReleaseSummary> {
  const { now, lookAheadSeconds = maxQueueDelaySeconds } = request;
  const { schedule, queue, pageSize = defaultReleasePageSize, mayContinue = always, onError = ignore } = deps;
  const until = new Date(now.getTime() + lookAheadSeconds * 1000);
  const summary: ReleaseSummary = { released: 0, moved: 0, failed: 0, unreadable: 0, pages: 0 };
  // Entries that failed stay held and first in line: ask for as many more, and skip them.
  const failed = new Set<string>();

  while (mayContinue()) {
    const limit = pageSize + failed.size;
    const page = await schedule.listDue(until, limit);
    summary.pages += 1;
    summary.unreadable = Math.max(summary.unreadable, page.unreadable);
    const entries = page.entries.filter((entry) => !failed.has(dispatchMessageId(entry.message)));

    for (const group of groupByDelay(entries, now)) {
      let queued = group.entries;
      try {
        await queue.enqueue(queued.map((entry) => entry.message), { delaySeconds: group.delaySeconds });
      } catch {
        // One message the queue refuses (too large) must not hold back the rest of its group: one at a time.
        queued = [];
        for (const entry of group.entries) {
          try {
            await queue.enqueue([entry.message], { delaySeconds: group.delaySeconds });
            queued.push(entry);
          } catch (error) {
            failed.add(dispatchMessageId(entry.message));
            summary.failed += 1;
            onError(error, entry);
          }
        }
      }
      for (const entry of queued) {
        if (await schedule.release(entry.message, entry.dueAt)) summary.released += 1;
        else summary.moved += 1;
      }
    }
    if (page.entries.length < limit) break;
  }
  return summary;
}

/** One queue call per delay: messages due at the same second (a quiet-hours end) go together. */
function groupByDelay(entries: HeldMessage[], now: Date): { delaySeconds: number; entries: HeldMessage[] }[] {
  const groups = new Map<number, HeldMessage[]>();
  for (const entry of entries) {
    const delaySeconds = delayUntil(entry.dueAt, now);
    const group = groups.get(delaySeconds);
    if (group) group.push(entry);
    else groups.set(delaySeconds, [entry]);
  }
  return [...groups].map(([delaySeconds, grouped]) => ({ delaySeconds, entries: grouped }));
}
