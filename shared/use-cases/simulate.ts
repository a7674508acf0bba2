import { datesOfPeriod, type IsoDate } from '../domain/dates';
import type { DispatchMessage } from '../domain/dispatch-message';
import { lastTickOf, ticksCoveringDate } from '../domain/schedule-ticks';
import { dispatchMessage, type DispatchDeps } from './dispatch-message';
import { reconcileLedger, type ReconcileDeps } from './reconcile-ledger';
import { recomputeDueIndex } from './recompute-due-index';
import { releaseHeldMessages, type ReleaseDeps } from './release-held-messages';
import { runScheduledTick, type ScheduledTickDeps } from './scheduled-tick';

/**
 * What the simulation runs the engine on: the production use-cases' own dependencies (in-memory
 * adapters, see `shared/compose/simulation.ts`), a queue read as a consumer reads SQS, and the
 * virtual clock every adapter and the dispatch read.
 */
export interface SimulationDeps {
  tick: ScheduledTickDeps;
  dispatch: DispatchDeps;
  release: Pick<ReleaseDeps, 'schedule' | 'queue'>;
  reconcile: ReconcileDeps;
  /** The dispatch queue's consumer side: the messages visible at an instant, each once. */
  queue: { receive(now: Date): DispatchMessage[] };
  /** Sets the virtual clock (`dispatch.clock` and the queue's clock read it). */
  setClock(now: Date): void;
  /**
   * Whether the tick at `now` may find someone due on the local date `date`. When it may not
   * (nobody filed under the date is on that date yet, or before the earliest send time there),
   * the evaluation would plan and move nobody: only held messages are released at it. Without it
   * every tick runs.
   */
  mayFindDue?: (date: IsoDate, now: Date) => boolean;
  /** Told after each simulated date (for a progress line). */
  onDate?: (done: number, total: number, date: IsoDate) => void;
}

export interface SimulationSummary {
  dates: number;
  /** Ticks evaluated (those that could find nobody due are not). */
  ticks: number;
  /** Queue messages handed to the dispatch. */
  dispatched: number;
  /** Dispatch attempts that threw (left to the reconciler, as SQS would redeliver them). */
  attemptsFailed: number;
}

/**
 * Runs the engine over a period, date by date, as `npm start -- --once --date D` runs each date
 * (`local/start.ts`), with no servers: the customers are first filed in the due index from
 * `from`; then for each date, the reconciler (what an earlier date left unfinished), each hourly
 * tick that falls on the date somewhere (`runScheduledTick`, each customer on their own local
 * date) with the queue drained through `dispatchMessage` and held messages released at the
 * tick's instant, and at the date's last tick the release, the reconciler and a last drain. The
 * clock is the tick's instant throughout, so quiet hours, caps and the ledger see simulated time.
 */
export async function simulatePeriod({ from, to }: { from: IsoDate; to: IsoDate }, deps: SimulationDeps): Promise<SimulationSummary> {
  const { tick, dispatch, release, reconcile, queue, setClock, mayFindDue = () => true, onDate = () => undefined } = deps;
  const dates = datesOfPeriod(from, to);
  const summary: SimulationSummary = { dates: dates.length, ticks: 0, dispatched: 0, attemptsFailed: 0 };

  const drain = async (now: Date) => {
    for (let messages = queue.receive(now); messages.length > 0; messages = queue.receive(now)) {
      for (const message of messages) {
        summary.dispatched += 1;
        try {
          await dispatchMessage(message, dispatch);
        } catch {
          // As a record SQS takes back: the send stays unfinished and the reconciler re-drives it.
          summary.attemptsFailed += 1;
        }
      }
    }
  };
  const releaseAndDrain = async (now: Date) => {
    await releaseHeldMessages({ now, lookAheadSeconds: 0 }, release);
    await drain(now);
  };
  const reconcileAt = (now: Date) => reconcileLedger({ now, scheduleNow: now, nothingInFlight: true }, reconcile);

  const firstTick = ticksCoveringDate(from)[0]!;
  setClock(firstTick);
  await recomputeDueIndex({ now: firstTick, from }, tick);

  for (const [index, date] of dates.entries()) {
    const end = lastTickOf(date);
    setClock(end);
    await reconcileAt(end);
    for (const now of ticksCoveringDate(date)) {
      setClock(now);
      if (mayFindDue(date, now)) {
        await runScheduledTick({ now, onDate: date }, tick);
        summary.ticks += 1;
      }
      await releaseAndDrain(now);
    }
    setClock(end);
    await releaseAndDrain(end);
    const reconciled = await reconcileAt(end);
    if (reconciled.messagesRedriven > 0) await releaseAndDrain(end);
    onDate(index + 1, dates.length, date);
  }
  return summary;
}
