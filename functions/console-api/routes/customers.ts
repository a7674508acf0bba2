/** The Customer page: one customer's story, for a tenant that reaches their dealer. */
import { customerStory } from '../../../shared/use-cases/console-customer';
import { customerIdOf, customerNotFound, json, type Route } from '../../engine-api/http';
import { consoleTenantOf } from '../tenant';
import { utcDateOf, type ConsoleRouteContext } from './context';

export function customerRoutes({ deps, now }: ConsoleRouteContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/console/customers/{customerId}',
      async handle(request) {
        const tenant = consoleTenantOf(request.event);
        const { journeys } = await deps.journeys();
        const story = await customerStory(customerIdOf(request), tenant, journeys, utcDateOf(now()), deps);
        if (!story) throw customerNotFound();
        return json(200, story);
      },
    },
  ];
}
