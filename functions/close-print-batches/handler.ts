import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { readEngineEnv } from '../../shared/config/env';
import { composePrintBatches } from '../../shared/compose/print-batches';
import { lastEndedDay } from '../../shared/domain/print-batch';
import { logger } from '../../shared/logging';
import { parseEvent } from '../../shared/middleware/parse-event';
import { closePrintBatches } from '../../shared/use-cases/close-print-batches';

/**
 * The scheduled event (see infra), or one invoked by hand: `detail.date` closes that day again
 * (no longer needed for a piece re-driven after its day closed: the next day's close takes it);
 * without it, the latest day that has ended everywhere by the scheduled `time`.
 */
export const ClosePrintBatchesEvent = z.object({
  time: z.iso.datetime({ offset: true }),
  detail: z.object({ date: z.iso.date().optional() }).default({}),
});
export type ClosePrintBatchesEvent = z.infer<typeof ClosePrintBatchesEvent>;

const deps = composePrintBatches(readEngineEnv());

/** Daily: one PDF and one manifest per sender with the day's printed pieces, and a report of those left out. */
export const handler = middy<ClosePrintBatchesEvent>()
  .use(injectLambdaContext(logger))
  .use(parseEvent(ClosePrintBatchesEvent))
  .handler(async (event) => {
    const summary = await closePrintBatches(event.detail.date ?? lastEndedDay(new Date(event.time)), deps);
    // Counts and sender ids only: piece ids name customers, the report in the bucket lists them.
    for (const batch of summary.batches) {
      logger.info('print batch closed', { date: summary.date, sender: batch.sender, pieces: batch.pieces, late: batch.late, pages: batch.pages, leftOut: batch.leftOut.length });
    }
    if (summary.unreadable > 0) logger.error('staged print records that do not parse were left out', { date: summary.date, unreadable: summary.unreadable });
    // No metrics (each is billed a month): Logs Insights sums `pieces` and `leftOut` of the lines above.
    return summary;
  });
