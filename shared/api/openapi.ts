/**
 * The OpenAPI 3.1 document of the dealer API, generated from the same zod schemas the handler
 * validates with (`z.toJSONSchema`), never written by hand. `docs/openapi.json` is this output,
 * committed and checked for drift by a test; `GET /v1/openapi.json` serves it.
 */
import * as z from 'zod';
import { Customer } from '../domain/customer';
import { DealerEvent } from '../domain/events/event';
import { Complaint, ServiceVisit } from '../domain/service-history';
import { Vehicle } from '../domain/vehicle/vehicle';
import { EventBatch, maxEventsPerRequest } from '../use-cases/receive-events';

const FieldError = z.object({ path: z.string(), message: z.string() });
const EventResult = z.object({ id: z.string().nullable(), status: z.enum(['accepted', 'duplicate', 'rejected']), errors: z.array(FieldError).optional() });
const EventResults = z.object({ results: z.array(EventResult) });
const CustomerView = z.object({ customer: Customer, vehicles: z.array(Vehicle), visits: z.array(ServiceVisit), complaints: z.array(Complaint) });
const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

// Named schemas (`.meta({ id })`) come back in `$defs`; OpenAPI resolves `$ref`s from the
// document root, so they move to components and their references follow.
const hoisted: Record<string, unknown> = {};
const schema = (type: z.ZodType, io: 'input' | 'output') => {
  const generated = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _ignored, $defs, ...rest } = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
  Object.assign(hoisted, $defs ?? {});
  return rest;
};
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const bearer = [{ apiKey: [] }];

function schemas(): Record<string, unknown> {
  const named = {
    DealerEvent: schema(DealerEvent, 'input'),
    EventBatch: { ...schema(EventBatch, 'input'), properties: { events: { type: 'array', minItems: 1, maxItems: maxEventsPerRequest, items: { $ref: '#/components/schemas/DealerEvent' } } } },
    EventResults: schema(EventResults, 'output'),
    Customer: schema(CustomerView, 'output'),
    Problem: schema(Problem, 'output'),
  };
  return { ...hoisted, ...named };
}

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dealer journeys event API',
      version: '1.0.0',
      description: 'Dealer systems tell the engine what happened. Authenticate with `Authorization: Bearer <key>` (`npm run keys -- create --dealer <id>`).',
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A dealer or brand key: djk_<keyId>_<secret>' } },
      schemas: schemas(),
    },
    paths: {
      '/health': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'The API is up' } } } },
      '/v1/events': {
        post: {
          summary: 'Post one event or a batch of up to 100 (512 KB)',
          security: bearer,
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/DealerEvent' }, { $ref: '#/components/schemas/EventBatch' }] } } } },
          responses: {
            202: { description: 'A result per event, in order; accepted events are durably queued', content: json('EventResults') },
            400: problem('Not JSON, or neither an event nor {"events": [...]}'),
            401: problem('Missing or bad key'),
            413: problem('Over 512 KB'),
            415: problem('Not application/json'),
          },
        },
      },
      '/v1/customers/{customerId}': {
        get: {
          summary: 'The customer as the engine sees them',
          security: bearer,
          parameters: [{ name: 'customerId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } }],
          responses: { 200: { description: 'The customer', content: json('Customer') }, 401: problem('Missing or bad key'), 404: problem('No such customer for this key') },
        },
      },
      '/v1/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}

/** Where the committed copy lives (`npm run schemas` writes it; a test fails when it drifts). */
export const openApiPath = 'docs/openapi.json';

/** The document as committed: two-space JSON with a final newline. */
export const openApiText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
