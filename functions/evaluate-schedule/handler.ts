import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { readEngineEnv } from '../../shared/config/env';
import { loadJourneys } from '../../shared/compose/journeys';
import { composeEvaluation } from '../../shared/compose/evaluation';
import { logger, metrics, occurrenceLogFields } from '../../shared/logging';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { SkippedRecord } from '../../shared/ports/customers';
import { IsoDateString } from '../../shared/domain/dates';
import { parseEvent } from '../../shared/middleware/parse-event';
import { runScheduledTick } from '../../shared/use-cases/scheduled-tick';
import type { DueIndexState } from '../../shared/ports/due-index';
import { composeRunRecorder, evaluationCounts } from '../../shared/compose/run-records';

/**
 * The scheduled-event shape EventBridge Scheduler sends (see infra): `time` is the scheduled
 * instant. `detail.date` limits a run to occurrences on that local date (replays, `npm start`).
 */
export const ScheduledEvaluationEvent = z.object({
  time: z.iso.datetime({ offset: true }),
  detail: z
    .object({ date: IsoDateString.optional() })
    .default({}),
});
export type ScheduledEvaluationEvent = z.infer<typeof ScheduledEvaluationEvent>;

const env = readEngineEnv();
const recordRun = composeRunRecorder(env);
const deps = {
  ...composeEvaluation(env, await loadJourneys(env)),
  onNotQueued: (error: unknown, occurrence: DueOccurrence) =>
    logger.error('occurrence not queued; the next run resumes it', occurrenceLogFields(occurrence, error)),
  // The record is already a pseudonym and the issues hold field paths and reasons, never values.
  onSkippedRecord: (skipped: SkippedRecord) =>
    logger.warn('invalid customer record skipped; fix it or re-import it', { customer: skipped.record, issues: skipped.issues }),
  // Counts only: how far the due index's recompute has got.
  onRecomputeProgress: ({ status, done, total, skipped, computedFrom }: DueIndexState) =>
    logger.info('due index recompute progress', { status, done, total, skipped, computedFrom }),
  onRecomputeFailed: (error: unknown) => logger.error('due index recompute failed; the evaluation runs on, the next tick goes on with it', { error }),
};

/**
 * The share of the invocation's time the recompute may use: it starts no page once less than
 * half of what was left at the start remains, so the evaluation always has the other half.
 */
function recomputeBudget(remainingMs: () => number): () => boolean {
  const stopBelow = remainingMs() / 2;
  return () => remainingMs() > stopBelow;
}

export const handler = middy<ScheduledEvaluationEvent>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .use(parseEvent(ScheduledEvaluationEvent))
  .handler(async (event, context) => {
    const mayContinue = recomputeBudget(() => context.getRemainingTimeInMillis());
    const summary = await recordRun('evaluation', new Date(event.time), () => runScheduledTick({ now: new Date(event.time), ...(event.detail.date ? { onDate: event.detail.date } : {}), mayContinue }, deps), evaluationCounts);
    const { outcomes: _withCustomerIds, ...counts } = summary;
    logger.info('scheduled evaluation finished', { summary: counts });
    // Metrics only for what infra alarms on (each custom metric is billed a month); the other
    // counts (started, already handled, the due index's recompute and catch-up) are fields of the
    // summary line above, for Logs Insights. A bad record is skipped quietly for customers, not for operators.
    metrics.addMetric('OccurrencesNotQueued', MetricUnit.Count, summary.notQueued);
    metrics.addMetric('SkippedBadRecords', MetricUnit.Count, summary.skippedRecords);
    return summary;
  });
