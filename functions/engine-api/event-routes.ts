/**
 * The dealer routes of the API (issue 13): `POST /v1/events`, `GET /v1/customers/{id}` and
 * `GET /v1/openapi.json`, as a route table. Each dealer route authenticates first, so an
 * unauthenticated caller learns nothing but 401, whatever the body.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { openApiDocument } from '../../shared/api/openapi';
import type { ApiDeps } from '../../shared/compose/api';
import { Customer } from '../../shared/domain/customer';
import { RetryLaterError } from '../../shared/domain/errors';
import type { Tenant } from '../../shared/domain/tenant';
import { HttpProblem } from '../../shared/middleware/http-problems';
import { createKeyCheck } from '../../shared/use-cases/api-keys';
import { getCustomer } from '../../shared/use-cases/get-customer';
import { InvalidEventsRequestError, receiveEvents } from '../../shared/use-cases/receive-events';

/** Largest `POST /v1/events` body: the contract's 512 KB. */
export const maxEventsBodyBytes = 512 * 1024;

type Route = (event: APIGatewayProxyEventV2, match: RegExpExecArray) => Promise<APIGatewayProxyResultV2>;

const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const header = (event: APIGatewayProxyEventV2, name: string) => event.headers?.[name] ?? event.headers?.[name.toLowerCase()];

function bodyText(event: APIGatewayProxyEventV2): string {
  const text = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(text) > maxEventsBodyBytes) throw new HttpProblem(413, 'Content Too Large', `The request body exceeds ${maxEventsBodyBytes} bytes.`);
  return text;
}

/** The routes, given the adapters: answers a request on one of them, or undefined for another path. */
export function dealerRoutes(deps: ApiDeps, now: () => Date = () => new Date()): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2> | undefined {
  const checkKey = createKeyCheck(deps.keys);
  const document = JSON.stringify(openApiDocument());

  async function authenticate(event: APIGatewayProxyEventV2): Promise<Tenant> {
    const tenant = await checkKey(header(event, 'authorization'));
    if (!tenant) throw new HttpProblem(401, 'Unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".');
    return tenant;
  }

  const postEvents: Route = async (event) => {
    const tenant = await authenticate(event);
    const contentType = header(event, 'content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) throw new HttpProblem(415, 'Unsupported Media Type', 'Send the events as application/json.');
    const text = bodyText(event);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpProblem(400, 'Bad Request', 'The body is not valid JSON.', [{ field: 'body', message: 'not valid JSON' }]);
    }
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
  };

  const getCustomerRoute: Route = async (event, match) => {
    const tenant = await authenticate(event);
    let customerId: string;
    try {
      customerId = decodeURIComponent(match[1]!);
    } catch {
      customerId = '';
    }
    if (!Customer.shape.id.safeParse(customerId).success) {
      throw new HttpProblem(400, 'Bad Request', 'The customer id is malformed.', [{ field: 'path.customerId', message: 'expected 1-64 letters, digits, "_" or "-"' }]);
    }
    const record = await getCustomer(customerId, tenant, deps);
    // Unknown and another tenant's customer read the same.
    if (!record) throw new HttpProblem(404, 'Not Found', 'No such customer for this key.');
    return json(200, record);
  };

  const routes: { method: string; pattern: RegExp; route: Route }[] = [
    { method: 'POST', pattern: /^\/v1\/events$/, route: postEvents },
    { method: 'GET', pattern: /^\/v1\/customers\/([^/]+)$/, route: getCustomerRoute },
    { method: 'GET', pattern: /^\/v1\/openapi\.json$/, route: async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: document }) },
  ];

  return (event) => {
    const { method } = event.requestContext.http;
    for (const { method: routeMethod, pattern, route } of routes) {
      const found = pattern.exec(event.rawPath);
      if (!found) continue;
      if (routeMethod !== method) return Promise.reject(new HttpProblem(405, 'Method Not Allowed'));
      return route(event, found);
    }
    return undefined;
  };
}
