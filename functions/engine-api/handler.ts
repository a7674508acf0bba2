import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { readEngineEnv } from '../../shared/config/env';
import { composeApi } from '../../shared/compose/api';
import { logger } from '../../shared/logging';
import { httpProblems } from '../../shared/middleware/http-problems';
import { createAuthenticate } from './authenticate';
import { createRouter } from './router';
import { customerRoutes } from './routes/customers';
import { documentRoutes } from './routes/documents';
import { eventRoutes } from './routes/events';
import { taskRoutes } from './routes/tasks';
import { unsubscribeRoutes } from './routes/unsubscribe';
import { composeUnsubscribe } from '../../shared/compose/unsubscribe';

const env = readEngineEnv();
const deps = composeApi(env);
const context = { deps, authenticate: createAuthenticate(deps.keys), now: () => new Date() };

// One module per route group; a new group is one more spread here.
const route = createRouter([
  ...documentRoutes(),
  ...eventRoutes(context),
  ...customerRoutes(context),
  ...taskRoutes(context),
  // Public: the signed link is the credential (RFC 8058 one-click unsubscribe).
  ...unsubscribeRoutes(composeUnsubscribe(env)),
]);

/** The engine's HTTP API (API Gateway v2): health, OpenAPI, dealer events, customers (read, messages, consent, erasure), tasks, and the public unsubscribe links. */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
  .use(injectLambdaContext(logger))
  .use(httpProblems())
  .handler(route);
