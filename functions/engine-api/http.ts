/**
 * What every route module of the API shares: the route shape, JSON answers, and reading a
 * request's path parameters, query and body into zod-checked values or a problem+json 4xx with
 * field paths (`path.customerId`, `query.limit`, `body.email.at`).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import { Customer, fieldIssues } from '../../shared/domain/customer';
import type { Tenant } from '../../shared/domain/tenant';
import { HttpProblem } from '../../shared/middleware/http-problems';
import { InvalidCursorError } from '../../shared/ports/tasks';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  event: APIGatewayProxyEventV2;
  /** Path parameters by the names in the route's template, still %-encoded. */
  params: Record<string, string>;
}

/** One route: a method and a path template (`/v1/customers/{customerId}`, as API Gateway writes it). */
export interface Route {
  method: HttpMethod;
  path: string;
  handle(request: ApiRequest): Promise<APIGatewayProxyResultV2>;
}

/** Checks the caller's key and rate: the tenant, or a 401 / 429 problem. */
export type Authenticate = (event: APIGatewayProxyEventV2) => Promise<Tenant>;

export const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const header = (event: APIGatewayProxyEventV2, name: string): string | undefined => event.headers?.[name] ?? event.headers?.[name.toLowerCase()];

const badRequest = (detail: string, error: z.ZodError, prefix: string) =>
  new HttpProblem(400, 'Bad Request', detail, fieldIssues(error, [prefix]).map(({ path, message }) => ({ field: path, message })));

/** The `customerId` path parameter, decoded and checked like a stored customer id. */
export function customerIdOf({ params }: ApiRequest): string {
  let customerId: string;
  try {
    customerId = decodeURIComponent(params.customerId ?? '');
  } catch {
    customerId = ''; // a malformed %-escape is the client's error, not a 500
  }
  if (!Customer.shape.id.safeParse(customerId).success) {
    throw new HttpProblem(400, 'Bad Request', 'The customer id is malformed.', [{ field: 'path.customerId', message: 'expected 1-64 letters, digits, "_" or "-"' }]);
  }
  return customerId;
}

export function queryOf<S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2): z.infer<S> {
  const parsed = schema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw badRequest('The query is not valid.', parsed.error, 'query');
  return parsed.data;
}

/**
 * The JSON body, checked with `schema`: 415 unless `application/json`, 413 over `maxBytes`, 400
 * for JSON that does not parse (`body`) or does not match (`body.<field>`).
 */
export function jsonBodyOf<S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2, maxBytes: number): z.infer<S> {
  if (!/^application\/json\s*(;|$)/i.test(header(event, 'content-type') ?? '')) throw new HttpProblem(415, 'Unsupported Media Type', 'Send the body as application/json.');
  const text = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(text) > maxBytes) throw new HttpProblem(413, 'Content Too Large', `The request body exceeds ${maxBytes} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'Bad Request', 'The body is not valid JSON.', [{ field: 'body', message: 'not valid JSON' }]);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest('The body is not valid.', parsed.error, 'body');
  return parsed.data;
}

/** Runs a paged read, answering a cursor the API did not issue for this query with a 400 on `query.cursor`. */
export async function withCursorCheck<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new HttpProblem(400, 'Bad Request', 'The cursor is not valid for this query.', [{ field: 'query.cursor', message: error.message }]);
    throw error;
  }
}

/** The same answer for an unknown customer and another tenant's: nothing tells them apart. */
export const customerNotFound = () => new HttpProblem(404, 'Not Found', 'No such customer for this key.');
