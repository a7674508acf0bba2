/**
 * The customer routes: read, message history, consent, erasure. Each checks the key, then that
 * the key's tenant reaches the customer's dealer; an unknown customer and another tenant's get
 * the same 404, so no answer tells whether a customer exists.
 */
import { logger, pseudonym } from '../../../shared/logging';
import { HttpProblem } from '../../../shared/middleware/http-problems';
import { changeConsent, ConsentRequest } from '../../../shared/use-cases/change-consent';
import { eraseCustomer } from '../../../shared/use-cases/erase-customer';
import { getCustomer } from '../../../shared/use-cases/get-customer';
import { listMessages, ListMessagesQuery } from '../../../shared/use-cases/list-messages';
import { customerIdOf, customerNotFound, json, jsonBodyOf, queryOf, withCursorCheck, type Route } from '../http';
import type { RouteContext } from './context';

/** A consent change is a few hundred bytes; anything near this is not one. */
const maxConsentBodyBytes = 16 * 1024;

export function customerRoutes({ deps, authenticate, now }: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/customers/{customerId}',
      async handle(request) {
        const tenant = await authenticate(request.event);
        const record = await getCustomer(customerIdOf(request), tenant, deps);
        if (!record) throw customerNotFound();
        return json(200, record);
      },
    },
    {
      method: 'GET',
      path: '/v1/customers/{customerId}/messages',
      async handle(request) {
        const tenant = await authenticate(request.event);
        const customerId = customerIdOf(request);
        const query = queryOf(ListMessagesQuery, request.event);
        const page = await withCursorCheck(() => listMessages(customerId, query, tenant, deps));
        if (!page) throw customerNotFound();
        return json(200, { customerId, ...page });
      },
    },
    {
      method: 'PUT',
      path: '/v1/customers/{customerId}/consent',
      async handle(request) {
        const tenant = await authenticate(request.event);
        const customerId = customerIdOf(request);
        const body = jsonBodyOf(ConsentRequest, request.event, maxConsentBodyBytes);
        const answer = await changeConsent(customerId, body, tenant, now(), deps);
        if (!answer) throw customerNotFound();
        if (answer.channels.some((channel) => channel.status === 'rejected')) {
          // Only an id conflict rejects here, and the id is a digest of the change: a bug, not the caller's error.
          throw new HttpProblem(500, 'Internal Server Error');
        }
        return json(202, answer);
      },
    },
    {
      method: 'DELETE',
      path: '/v1/customers/{customerId}',
      async handle(request) {
        const tenant = await authenticate(request.event);
        const erasure = await eraseCustomer(customerIdOf(request), tenant, now(), deps);
        if (erasure.outcome === 'not-found') throw customerNotFound();
        if (erasure.heldUnreadable > 0) {
          // Deleted with the customer's other items all the same; someone should see why it did not parse.
          logger.warn('erasure skipped held messages that do not parse', { customer: pseudonym(customerIdOf(request)), unreadable: erasure.heldUnreadable });
        }
        // The same answer however often it is asked: what the customer was is gone either way.
        return { statusCode: 204, headers: {}, body: '' };
      },
    },
  ];
}
