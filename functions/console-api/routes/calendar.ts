/** The Calendar page: the next 90 days of sends per day, as the calendar job last simulated the tenant's current customers; a day's list. */
import { IsoDateString } from '../../../shared/domain/dates';
import { HttpProblem } from '../../../shared/middleware/http-problems';
import { sendsOn } from '../../../shared/use-cases/console-calendar';
import { json, type Route } from '../../engine-api/http';
import { consoleTenantOf } from '../tenant';
import type { ConsoleRouteContext } from './context';

export function calendarRoutes({ deps }: ConsoleRouteContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/console/calendar',
      async handle({ event }) {
        const calendar = await deps.calendar(consoleTenantOf(event));
        // Before the job's first run for this tenant: no days, and no instant to show.
        if (!calendar) return json(200, { simulatedAt: null, days: [] });
        const { computedAt, from, to, days, complete } = calendar;
        return json(200, { simulatedAt: computedAt, from, to, days, complete });
      },
    },
    {
      method: 'GET',
      path: '/v1/console/calendar/{date}',
      async handle({ event, params }) {
        const tenant = consoleTenantOf(event);
        const date = IsoDateString.safeParse(params.date);
        if (!date.success) throw new HttpProblem(400, 'Bad Request', 'The date is malformed.', [{ field: 'path.date', message: 'expected a date as YYYY-MM-DD' }]);
        const calendar = await deps.calendar(tenant);
        // The list holds the first sends of the day of each shard (any outcome), `more` how many it
        // leaves out; `sent` is how many go out that day in all.
        const sent = calendar?.days.find((day) => day.date === date.data)?.total ?? 0;
        return json(200, { date: date.data, sent, sends: calendar ? sendsOn(calendar.sends, date.data) : [], more: calendar?.unlisted[date.data] ?? 0 });
      },
    },
  ];
}
