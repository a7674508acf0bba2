import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openApiDocument, openApiPath, openApiText } from '../../shared/api/openapi';
import { eventTypes } from '../../shared/domain/events/event';
import type { ApiDeps } from '../../shared/compose/api';
import type { RouteContext } from '../../functions/engine-api/routes/context';
import { customerRoutes } from '../../functions/engine-api/routes/customers';
import { documentRoutes } from '../../functions/engine-api/routes/documents';
import { eventRoutes } from '../../functions/engine-api/routes/events';
import { taskRoutes } from '../../functions/engine-api/routes/tasks';

type Operation = { security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> };

describe('the OpenAPI document', () => {
  it('is committed as generated from the zod schemas (run `npm run schemas` after changing them)', async () => {
    expect(await readFile(openApiPath, 'utf8')).toBe(openApiText());
  });

  it('describes every v1 event type and the dealer routes', () => {
    const document = openApiDocument() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { oneOf?: { $ref: string }[]; properties?: { type: { const: string } } }> } };
    const variants = document.components.schemas.DealerEvent!.oneOf!.map(({ $ref }) => document.components.schemas[$ref.replace('#/components/schemas/', '')]!);

    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/events', '/v1/customers/{customerId}', '/v1/openapi.json', '/health']));
    expect(variants.map((variant) => variant.properties!.type.const).sort()).toEqual([...eventTypes].sort());
  });

  it("describes every route the handler serves, each keyed one with its 401 and 429, every 4xx as problem+json", () => {
    // Route tables only: nothing is called.
    const context: RouteContext = { deps: {} as ApiDeps, authenticate: async () => ({ kind: 'dealer', dealerId: 'd' }), now: () => new Date() };
    const routes = [...documentRoutes(), ...eventRoutes(context), ...customerRoutes(context), ...taskRoutes(context)];
    const paths = (openApiDocument() as { paths: Record<string, Record<string, Operation>> }).paths;

    for (const { method, path } of routes) {
      const operation = paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${path}`).toBeDefined();
      if (operation!.security?.length) expect(Object.keys(operation!.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429']));
      for (const [status, response] of Object.entries(operation!.responses).filter(([status]) => status.startsWith('4'))) {
        expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
      }
    }
    const served = new Set(routes.map(({ method, path }) => `${method.toLowerCase()} ${path}`));
    expect(Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`)).filter((key) => !served.has(key))).toEqual([]);
  });
});
