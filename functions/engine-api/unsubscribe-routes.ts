/**
 * The public unsubscribe routes (issue 14): `GET /unsubscribe/{token}` shows a confirmation page
 * in the customer's language, `POST /unsubscribe/{token}` unsubscribes at once with no login
 * (RFC 8058 one-click: mailbox providers POST `List-Unsubscribe=One-Click` to the header's URL).
 * The signed token is the only credential; a link that does not verify gets the same 404 page
 * whatever is wrong with it.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { unsubscribePathPattern } from '../../shared/domain/unsubscribe-token';
import { HttpProblem } from '../../shared/middleware/http-problems';
import { readUnsubscribeLink, unsubscribeByLink, type UnsubscribeDeps } from '../../shared/use-cases/unsubscribe';
import { confirmPage, donePage, invalidPage } from './unsubscribe-pages';

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

/** Answers a request on an unsubscribe path, or undefined for another path (or when no signing key is configured). */
export function unsubscribeRoutes(deps: UnsubscribeDeps | undefined, now: () => Date = () => new Date()): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2> | undefined {
  return (event) => {
    const match = unsubscribePathPattern.exec(event.rawPath);
    if (!match || !deps) return undefined;
    const token = match[1]!;
    const method = event.requestContext.http.method;
    if (method === 'GET') {
      return readUnsubscribeLink(token, deps).then((target) => (target ? html(200, confirmPage(target.locale, target.request, event.rawPath)) : html(404, invalidPage())));
    }
    if (method === 'POST') {
      return unsubscribeByLink(token, deps, now()).then((target) => (target ? html(200, donePage(target.locale, target.request)) : html(404, invalidPage())));
    }
    return Promise.reject(new HttpProblem(405, 'Method Not Allowed'));
  };
}
