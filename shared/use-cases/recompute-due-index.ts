import { datesCurrentAnywhere, type IsoDate } from '../domain/dates';
import { dueDatesFingerprint } from '../domain/journey/due-dates';
import type { Journey } from '../domain/journey/schema';
import type { CustomerListing, SkippedRecord } from '../ports/customers';
import type { DueIndex, DueIndexState, DueIndexStateStore } from '../ports/due-index';
import { fileDueDates } from './file-due-dates';

export interface RecomputeDeps {
  journeys: readonly Journey[];
  customerListing: CustomerListing;
  dueIndex: DueIndex;
  dueIndexState: DueIndexStateStore;
  /** Told after each page filed (for a progress line, logs and metrics: counts only). */
  onProgress?: (state: DueIndexState) => void;
  /** Told of each customer record the walk skipped as invalid (pseudonymised). */
  onSkippedRecord?: (skipped: SkippedRecord) => void;
}

export interface RecomputeRequest {
  now: Date;
  /**
   * Recompute from this local date whatever is stored: locally each run replays a day
   * (`--date`), and must find that day's customers due, an earlier day's above all (their
   * entries have moved past it), and the ones already handled again (to say so). Such a
   * recompute sets no catch-up: the run evaluates that date itself.
   */
  from?: IsoDate;
  /**
   * The date a run is for (a replay, `detail.date`): a recompute this run has to start (new
   * journeys, or none yet) files from it, so the replayed day's customers are under that day and
   * not under a step of theirs before it. Unlike `from`, it never restarts a current index.
   */
  onDate?: IsoDate;
  /** Whether another page may start (a Lambda stops with time left for the evaluation). */
  mayContinue?: () => boolean;
}

export interface RecomputeResult {
  /** The state after this call (undefined only when another run took the recompute over at its start). */
  state: DueIndexState | undefined;
  /** `current`: nothing to do; `finished` or `paused` (time is up, a later call goes on); `taken-over`: another run wrote the state meanwhile. */
  outcome: 'current' | 'finished' | 'paused' | 'taken-over';
  /** Customers filed by this call. */
  filed: number;
}

/**
 * Brings the due index in line with the journeys in force, by itself: when the stored entries were
 * computed with other journeys (or there is no record of them: customers stored before due
 * entries existed), it walks every customer, page by page, and files each under their next due
 * date from the date the recompute started, saving its cursor after each page so a call that runs
 * out of time is continued by the next one. Nobody needs to remember a command.
 *
 * Until it has finished, and until the entries it filed under dates already past have been read,
 * the state carries `catchUpFrom`, and the evaluation reads those dates too (see
 * `readCandidates`). One bad customer record is skipped and counted; it never stops the walk.
 */
export async function recomputeDueIndex({ now, from, onDate, mayContinue = always }: RecomputeRequest, deps: RecomputeDeps): Promise<RecomputeResult> {
  const { journeys, customerListing, dueIndex, dueIndexState, onProgress = ignore, onSkippedRecord = ignore } = deps;
  const fingerprint = dueDatesFingerprint(journeys);
  let state = await dueIndexState.read();
  if (!state || state.fingerprint !== fingerprint || from !== undefined) {
    const startsFrom = from ?? onDate ?? datesCurrentAnywhere(now)[0]!;
    // A catch-up still owed by an earlier recompute is kept: its entries may still be unread.
    const catchUpFrom = from !== undefined ? state?.catchUpFrom : earliest(startsFrom, state?.catchUpFrom);
    const started: DueIndexState = {
      fingerprint,
      status: 'recomputing',
      computedFrom: startsFrom,
      done: 0,
      total: await customerListing.countCustomers(),
      skipped: 0,
      ...(catchUpFrom !== undefined ? { catchUpFrom } : {}),
      version: (state?.version ?? 0) + 1,
    };
    if (!(await dueIndexState.write(started, state?.version))) return { state: undefined, outcome: 'taken-over', filed: 0 };
    state = started;
    onProgress(state);
  }
  if (state.status === 'current') return { state, outcome: 'current', filed: 0 };

  let filed = 0;
  while (mayContinue()) {
    const page = await customerListing.listCustomers(state.cursor);
    page.skipped.forEach((skipped) => onSkippedRecord(skipped));
    await fileDueDates(page.customers, journeys, state.computedFrom, dueIndex);
    filed += page.customers.length;
    const { cursor: _previous, ...rest } = state;
    const next: DueIndexState = {
      ...rest,
      ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
      status: page.cursor === undefined ? 'current' : 'recomputing',
      done: state.done + page.customers.length,
      skipped: state.skipped + page.skipped.length,
      version: state.version + 1,
    };
    // Another run that wrote meanwhile owns the walk: this one stops (its page was filed with the same journeys, harmlessly).
    if (!(await dueIndexState.write(next, state.version))) return { state, outcome: 'taken-over', filed };
    state = next;
    onProgress(state);
    if (state.status === 'current') return { state, outcome: 'finished', filed };
  }
  return { state, outcome: 'paused', filed };
}

/**
 * Ends the catch-up once the recompute is done and an evaluation read the past dates and found
 * nobody left under them. Returns the state as stored after.
 */
export async function endCatchUp(state: DueIndexState, dueIndexState: DueIndexStateStore): Promise<DueIndexState> {
  if (state.status !== 'current' || state.catchUpFrom === undefined) return state;
  const { catchUpFrom: _ended, ...rest } = state;
  const next = { ...rest, version: state.version + 1 };
  return (await dueIndexState.write(next, state.version)) ? next : state;
}

const earliest = (a: IsoDate, b: IsoDate | undefined): IsoDate => (b !== undefined && b < a ? b : a);

// Defaults made once, not a closure per call: every tick of the schedule calls this.
const always = (): boolean => true;
const ignore = (): void => undefined;
