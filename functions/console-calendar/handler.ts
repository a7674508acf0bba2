import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { readCalendarJobEnv } from '../../shared/config/console-env';
import { composeCalendarJob } from '../../shared/compose/console-calendar';
import { loadJourneys } from '../../shared/compose/journeys';
import { logger, metrics } from '../../shared/logging';
import { computeCalendars } from '../../shared/use-cases/console-calendar-job';

const env = readCalendarJobEnv();
const deps = composeCalendarJob(env, await loadJourneys(env));

/**
 * The console's calendar job: each night, and once after each deploy (a new set of journeys),
 * simulates every current customer for the next 90 days from the ledger and writes each tenant's
 * calendar (see `computeCalendars`). Whatever the event (the schedule's, the deploy trigger's),
 * the calendar starts from the real clock's today.
 */
export const handler = middy()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler(async () => {
    const summary = await computeCalendars(deps, new Date());
    logger.info('console calendars written', { summary });
    if (summary.skipped > 0) logger.warn('customer records or ledger items that do not parse were left out of the calendars', { skipped: summary.skipped });
    metrics.addMetric('CalendarTenants', MetricUnit.Count, summary.tenants);
    metrics.addMetric('CalendarCustomers', MetricUnit.Count, summary.customers);
    return summary;
  });
