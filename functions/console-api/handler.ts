import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { readConsoleEnv } from '../../shared/config/console-env';
import { composeConsole } from '../../shared/compose/console';
import { logger } from '../../shared/logging';
import { httpProblems } from '../../shared/middleware/http-problems';
import { createRouter } from '../engine-api/router';
import { calendarRoutes } from './routes/calendar';
import { customerRoutes } from './routes/customers';
import { healthRoutes } from './routes/health';
import { journeyRoutes } from './routes/journeys';

const env = readConsoleEnv();
const now = () => new Date();
const context = { deps: composeConsole(env, now), now };

const route = createRouter([...journeyRoutes(context), ...customerRoutes(context), ...healthRoutes(context), ...calendarRoutes(context)]);

/**
 * The marketer console's read routes (`/v1/console/...`) on the HTTP API. Each route takes the
 * user's tenant from the JWT authorizer's claims (`custom:tenant`, see `consoleTenantOf`): a
 * dealer user sees its own customers, a brand user those of all its dealers.
 */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
  .use(injectLambdaContext(logger))
  .use(httpProblems())
  .handler(route);
