/**
 * The OpenAPI 3.1 document of the dealer API, generated from the same zod schemas the handler
 * validates with (`z.toJSONSchema`), never written by hand. `docs/openapi.json` is this output,
 * committed and checked for drift by a test; `GET /v1/openapi.json` serves it.
 */
import * as z from 'zod';
import { Channel, Customer } from '../domain/customer';
import { DealerEvent } from '../domain/events/event';
import { Complaint, ServiceVisit } from '../domain/service-history';
import { Vehicle } from '../domain/vehicle/vehicle';
import { Task } from '../domain/task';
import { SendStatus, type SendRecord } from '../ports/ledger';
import { ConsentRequest } from '../use-cases/change-consent';
import { ListMessagesQuery } from '../use-cases/list-messages';
import { ListTasksQuery } from '../use-cases/list-tasks';
import { EventBatch, maxEventsPerRequest } from '../use-cases/receive-events';

const FieldError = z.object({ path: z.string(), message: z.string() });
const EventResult = z.object({ id: z.string().nullable(), status: z.enum(['accepted', 'duplicate', 'rejected']), errors: z.array(FieldError).optional() });
const EventResults = z.object({ results: z.array(EventResult) });
const CustomerView = z.object({ customer: Customer, vehicles: z.array(Vehicle), visits: z.array(ServiceVisit), complaints: z.array(Complaint) });
const MessageView = z.object({
  customerId: z.string(),
  journeyId: z.string(),
  occurrenceKey: z.string(),
  messageId: z.string(),
  channel: Channel,
  status: z.enum(SendStatus),
  updatedAt: z.string(),
  leaseUntil: z.string().optional(),
  providerMessageId: z.string().optional(),
  location: z.string().optional(),
  reason: z.string().optional(),
});
// The route answers SendRecords: this fails to compile when the two part.
const describesSendRecord = (record: SendRecord): z.input<typeof MessageView> => record;
void describesSendRecord;
const nextCursor = z.string().optional().meta({ description: 'Present when more may follow: pass it as `cursor` for the next page.' });
const MessagePage = z.object({ customerId: z.string(), messages: z.array(MessageView), nextCursor });
const TaskPage = z.object({ status: Task.shape.status, tasks: z.array(Task), nextCursor });
const ConsentAnswer = z.object({
  customerId: z.string(),
  channels: z.array(z.object({ channel: Channel.exclude(['task']), status: z.enum(['accepted', 'duplicate']) })),
});
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
const customerIdParameter = { name: 'customerId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } };
/** Query parameters from the zod schema of a route's query, one per property. */
function queryParameters(type: z.ZodObject): unknown[] {
  const generated = schema(type, 'input') as { properties: Record<string, unknown>; required?: string[] };
  return Object.entries(generated.properties).map(([name, property]) => ({ name, in: 'query', required: generated.required?.includes(name) ?? false, schema: property }));
}
/** What every keyed route may answer besides its own: no key, too fast, a bad path id or query. */
const keyed = {
  401: problem('Missing or bad key'),
  429: { ...problem('Past the per-key rate limit'), headers: { 'Retry-After': { description: 'Seconds until a request would pass', schema: { type: 'integer', minimum: 1 } } } },
};
const badRequest = problem('Invalid path, query or body: `errors` lists each field (`path.customerId`, `query.limit`, `body.email.at`)');
const notFound = problem('No such customer for this key (the same for another tenant\'s customer)');

function schemas(): Record<string, unknown> {
  const named = {
    DealerEvent: schema(DealerEvent, 'input'),
    EventBatch: { ...schema(EventBatch, 'input'), properties: { events: { type: 'array', minItems: 1, maxItems: maxEventsPerRequest, items: { $ref: '#/components/schemas/DealerEvent' } } } },
    EventResults: schema(EventResults, 'output'),
    Customer: schema(CustomerView, 'output'),
    MessagePage: schema(MessagePage, 'output'),
    TaskPage: schema(TaskPage, 'output'),
    ConsentRequest: schema(ConsentRequest, 'input'),
    ConsentAnswer: schema(ConsentAnswer, 'output'),
    Problem: schema(Problem, 'output'),
  };
  return { ...hoisted, ...named };
}

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dealer journeys API',
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
            ...keyed,
            413: problem('Over 512 KB'),
            415: problem('Not application/json'),
          },
        },
      },
      '/v1/customers/{customerId}': {
        get: {
          summary: 'The customer as the engine sees them',
          security: bearer,
          parameters: [customerIdParameter],
          responses: { 200: { description: 'The customer', content: json('Customer') }, 400: badRequest, ...keyed, 404: notFound },
        },
        delete: {
          summary: 'Erase the customer: every item about them removed, held sends cancelled, a tombstone left so no event or import brings them back',
          security: bearer,
          parameters: [customerIdParameter],
          responses: { 204: { description: 'Erased (the same answer when asked again)' }, 400: badRequest, ...keyed, 404: notFound },
        },
      },
      '/v1/customers/{customerId}/messages': {
        get: {
          summary: "The customer's messages (sends and their outcomes), a page at a time",
          security: bearer,
          parameters: [customerIdParameter, ...queryParameters(ListMessagesQuery)],
          responses: { 200: { description: 'One page', content: json('MessagePage') }, 400: badRequest, ...keyed, 404: notFound },
        },
      },
      '/v1/customers/{customerId}/consent': {
        put: {
          summary: 'Change consent per channel, with source and time: a change older than the one stored is kept out (applied shortly after, through the events queue)',
          security: bearer,
          parameters: [customerIdParameter],
          requestBody: { required: true, content: json('ConsentRequest') },
          responses: {
            202: { description: 'Each channel accepted (or a duplicate of an earlier request)', content: json('ConsentAnswer') },
            400: badRequest,
            ...keyed,
            404: notFound,
            413: problem('Over 16 KB'),
            415: problem('Not application/json'),
          },
        },
      },
      '/v1/tasks': {
        get: {
          summary: "The caller's tasks of one status (a dealer key its own, a brand key its dealers'), a page at a time",
          security: bearer,
          parameters: queryParameters(ListTasksQuery),
          responses: { 200: { description: 'One page', content: json('TaskPage') }, 400: badRequest, ...keyed },
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
