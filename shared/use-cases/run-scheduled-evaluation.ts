import type { Channel } from '../domain/customer';
import { datesCurrentAnywhere, type IsoDate } from '../domain/dates';
import { planDueJourneys, type DueOccurrence } from '../domain/journey/plan';
import type { Journey } from '../domain/journey/schema';
import { carriedDayContenders } from '../domain/policies/day-contenders';
import type { DispatchQueue } from '../ports/channels';
import type { SkippedRecord } from '../ports/customers';
import type { DueIndex } from '../ports/due-index';
import type { Ledger } from '../ports/ledger';
import { advanceDueEntries, readCandidates } from './due-candidates';
import { forEachConcurrently } from './concurrently';
import { startOccurrence } from './start-occurrence';

export interface EvaluationDeps {
  journeys: Journey[];
  /** Where customers are found by due date (the only way they are found). */
  dueIndex: DueIndex;
  ledger: Ledger;
  queue: DispatchQueue;
  /** Told of each occurrence that could not be queued (for logs and metrics). */
  onNotQueued?: (error: unknown, occurrence: DueOccurrence) => void;
  /** Told of each stored record left out because it is invalid (pseudonymised, for logs and metrics). */
  onSkippedRecord?: (skipped: SkippedRecord) => void;
}

/** Counts by journey, then channel. */
export type CountsByJourney = Record<string, Partial<Record<Channel, number>>>;

export interface EvaluationSummary {
  now: string;
  onDate?: IsoDate;
  candidates: number;
  /** Stored candidate records skipped as invalid: nobody else's greeting waits on them. */
  skippedRecords: number;
  /** Occurrences due at this instant, whether or not handled before. */
  due: number;
  /** Occurrences this run claimed (or resumed after an interrupted run). */
  started: number;
  /** Occurrences an earlier run had already handled: nothing sent again. */
  alreadyHandled: number;
  /**
   * Occurrences claimed but not queued (SQS refused or failed): they stay claimed, and the next
   * hourly run resumes them while they are still due.
   */
  notQueued: number;
  queued: CountsByJourney;
  skippedNoConsent: CountsByJourney;
  /**
   * Each due occurrence as `journey#customer#occurrence` with what this run did, so runs over
   * several ticks can count distinct occurrences. Not for logs: it holds customer ids.
   */
  outcomes: { occurrence: string; result: 'started' | 'already-handled' }[];
  /** Due-index entries moved on to their next date by this run. */
  dueEntriesAdvanced: number;
  /** Past dates read for a recompute's catch-up, and how many customers were found under them. */
  catchUp?: { dates: IsoDate[]; found: number };
}

function count(counts: CountsByJourney, journeyId: string, channel: Channel): void {
  const byChannel = (counts[journeyId] ??= {});
  byChannel[channel] = (byChannel[channel] ?? 0) + 1;
}

// A default made once, not a closure per call: every tick of the schedule runs this.
const ignore = (): void => undefined;

/** Claims run this many at a time: a busy date's thousands of claims are not one round trip each in turn. */
export const claimConcurrency = 16;

/**
 * The scheduled evaluation: finds customers whose journeys fall due at `now`, claims each
 * occurrence in the ledger with a conditional write, and queues one dispatch message per
 * contactable channel. Safe to run again for the same instant or date: claimed occurrences are
 * not queued twice, and an occurrence claimed by a run that stopped midway is resumed.
 */
export async function runScheduledEvaluation(
  { now, onDate, catchUpFrom }: { now: Date; onDate?: IsoDate; catchUpFrom?: IsoDate },
  { journeys, dueIndex, ledger, queue, onNotQueued = ignore, onSkippedRecord = ignore }: EvaluationDeps,
): Promise<EvaluationSummary> {
  const localDates = onDate ? [onDate] : datesCurrentAnywhere(now);
  // A run for one date (a replay) reads that date only; the catch-up is the hourly schedule's.
  const read = await readCandidates(localDates, dueIndex, { catchUpFrom: onDate ? undefined : catchUpFrom, forOneDate: onDate !== undefined, dueBy: now });
  read.skipped.forEach((skipped) => onSkippedRecord(skipped));
  const { candidates } = read;
  const due = planDueJourneys({ journeys, candidates, now, onDate });
  const unfinished = new Set<string>();
  // Carried on promotional messages: the dispatch then need not plan the customer's day again.
  const dayContendersOf = carriedDayContenders(journeys, candidates, due, now);

  const summary: EvaluationSummary = {
    now: now.toISOString(),
    ...(onDate ? { onDate } : {}),
    candidates: candidates.length,
    skippedRecords: read.skipped.length,
    due: due.length,
    started: 0,
    alreadyHandled: 0,
    notQueued: 0,
    queued: {},
    skippedNoConsent: {},
    outcomes: [],
    dueEntriesAdvanced: 0,
    ...(read.catchUpDates.length > 0 ? { catchUp: { dates: read.catchUpDates, found: candidates.filter((facts) => read.catchUpDates.includes(facts.dueDate)).length } } : {}),
  };

  await forEachConcurrently(due, claimConcurrency, async (occurrence) => {
    const start = await startOccurrence(occurrence, now, { ledger, queue }, dayContendersOf(occurrence));
    const id = `${occurrence.journeyId}#${occurrence.customerId}#${occurrence.occurrenceKey}`;
    if (start.result === 'already-handled') {
      summary.alreadyHandled += 1;
      summary.outcomes.push({ occurrence: id, result: 'already-handled' });
      return;
    }
    if (start.result === 'not-queued') {
      // One occurrence the queue refuses must not hold back the others of this run.
      summary.notQueued += 1;
      unfinished.add(occurrence.customerId);
      onNotQueued(start.error, occurrence);
      return;
    }
    summary.started += 1;
    summary.outcomes.push({ occurrence: id, result: 'started' });
    for (const message of occurrence.messages) {
      count(message.contactable ? summary.queued : summary.skippedNoConsent, occurrence.journeyId, message.channel);
    }
  });
  // After every claim has settled: a customer is moved on only if none of theirs is unfinished.
  summary.dueEntriesAdvanced = await advanceDueEntries(candidates, journeys, now, { dueIndex, unfinished, onDate });
  return summary;
}
