/**
 * The public unsubscribe routes (issue 14): `GET /unsubscribe/{token}` shows a confirmation page
 * in the customer's language, `POST /unsubscribe/{token}` unsubscribes at once with no login
 * (RFC 8058 one-click: mailbox providers POST `List-Unsubscribe=One-Click` to the header's URL).
 * The signed token is the only credential; a link that does not verify gets the same 404 page
 * whatever is wrong with it. No routes without a signing key (the API then has no such links).
 */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { unsubscribePathPattern } from '../../../shared/domain/unsubscribe-token';
import { readUnsubscribeLink, unsubscribeByLink, type UnsubscribeDeps } from '../../../shared/use-cases/unsubscribe';
import type { ApiRequest, Route } from '../http';
import { confirmPage, donePage, invalidPage } from '../unsubscribe-pages';

const html = (statusCode: number, body: string): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    // The token is a credential: no caching, no referrer to wherever the customer goes next.
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  },
  body,
});

/** The token of a well-formed unsubscribe path, or undefined (answered with the invalid page). */
const tokenOf = ({ event }: ApiRequest): string | undefined => unsubscribePathPattern.exec(event.rawPath)?.[1];

export function unsubscribeRoutes(deps: UnsubscribeDeps | undefined, now: () => Date = () => new Date()): Route[] {
  if (!deps) return [];
  return [
    {
      method: 'GET',
      path: '/unsubscribe/{token}',
      handle: async (request) => {
        const token = tokenOf(request);
        const target = token ? await readUnsubscribeLink(token, deps) : undefined;
        return target ? html(200, confirmPage(target.locale, target.request, request.event.rawPath)) : html(404, invalidPage());
      },
    },
    {
      method: 'POST',
      path: '/unsubscribe/{token}',
      handle: async (request) => {
        const token = tokenOf(request);
        const target = token ? await unsubscribeByLink(token, deps, now()) : undefined;
        return target ? html(200, donePage(target.locale, target.request)) : html(404, invalidPage());
      },
    },
  ];
}
