/** The Journeys page: each journey with the tenant's counts, and one journey's steps with their outcomes. */
import { HttpProblem } from '../../../shared/middleware/http-problems';
import { describeJourney, summariseJourneys } from '../../../shared/use-cases/console-journeys';
import { previewPerLocale } from '../../../shared/use-cases/console-previews';
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
        const [{ journeys, templates }, snapshot] = await Promise.all([deps.journeys(), deps.snapshot()]);
        const view = tenantView(snapshot, tenant);
        const today = utcDateOf(now());
        const detail = describeJourney(journeys, decodeURIComponent(params.journeyId ?? ''), view, today);
        if (!detail) throw new HttpProblem(404, 'Not Found', 'No such journey.');
        const journey = journeys.find((candidate) => candidate.id === detail.id)!;
        const previews = await previewPerLocale(journey, templates, view, deps.brands, today);
        return json(200, { countedAt: snapshot.takenAt.toISOString(), journey: detail, previews });
      },
    },
  ];
}
