import { SQSClient } from '@aws-sdk/client-sqs';
import { ConfigurationError, type EngineEnv } from '../config/env';
import { createDynamoApiKeyStore } from '../adapters/dynamodb/api-key-store';
import { createDynamoCustomerEventStore } from '../adapters/dynamodb/customer-event-store';
import { createDynamoDealerLookup } from '../adapters/dynamodb/dealer-lookup';
import { createDynamoEventIntake } from '../adapters/dynamodb/event-intake';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createDynamoTaskStore } from '../adapters/dynamodb/task-store';
import { createSqsEventQueue } from '../adapters/sqs/event-queue';
import type { ApiKeyStore } from '../ports/api-keys';
import type { CustomerEventStore, DealerLookup, EventIntake, EventQueue } from '../ports/events';
import type { Ledger } from '../ports/ledger';
import type { TaskStore } from '../ports/tasks';
import { documentClient } from './common';
import { sdkClientOptions } from './timeouts';

export interface ApiDeps {
  ledger: Ledger;
  tasks: TaskStore;
  keys: ApiKeyStore;
  intake: EventIntake;
  queue: EventQueue;
  dealers: DealerLookup;
  store: CustomerEventStore;
}

/** Adapters of the HTTP API: the ledger and tasks (read), keys, event intake and queue, customers. */
export function composeApi(env: EngineEnv): ApiDeps {
  if (!env.EVENTS_QUEUE_URL) throw new ConfigurationError('Invalid engine environment: EVENTS_QUEUE_URL is required by the API');
  const dynamo = documentClient();
  return {
    ledger: createDynamoLedger(dynamo, env.TABLE_NAME),
    tasks: createDynamoTaskStore(dynamo, env.TABLE_NAME),
    keys: createDynamoApiKeyStore(dynamo, env.TABLE_NAME),
    intake: createDynamoEventIntake(dynamo, env.TABLE_NAME),
    queue: createSqsEventQueue(new SQSClient(sdkClientOptions()), env.EVENTS_QUEUE_URL),
    dealers: createDynamoDealerLookup(dynamo, env.TABLE_NAME),
    store: createDynamoCustomerEventStore(dynamo, env.TABLE_NAME),
  };
}
