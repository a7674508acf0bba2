/** The Health page: delivery by day and channel, bounce and complaint rates, dead letters, and the pause switch. */
import * as z from 'zod';
import { HttpProblem } from '../../../shared/middleware/http-problems';
import { deliveryHealth, PauseNotAllowedError, promotionalEmailPause, setPromotionalEmailPause } from '../../../shared/use-cases/console-health';
import { runHealth } from '../../../shared/use-cases/console-runs';
import { json, jsonBodyOf, type Route } from '../../engine-api/http';
import { consoleTenantOf } from '../tenant';
import type { ConsoleRouteContext } from './context';

const PauseRequest = z.strictObject({ paused: z.boolean() });

export function healthRoutes({ deps, now }: ConsoleRouteContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/console/health',
      async handle({ event }) {
        const tenant = consoleTenantOf(event);
        const at = now();
        const [counts, deadLetters, pause, runs] = await Promise.all([deps.counts(tenant), deps.deadLetters.depths(), promotionalEmailPause(deps.pauses), runHealth(deps.runs, at)]);
        // A run's counts add up every tenant's customers: only a brand user sees them, a dealer user sees when runs ran and how they ended.
        const ownRuns = tenant.kind === 'brand' ? runs.runs : runs.runs.map((run) => ({ ...run, counts: {} }));
        return json(200, {
          countedAt: counts.countedAt.toISOString(),
          ...deliveryHealth(counts.rows, at),
          runs: { ...runs, runs: ownRuns },
          deadLetters,
          promotionalEmail: { paused: pause !== undefined, ...(pause ? { since: pause.at, reason: pause.reason } : {}) },
          mayPause: tenant.kind === 'brand',
        });
      },
    },
    {
      method: 'PUT',
      path: '/v1/console/pauses/email/promotional',
      async handle({ event }) {
        const tenant = consoleTenantOf(event);
        const { paused } = jsonBodyOf(PauseRequest, event, 1024);
        try {
          const pause = await setPromotionalEmailPause(paused, tenant, now(), deps.pauses);
          return json(200, { paused: pause !== undefined, ...(pause ? { since: pause.at, reason: pause.reason } : {}) });
        } catch (error) {
          if (error instanceof PauseNotAllowedError) throw new HttpProblem(403, 'Forbidden', 'Only a brand user may pause or resume promotional email.');
          throw error;
        }
      },
    },
  ];
}
