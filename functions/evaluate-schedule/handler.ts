import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { readEngineEnv } from '../../shared/config/env';
import { loadJourneys } from '../../shared/compose/common';
import { composeEvaluation } from '../../shared/compose/evaluation';
import { logger, metrics, occurrenceLogFields } from '../../shared/logging';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { SkippedRecord } from '../../shared/ports/customers';
import { IsoDateString } from '../../shared/domain/dates';
import { parseEvent } from '../../shared/middleware/parse-event';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';

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
const deps = {
  ...composeEvaluation(env, await loadJourneys(env)),
  onNotQueued: (error: unknown, occurrence: DueOccurrence) =>
    logger.error('occurrence not queued; the next run resumes it', occurrenceLogFields(occurrence, error)),
  // The record is already a pseudonym and the issues hold field paths and reasons, never values.
  onSkippedRecord: (skipped: SkippedRecord) =>
    logger.warn('invalid customer record skipped; fix it or re-import it', { customer: skipped.record, issues: skipped.issues }),
};

export const handler = middy<ScheduledEvaluationEvent>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .use(parseEvent(ScheduledEvaluationEvent))
  .handler(async (event) => {
    const summary = await runScheduledEvaluation({ now: new Date(event.time), onDate: event.detail.date }, deps);
    const { outcomes: _withCustomerIds, ...counts } = summary;
    logger.info('scheduled evaluation finished', { summary: counts });
    metrics.addMetric('OccurrencesStarted', MetricUnit.Count, summary.started);
    metrics.addMetric('OccurrencesAlreadyHandled', MetricUnit.Count, summary.alreadyHandled);
    metrics.addMetric('OccurrencesNotQueued', MetricUnit.Count, summary.notQueued);
    // Alarmed on by name in infra: a bad record is skipped quietly for customers, not for operators.
    metrics.addMetric('SkippedBadRecords', MetricUnit.Count, summary.skippedRecords);
    return summary;
  });
