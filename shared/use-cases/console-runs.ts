import { runCadenceMinutes, RunKind, type RunRecord } from '../domain/run-record';
import type { RunLog } from '../ports/run-log';

/** Days of runs the Health page lists. */
export const runDays = 7;

/** A stretch in which a scheduled function should have run and did not. */
export interface MissedRuns {
  kind: RunKind;
  /** When the first missing run was due, and until when none ran (the next run's start, or now). */
  from: string;
  until: string;
  /** How many runs the schedule would have started in between. */
  runs: number;
}

/** Per UTC day (newest first) and kind: runs that succeeded, failed, and were missed. */
export interface RunDay {
  date: string;
  kinds: Partial<Record<RunKind, { succeeded: number; failed: number; missed: number }>>;
}

export interface RunHealth {
  runs: RunRecord[];
  missed: MissedRuns[];
  days: RunDay[];
  /** Stored run items that did not parse. */
  unreadable: number;
}

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Where a kind's runs leave a hole: runs due (one each cadence after the last) that did not
 * start and are more than half a cadence late, between two runs and from the last one to `now`. Runs are
 * expected from the window's first run of any kind (a new deployment missed nothing before it);
 * with no run at all the whole window is missed. Pure.
 */
export function missedRuns(runs: readonly RunRecord[], since: Date, now: Date): MissedRuns[] {
  const missed: MissedRuns[] = [];
  const firstStart = Math.min(...runs.map((run) => Date.parse(run.startedAt)));
  const expectedFrom = Number.isFinite(firstStart) ? firstStart : since.getTime();
  for (const kind of RunKind.options) {
    const cadence = runCadenceMinutes[kind] * minute;
    const starts = runs.filter((run) => run.kind === kind).map((run) => Date.parse(run.startedAt)).sort((a, b) => a - b);
    // As if a run had started half a cadence before the first run of any kind: the schedules' offsets (the reconciler at :30) are not known here.
    const edges = [expectedFrom - cadence / 2, ...starts, now.getTime() + cadence];
    for (let index = 1; index < edges.length; index += 1) {
      const previous = edges[index - 1]!;
      const next = Math.min(edges[index]!, now.getTime());
      // The runs due after `previous` (one each cadence) that neither happened nor are less than half a cadence late.
      const runs = Math.floor((next - previous) / cadence - 0.5);
      if (runs > 0) missed.push({ kind, from: iso(previous + cadence), until: iso(next), runs });
    }
  }
  return missed.sort((a, b) => b.from.localeCompare(a.from) || a.kind.localeCompare(b.kind));
}

/** Per UTC day of `days` back from `now`: each kind's runs by outcome, and its missed runs counted on the day each became due. */
export function runDaysOf(runs: readonly RunRecord[], missed: readonly MissedRuns[], now: Date, days: number): RunDay[] {
  const dates = Array.from({ length: days }, (_, back) => iso(now.getTime() - back * 24 * 60 * minute).slice(0, 10));
  const byDate = new Map(dates.map((date): [string, RunDay] => [date, { date, kinds: {} }]));
  const tally = (date: string, kind: RunKind) => {
    const day = byDate.get(date);
    return day ? (day.kinds[kind] ??= { succeeded: 0, failed: 0, missed: 0 }) : undefined;
  };
  for (const run of runs) {
    const counts = tally(run.startedAt.slice(0, 10), run.kind);
    if (counts) counts[run.outcome] += 1;
  }
  for (const stretch of missed) {
    const cadence = runCadenceMinutes[stretch.kind] * minute;
    for (let index = 0; index < stretch.runs; index += 1) {
      const counts = tally(iso(Date.parse(stretch.from) + index * cadence).slice(0, 10), stretch.kind);
      if (counts) counts.missed += 1;
    }
  }
  return dates.map((date) => byDate.get(date)!);
}

/** The runs of the last `runDays` days, newest first, with the runs the schedules missed. */
export async function runHealth(log: RunLog, now: Date): Promise<RunHealth> {
  const since = new Date(now.getTime() - runDays * 24 * 60 * minute);
  const { runs, unreadable } = await log.runsBetween(since, now);
  const missed = missedRuns(runs, since, now);
  // Runs started in one millisecond (a local replay's ticks) keep their schedule's order.
  const newestFirst = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.scheduledFor.localeCompare(a.scheduledFor) || a.kind.localeCompare(b.kind) || a.runId.localeCompare(b.runId));
  return { runs: newestFirst, missed, days: runDaysOf(runs, missed, now, runDays), unreadable };
}
