/** The Journeys page: each journey with the tenant's counts, and one journey's steps with their outcomes. */
import type { CustomerContext } from '../../../shared/domain/customer';
import { tenantReaches, type Tenant } from '../../../shared/domain/tenant';
import { HttpProblem } from '../../../shared/middleware/http-problems';
import { describeJourney, summariseJourneys } from '../../../shared/use-cases/console-journeys';
import { previewPerLocale } from '../../../shared/use-cases/console-previews';
import { json, type Route } from '../../engine-api/http';
import { consoleTenantOf } from '../tenant';
import { utcDateOf, type ConsoleRouteContext } from './context';

export function journeyRoutes({ deps, now }: ConsoleRouteContext): Route[] {
  /** A sample customer as stored now, read by key; undefined when gone or no longer the tenant's. */
  const sampleOf = (tenant: Tenant) => async (customerId: string): Promise<CustomerContext | undefined> => {
    const { record } = await deps.store.load(customerId);
    if (!record) return undefined;
    const dealer = (await deps.dealers.dealers([record.customer.dealerId])).get(record.customer.dealerId);
    if (!dealer || !tenantReaches(tenant, dealer)) return undefined;
    return { ...record, dealer };
  };

  return [
    {
      method: 'GET',
      path: '/v1/console/journeys',
      async handle({ event }) {
        const tenant = consoleTenantOf(event);
        const [{ journeys }, counts, calendar, violations] = await Promise.all([deps.journeys(), deps.counts(tenant), deps.calendar(tenant), deps.configViolations()]);
        // The journeys shown are those running; the violations are what the folder holds now.
        return json(200, { countedAt: counts.countedAt.toISOString(), journeys: summariseJourneys(journeys, counts.rows, calendar?.dueAhead ?? {}), ...(violations.length > 0 ? { violations } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/v1/console/journeys/{journeyId}',
      async handle({ event, params }) {
        const tenant = consoleTenantOf(event);
        const [{ journeys, templates }, counts, calendar] = await Promise.all([deps.journeys(), deps.counts(tenant), deps.calendar(tenant)]);
        const detail = describeJourney(journeys, decodeURIComponent(params.journeyId ?? ''), counts.rows, calendar?.dueAhead ?? {});
        if (!detail) throw new HttpProblem(404, 'Not Found', 'No such journey.');
        const journey = journeys.find((candidate) => candidate.id === detail.id)!;
        const previews = await previewPerLocale(journey, templates, calendar?.samples[journey.id] ?? {}, sampleOf(tenant), deps.brands, utcDateOf(now()));
        return json(200, { countedAt: counts.countedAt.toISOString(), journey: detail, previews });
      },
    },
  ];
}
