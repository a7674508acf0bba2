/** `POST /v1/events`: one event or a batch, each received once per (tenant, id), queued before the 202. */
import * as z from 'zod';
import { RetryLaterError } from '../../../shared/domain/errors';
import { HttpProblem } from '../../../shared/middleware/http-problems';
import { InvalidEventsRequestError, receiveEvents } from '../../../shared/use-cases/receive-events';
import { json, jsonBodyOf, type Route } from '../http';
import type { RouteContext } from './context';

/** Largest `POST /v1/events` body: the contract's 512 KB. */
export const maxEventsBodyBytes = 512 * 1024;

export function eventRoutes({ deps, authenticate, now }: RouteContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/events',
      async handle({ event }) {
        const tenant = await authenticate(event);
        // Checked event by event by receiveEvents: a bad one is rejected, the others accepted.
        const body = jsonBodyOf(z.unknown(), event, maxEventsBodyBytes);
        try {
          return json(202, { results: await receiveEvents(body, tenant, now(), deps) });
        } catch (error) {
          if (error instanceof InvalidEventsRequestError) {
            throw new HttpProblem(400, 'Bad Request', error.message, error.issues.map(({ path, message }) => ({ field: path, message })));
          }
          if (error instanceof RetryLaterError) {
            throw new HttpProblem(503, 'Service Unavailable', 'Not every accepted event could be queued; send the same request again (it is safe: ids already taken read as duplicates and are queued).');
          }
          throw error;
        }
      },
    },
  ];
}
