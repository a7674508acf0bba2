import { ScanCommand } from '../../shared/adapters/dynamodb/document-client';
import { createDynamoApiKeyStore } from '../../shared/adapters/dynamodb/api-key-store';
import type { Tenant } from '../../shared/domain/tenant';
import { createApiKey } from '../../shared/use-cases/api-keys';
import { drainQueue } from '../../local/run-day';
import { startApiServer } from '../../local/api-server';
import { httpApiEvent, lambdaContext } from '../../local/lambda-events';
import type { LocalEngine } from '../../local/local-engine';
import { createDynamoCustomerErasure } from '../../shared/adapters/dynamodb/customer-erasure';
import { createDynamoCustomerEventStore } from '../../shared/adapters/dynamodb/customer-event-store';
import { createDynamoDealerLookup } from '../../shared/adapters/dynamodb/dealer-lookup';
import { createDynamoDueIndex } from '../../shared/adapters/dynamodb/due-index';
import { createDynamoLedger } from '../../shared/adapters/dynamodb/ledger';
import { createDynamoMessageSchedule } from '../../shared/adapters/dynamodb/message-schedule';
import { createDynamoWaitingOccurrences } from '../../shared/adapters/dynamodb/waiting-occurrences';
import { createSqsDispatchQueue } from '../../shared/adapters/sqs/dispatch-queue';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { MessageSchedule } from '../../shared/ports/message-schedule';
import type { ApplyQueuedEventsDeps } from '../../shared/use-cases/apply-queued-events';

/** The engine's API on a free loopback port, as `npm start` serves it. */
export async function startTestApi(engine: LocalEngine): Promise<{ url: string; close(): Promise<void> }> {
  const { server, url } = await startApiServer(engine.handlers.api, 0);
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function aKey(engine: LocalEngine, tenant: Tenant): Promise<string> {
  return (await createApiKey(tenant, new Date(), createDynamoApiKeyStore(engine.dynamo, engine.tableName))).key;
}

/** Runs the event consumer over everything on the events queue, as Lambda's poller would. */
export const applyQueuedEvents = (engine: LocalEngine) => drainQueue(engine.sqs, engine.eventsQueueUrl, engine.handlers.applyEvents);

export async function postEvents(url: string, key: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> & { results: { id: string | null; status: string; errors?: { path: string; message: string }[] }[] } };
}

export async function getCustomer(url: string, key: string | undefined, customerId: string) {
  const response = await fetch(`${url}/v1/customers/${customerId}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Every item in the table, keys only: to show a request stored nothing. */
export async function allItemKeys(engine: LocalEngine): Promise<string[]> {
  const result = await engine.dynamo.send(new ScanCommand({ TableName: engine.tableName, ProjectionExpression: 'PK, SK' }));
  return (result.Items ?? []).map((item) => `${String(item.PK)}|${String(item.SK)}`).sort();
}

/** Any API request over HTTP with a key: status, content type, headers and the JSON body (if any). */
export async function callApi(url: string, key: string | undefined, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  // Tests read whichever answer the route gives and assert its shape themselves.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, contentType: response.headers.get('content-type'), headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}

/** Calls the API handler directly (no HTTP), as API Gateway would, with a Bearer key. */
export async function invokeApi(engine: LocalEngine, key: string | undefined, method: string, path: string, query = '') {
  const result = (await engine.handlers.api(
    httpApiEvent({ method, path, query, headers: key ? { authorization: `Bearer ${key}` } : {}, sourceIp: '127.0.0.1' }),
    lambdaContext('engine-api'),
  )) as { statusCode: number; headers: Record<string, string>; body: string };
  return { statusCode: result.statusCode, status: result.statusCode, contentType: result.headers['content-type'], headers: result.headers, body: result.body ? JSON.parse(result.body) : undefined };
}

/**
 * The event consumer's adapters on the engine's local servers, as the apply-events function
 * composes them, with its journeys; `schedule` replaces the DynamoDB held-message store.
 */
export async function localEventConsumerDeps(engine: LocalEngine, { schedule }: { schedule?: MessageSchedule } = {}): Promise<ApplyQueuedEventsDeps> {
  const { journeys } = await loadJourneyConfig(process.env.JOURNEYS_DIR!);
  return {
    store: createDynamoCustomerEventStore(engine.dynamo, engine.tableName),
    dealers: createDynamoDealerLookup(engine.dynamo, engine.tableName),
    tombstones: createDynamoCustomerErasure(engine.dynamo, engine.tableName),
    dueDates: { journeys, dueIndex: createDynamoDueIndex(engine.dynamo, engine.tableName) },
    eventJourneys: {
      journeys,
      ledger: createDynamoLedger(engine.dynamo, engine.tableName),
      queue: createSqsDispatchQueue(engine.sqs, engine.queueUrl),
      schedule: schedule ?? createDynamoMessageSchedule(engine.dynamo, engine.tableName),
      waiting: createDynamoWaitingOccurrences(engine.dynamo, engine.tableName),
    },
  };
}
