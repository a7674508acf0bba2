/** Routes without a key: liveness and the OpenAPI document (neither reads data). */
import { openApiDocument } from '../../../shared/api/openapi';
import { json, type Route } from '../http';

export function documentRoutes(): Route[] {
  const document = JSON.stringify(openApiDocument());
  return [
    { method: 'GET', path: '/health', handle: async () => json(200, { status: 'ok' }) },
    { method: 'GET', path: '/v1/openapi.json', handle: async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: document }) },
  ];
}
