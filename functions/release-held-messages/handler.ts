import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { readEngineEnv } from '../../shared/config/env';
import { composeRelease } from '../../shared/compose/release';
import { logger, metrics, occurrenceLogFields } from '../../shared/logging';
import { parseEvent } from '../../shared/middleware/parse-event';
import type { HeldMessage } from '../../shared/ports/message-schedule';
import { releaseHeldMessages } from '../../shared/use-cases/release-held-messages';
import { composeRunRecorder, numbersOf } from '../../shared/compose/run-records';

/**
 * The scheduled event (see infra). `detail.replay`: `time` is a replayed instant, not the real
 * clock (`npm start -- --date`): only what is due by it is queued, without delay.
 */
export const ReleaseEvent = z.object({
  time: z.iso.datetime({ offset: true }),
  detail: z.object({ replay: z.boolean().optional() }).default({}),
});
export type ReleaseEvent = z.infer<typeof ReleaseEvent>;

/** Time kept back from the function's timeout: a page (a few Queries, a queue call, the removals) fits well inside. */
const reserveMs = 15_000;

const env = readEngineEnv();
const recordRun = composeRunRecorder(env);
const deps = {
  ...composeRelease(env),
  onError: (error: unknown, entry: HeldMessage) =>
    logger.error('held message not queued; it stays held and the next run retries it', { ...occurrenceLogFields(entry.message, error), messageId: entry.message.messageId }),
};

/** Every 5 minutes: puts held messages due within 15 minutes on the dispatch queue, delayed to their due time. */
export const handler = middy<ReleaseEvent>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .use(parseEvent(ReleaseEvent))
  .handler(async (event, context) => {
    const replay = event.detail.replay ?? false;
    // Delays are counted from the real clock: a run retried minutes after its scheduled instant still delivers on time.
    const request = replay ? { now: new Date(event.time), lookAheadSeconds: 0 } : { now: new Date() };
    const summary = await recordRun('release', new Date(event.time), () => releaseHeldMessages(request, { ...deps, mayContinue: () => context.getRemainingTimeInMillis() > reserveMs }), numbersOf);
    logger.info('held messages released', { summary });
    if (summary.unreadable > 0) logger.error('held message items that do not parse were skipped', { unreadable: summary.unreadable });
    // Metrics only for what infra alarms on; released and moved are fields of the summary line.
    metrics.addMetric('HeldMessagesNotQueued', MetricUnit.Count, summary.failed);
    metrics.addMetric('HeldMessagesUnreadable', MetricUnit.Count, summary.unreadable);
    return summary;
  });
