import { addDays, datesCurrentAnywhere, type IsoDate } from '../domain/dates';
import type { CustomerListing } from '../ports/customers';
import type { DueIndexState, DueIndexStateStore } from '../ports/due-index';
import { endCatchUp, recomputeDueIndex, type RecomputeResult } from './recompute-due-index';
import { runScheduledEvaluation, type EvaluationDeps, type EvaluationSummary } from './run-scheduled-evaluation';

export interface ScheduledTickDeps extends EvaluationDeps {
  customerListing: CustomerListing;
  dueIndexState: DueIndexStateStore;
  /** Told after each page the recompute filed (counts only). */
  onRecomputeProgress?: (state: DueIndexState) => void;
  /** Told when the recompute failed: the evaluation runs anyway, and the next tick goes on with it. */
  onRecomputeFailed?: (error: unknown) => void;
}

export interface ScheduledTickSummary extends EvaluationSummary {
  /** What the due index's recompute did at the start of this tick (absent when it failed). */
  recompute?: { outcome: RecomputeResult['outcome']; filed: number; status?: DueIndexState['status']; done?: number; total?: number; skipped?: number };
}

/**
 * Days before the earliest date current anywhere that every tick reads besides a recompute's
 * catch-up: an entry left under a date whose ticks did not run (an outage, a failed invocation)
 * would otherwise never be read again, and its customer would get nothing more from any journey.
 * Empty on a normal day (handled entries have moved on), so it costs a few empty queries a tick.
 */
export const lookBackDays = 2;

const earliestOf = (a: IsoDate | undefined, b: IsoDate): IsoDate => (a !== undefined && a < b ? a : b);

/**
 * One hourly tick of the schedule: first the due index is brought in line with the journeys in
 * force (a recompute starts or goes on by itself, while `mayContinue` allows), then the
 * evaluation runs, reading the recompute's catch-up dates as long as there are any. A failing
 * recompute never holds back the evaluation.
 */
export async function runScheduledTick(
  { now, onDate, mayContinue }: { now: Date; onDate?: IsoDate; mayContinue?: () => boolean },
  deps: ScheduledTickDeps,
): Promise<ScheduledTickSummary> {
  const { customerListing, dueIndexState, onRecomputeProgress, onRecomputeFailed = () => undefined } = deps;
  let recompute: RecomputeResult | undefined;
  try {
    recompute = await recomputeDueIndex(
      { now, ...(onDate ? { onDate } : {}), ...(mayContinue ? { mayContinue } : {}) },
      {
        journeys: deps.journeys,
        customerListing,
        dueIndex: deps.dueIndex,
        dueIndexState,
        ...(onRecomputeProgress ? { onProgress: onRecomputeProgress } : {}),
        ...(deps.onSkippedRecord ? { onSkippedRecord: deps.onSkippedRecord } : {}),
      },
    );
  } catch (error) {
    onRecomputeFailed(error);
  }
  const state = recompute?.state;
  const catchUpFrom = earliestOf(state?.catchUpFrom, addDays(datesCurrentAnywhere(now)[0]!, -lookBackDays));
  const summary = await runScheduledEvaluation({ now, ...(onDate ? { onDate } : {}), catchUpFrom }, deps);
  // The past dates were read and nobody was left under them: the catch-up is over.
  if (state && summary.catchUp?.found === 0) await endCatchUp(state, dueIndexState);
  if (!recompute) return summary;
  const progress = state ? { status: state.status, done: state.done, total: state.total, skipped: state.skipped } : {};
  return { ...summary, recompute: { outcome: recompute.outcome, filed: recompute.filed, ...progress } };
}
