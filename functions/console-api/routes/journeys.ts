/** The Journeys page: each journey with the tenant's counts, and one journey's steps with their outcomes. */
import { HttpProblem } from '../../../shared/middleware/http-problems';
import { describeJourney, summariseJourneys } from '../../../shared/use-cases/console-journeys';
import { tenantView } from '../../../shared/use-cases/console-snapshot';
import { json, type Route } from '../../engine-api/http';
import { consoleTenantOf } from '../tenant';
import { utcDateOf, type ConsoleRouteContext } from './context';

export function journeyRoutes({ deps, now }: ConsoleRouteContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/console/journeys',
      async handle({ event }) {
        const tenant = consoleTenantOf(event);
        const [{ journeys }, snapshot, violations] = await Promise.all([deps.journeys(), deps.snapshot(), deps.configViolations()]);
        const view = tenantView(snapshot, tenant);
        // The journeys shown are those running; the violations are what the folder holds now.
        return json(200, { countedAt: snapshot.takenAt.toISOString(), journeys: summariseJourneys(journeys, view, utcDateOf(now())), ...(violations.length > 0 ? { violations } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/v1/console/journeys/{journeyId}',
      async handle({ event, params }) {
        const tenant = consoleTenantOf(event);
        const [{ journeys }, snapshot] = await Promise.all([deps.journeys(), deps.snapshot()]);
        const detail = describeJourney(journeys, decodeURIComponent(params.journeyId ?? ''), tenantView(snapshot, tenant), utcDateOf(now()));
        if (!detail) throw new HttpProblem(404, 'Not Found', 'No such journey.');
        return json(200, { countedAt: snapshot.takenAt.toISOString(), journey: detail });
      },
    },
  ];
}
