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

const deps = composeApi(readEngineEnv());
const context = { deps, authenticate: createAuthenticate(deps.keys), now: () => new Date() };

// One module per route group; a new group (e.g. public unsubscribe) is one more spread here.
const route = createRouter([...documentRoutes(), ...eventRoutes(context), ...customerRoutes(context), ...taskRoutes(context)]);

/** The engine's HTTP API (API Gateway v2): health, OpenAPI, dealer events, customers (read, messages, consent, erasure), tasks. */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
  .use(injectLambdaContext(logger))
  .use(httpProblems())
  .handler(route);
