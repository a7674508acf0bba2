import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { readEngineEnv } from '../../shared/config/env';
import { composeReconcile } from '../../shared/compose/reconcile';
import { logger, occurrenceLogFields } from '../../shared/logging';
import { parseEvent } from '../../shared/middleware/parse-event';
import type { OpenOccurrence } from '../../shared/ports/ledger';
import { reconcileLedger } from '../../shared/use-cases/reconcile-ledger';
import { composeRunRecorder, numbersOf } from '../../shared/compose/run-records';

/**
 * The scheduled event (see infra). `time` is the scheduled instant, the schedule's clock; a local
 * replay of a past date sets it to that date, and `detail.nothingInFlight` when no message can be
 * on the queue (the local runtime at start).
 */
export const ReconcileEvent = z.object({
  time: z.iso.datetime({ offset: true }),
  detail: z.object({ nothingInFlight: z.boolean().optional() }).default({}),
});
export type ReconcileEvent = z.infer<typeof ReconcileEvent>;

const env = readEngineEnv();
const recordRun = composeRunRecorder(env);
const deps = {
  ...composeReconcile(env),
  onError: (error: unknown, occurrence: OpenOccurrence) =>
    logger.error('occurrence not reconciled; the next run retries it', occurrenceLogFields(occurrence, error)),
};

/** Hourly: re-drives unfinished messages, closes finished occurrences, expires those past their deadline. */
export const handler = middy<ReconcileEvent>()
  .use(injectLambdaContext(logger))
  .use(parseEvent(ReconcileEvent))
  .handler(async (event) => {
    const summary = await recordRun('reconcile', new Date(event.time), () => reconcileLedger({ now: new Date(), scheduleNow: new Date(event.time), nothingInFlight: event.detail.nothingInFlight ?? false }, deps), numbersOf);
    logger.info('ledger reconciled', { summary });
    if (summary.unreadable > 0) logger.error('open occurrence items that do not parse were skipped', { unreadable: summary.unreadable });
    return summary;
  });
