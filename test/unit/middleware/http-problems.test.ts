import { afterEach, describe, expect, it, vi } from 'vitest';
import middy from '@middy/core';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { HttpProblem, httpProblems } from '../../../shared/middleware/http-problems';
import { logger } from '../../../shared/logging';

const lambdaContext = {} as Context;

/** A real middy handler with the middleware, whose handler throws or returns what it is given. */
function apiHandler(behaviour: () => Promise<APIGatewayProxyResultV2>) {
  return middy<unknown, APIGatewayProxyResultV2>().use(httpProblems()).handler(behaviour);
}

async function invoke(behaviour: () => Promise<APIGatewayProxyResultV2>): Promise<APIGatewayProxyStructuredResultV2> {
  return (await apiHandler(behaviour)({}, lambdaContext)) as APIGatewayProxyStructuredResultV2;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('httpProblems middleware', () => {
  it('turns a thrown HttpProblem into a problem+json response with status, title, detail and field errors', async () => {
    const response = await invoke(async () => {
      throw new HttpProblem(400, 'Bad Request', 'The customer id is malformed.', [{ field: 'path.customerId', message: 'expected 1-64 letters' }]);
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(JSON.parse(response.body!)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The customer id is malformed.',
      errors: [{ field: 'path.customerId', message: 'expected 1-64 letters' }],
    });
  });

  it('leaves detail and errors out of the body when the problem has none', async () => {
    const response = await invoke(async () => {
      throw new HttpProblem(405, 'Method Not Allowed');
    });

    expect(response.statusCode).toBe(405);
    expect(JSON.parse(response.body!)).toEqual({ type: 'about:blank', title: 'Method Not Allowed', status: 405 });
  });

  it('turns any other error into a 500 whose body carries no internal detail', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const internal = new Error('ConditionalCheckFailed on table dealer-journeys-engine key CUST#c-0001');

    const response = await invoke(async () => {
      throw internal;
    });

    expect(response.statusCode).toBe(500);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(JSON.parse(response.body!)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    expect(response.body).not.toContain('ConditionalCheckFailed');
    expect(response.body).not.toContain('CUST#c-0001');
    expect(response.body).not.toContain('stack');
  });

  it('logs the unexpected error so it is not lost', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const internal = new Error('table is gone');

    await invoke(async () => {
      throw internal;
    });

    expect(logged).toHaveBeenCalledWith('unhandled API error', { error: internal });
  });

  it('passes a successful response through untouched', async () => {
    const ok: APIGatewayProxyStructuredResultV2 = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' };

    const response = await invoke(async () => ok);

    expect(response).toEqual(ok);
  });
});
