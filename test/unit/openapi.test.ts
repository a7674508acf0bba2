import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openApiDocument, openApiPath, openApiText } from '../../shared/api/openapi';
import { eventTypes } from '../../shared/domain/events/event';

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
});
