/** Routes without a key: liveness and the OpenAPI document (neither reads data). */
// The committed output of `shared/api/openapi.ts` (a unit test keeps the two equal), bundled as
// data: generating it from the zod schemas at cold start cost the API function tens of
// milliseconds of init for a route few requests take.
import openApiDocument from '../../../docs/openapi.json' with { type: 'json' };
import { json, type Route } from '../http';

export function documentRoutes(): Route[] {
  let document: string | undefined;
  return [
    { method: 'GET', path: '/health', handle: async () => json(200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/v1/openapi.json',
      handle: async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: (document ??= JSON.stringify(openApiDocument)) }),
    },
  ];
}
