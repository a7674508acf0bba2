import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { readCalendarJobEnv } from '../../shared/config/console-env';
import { composeCalendarJob } from '../../shared/compose/console-calendar';
import { loadJourneys } from '../../shared/compose/journeys';
import { logger } from '../../shared/logging';
import type { CalendarShard } from '../../shared/ports/calendar-snapshots';
import { computeCalendars, shardRunOf, shardsOf, type CalendarJobSummary } from '../../shared/use-cases/console-calendar-job';

const env = readCalendarJobEnv();
const deps = composeCalendarJob(env, await loadJourneys(env));

/** A shard's message from the shard queue (batch size 1). */
const ShardMessages = z.object({ Records: z.array(z.object({ eventSource: z.literal('aws:sqs'), body: z.string() })).min(1) });

async function runShard(shard: CalendarShard, now: Date): Promise<CalendarJobSummary> {
  const summary = await computeCalendars(deps, now, shard);
  logger.info('console calendars written', { shard, summary });
  if (summary.skipped > 0) logger.warn('customer records or ledger items that do not parse were left out of the calendars', { skipped: summary.skipped });
  return summary;
}

/**
 * The console's calendar job: each night, and once after each deploy (a new set of journeys),
 * simulates every current customer for the next 90 days from the ledger and writes each tenant's
 * calendar (see `computeCalendars`). The schedule's (or the deploy trigger's) event starts a run:
 * with one shard it runs it; with more (`CALENDAR_SHARDS`) it puts one message per shard on the
 * shard queue, and each shard runs in an invocation of its own, fed by that queue, so a run of a
 * million customers is many runs that each fit the function's time and memory. The calendar
 * starts from the real clock's today whatever the event.
 */
export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async (event: unknown): Promise<CalendarJobSummary | { queued: number }> => {
    const messages = ShardMessages.safeParse(event);
    if (messages.success) {
      const summaries = [];
      for (const record of messages.data.Records) {
        const { shard, now } = shardRunOf(record.body, new Date());
        summaries.push(await runShard(shard, now));
      }
      return summaries.reduce((sum, one) => ({ tenants: sum.tenants + one.tenants, customers: sum.customers + one.customers, sends: sum.sends + one.sends, skipped: sum.skipped + one.skipped }));
    }
    if (deps.shards === 1) return runShard({ index: 0, of: 1 }, new Date());
    const shards = shardsOf(deps.shards);
    // Every shard computes from this run's instant (see shardMessageOf).
    await deps.enqueueShards(shards, new Date());
    logger.info('console calendar shards queued', { shards: shards.length });
    return { queued: shards.length };
  });
