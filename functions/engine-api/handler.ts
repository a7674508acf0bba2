import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { readEngineEnv } from '../../shared/config/env';
import { composeApi } from '../../shared/compose/api';
import { logger } from '../../shared/logging';
import { HttpProblem, httpProblems } from '../../shared/middleware/http-problems';
import { fieldIssues } from '../../shared/domain/customer';
import { InvalidCursorError } from '../../shared/ports/tasks';
import { listTasks, ListTasksQuery } from '../../shared/use-cases/list-tasks';
import { dealerRoutes } from './event-routes';
import { unsubscribeRoutes } from './unsubscribe-routes';
import { composeUnsubscribe } from '../../shared/compose/unsubscribe';

const env = readEngineEnv();
const deps = composeApi(env);
const unsubscribeRoute = unsubscribeRoutes(composeUnsubscribe(env));
const { ledger, tasks } = deps;
const dealerRoute = dealerRoutes(deps);
const customerIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // a malformed %-escape is the client's error, not a 500
  }
}

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

async function tasksPage(event: APIGatewayProxyEventV2) {
  const parsed = ListTasksQuery.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) {
    const errors = fieldIssues(parsed.error, ['query']).map(({ path, message }) => ({ field: path, message }));
    throw new HttpProblem(400, 'Bad Request', 'The query is not valid.', errors);
  }
  const query = parsed.data;
  try {
    const page = await listTasks(query, tasks);
    return { dealerId: query.dealerId, status: query.status, tasks: page.tasks, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new HttpProblem(400, 'Bad Request', 'The cursor is not valid for this query.', [{ field: 'query.cursor', message: error.message }]);
    }
    throw error;
  }
}

async function routeRequest(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const method = event.requestContext.http.method;
  const path = event.rawPath;
  if (path === '/health') {
    if (method !== 'GET') throw new HttpProblem(405, 'Method Not Allowed');
    return json(200, { status: 'ok' });
  }
  if (path === '/v1/tasks') {
    if (method !== 'GET') throw new HttpProblem(405, 'Method Not Allowed');
    return json(200, await tasksPage(event));
  }
  const unsubscribeAnswer = unsubscribeRoute(event);
  if (unsubscribeAnswer) return unsubscribeAnswer;
  const dealerAnswer = dealerRoute(event);
  if (dealerAnswer) return dealerAnswer;
  const messages = /^\/v1\/customers\/([^/]+)\/messages$/.exec(path);
  if (messages) {
    if (method !== 'GET') throw new HttpProblem(405, 'Method Not Allowed');
    const customerId = safeDecode(messages[1]!);
    if (customerId === undefined || !customerIdPattern.test(customerId)) {
      throw new HttpProblem(400, 'Bad Request', 'The customer id is malformed.', [
        { field: 'path.customerId', message: 'expected 1-64 letters, digits, "_" or "-"' },
      ]);
    }
    const sends = await ledger.listSends(customerId);
    return json(200, { customerId, messages: sends });
  }
  throw new HttpProblem(404, 'Not Found', `No route for ${method} ${path}.`);
}

/** The engine's HTTP API (API Gateway v2): health, a customer's message history, a dealer's tasks, and the dealer routes (events, customers, OpenAPI). */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
  .use(injectLambdaContext(logger))
  .use(httpProblems())
  .handler(routeRequest);
