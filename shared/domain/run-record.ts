import * as z from 'zod';

/**
 * The scheduled runs the engine records, each with how often its schedule starts it (minutes):
 * the hourly evaluation (at :00), the hourly reconciler (at :30) and the held-message release
 * (every 5 minutes). The cadence is what tells a run that did not happen from a quiet hour.
 */
export const runCadenceMinutes = { evaluation: 60, reconcile: 60, release: 5 } as const;
export const RunKind = z.enum(['evaluation', 'reconcile', 'release']);
export type RunKind = z.infer<typeof RunKind>;

/**
 * One run of a scheduled function, as the Health page lists it: when it was scheduled for (the
 * schedule's instant, a replayed one locally), when it really started and finished, how it ended
 * and its counts (numbers only: never a customer id).
 */
export const RunRecord = z.object({
  /** Unique per run: two runs of one kind may start in the same millisecond. */
  runId: z.string().min(1),
  kind: RunKind,
  scheduledFor: z.iso.datetime({ offset: true }),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  outcome: z.enum(['succeeded', 'failed']),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** A failed run's error name (`RetryLaterError`, `TimeoutError`): its message may carry data, its name never. */
  error: z.string().optional(),
});
export type RunRecord = z.infer<typeof RunRecord>;
