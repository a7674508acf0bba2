import { ConfigurationError, type EngineEnv } from '../config/env';
import { createDynamoApiKeyStore } from '../adapters/dynamodb/api-key-store';
import { createDynamoBrandDealers } from '../adapters/dynamodb/brand-dealers';
import { createDynamoCustomerErasure } from '../adapters/dynamodb/customer-erasure';
import { createDynamoCustomerEventStore } from '../adapters/dynamodb/customer-event-store';
import { createDynamoDealerLookup } from '../adapters/dynamodb/dealer-lookup';
import { createDynamoEventIntake } from '../adapters/dynamodb/event-intake';
import { createDynamoMessageHistory } from '../adapters/dynamodb/message-history';
import { createDynamoMessageSchedule } from '../adapters/dynamodb/message-schedule';
import { createDynamoTaskStore } from '../adapters/dynamodb/task-store';
import { createSqsEventQueue } from '../adapters/sqs/event-queue';
import type { ApiKeyStore } from '../ports/api-keys';
import type { CustomerErasure, Tombstones } from '../ports/erasure';
import type { CustomerEventStore, DealerLookup, EventIntake, EventQueue } from '../ports/events';
import type { MessageHistory } from '../ports/message-history';
import type { MessageSchedule } from '../ports/message-schedule';
import type { BrandDealers, TaskStore } from '../ports/tasks';
import { lazySqsClient } from '../adapters/sqs/lazy-client';
import { documentClient } from './common';
import { sdkClientOptions } from './timeouts';

export interface ApiDeps {
  /** The same adapter as `erasure`, as what the event intake reads. */
  tombstones: Tombstones;
  history: MessageHistory;
  tasks: TaskStore;
  brandDealers: BrandDealers;
  keys: ApiKeyStore;
  intake: EventIntake;
  queue: EventQueue;
  dealers: DealerLookup;
  store: CustomerEventStore;
  erasure: CustomerErasure;
  /** Held messages, cancelled by an erasure (see `eraseCustomer`). */
  schedule?: MessageSchedule;
}

/** Adapters of the HTTP API: keys, event intake and queue, customers, their messages and erasure, tasks. */
export function composeApi(env: EngineEnv): ApiDeps {
  if (!env.EVENTS_QUEUE_URL) throw new ConfigurationError('Invalid engine environment: EVENTS_QUEUE_URL is required by the API');
  const dynamo = documentClient();
  const erasure = createDynamoCustomerErasure(dynamo, env.TABLE_NAME);
  return {
    tombstones: erasure,
    history: createDynamoMessageHistory(dynamo, env.TABLE_NAME),
    tasks: createDynamoTaskStore(dynamo, env.TABLE_NAME),
    brandDealers: createDynamoBrandDealers(dynamo, env.TABLE_NAME),
    keys: createDynamoApiKeyStore(dynamo, env.TABLE_NAME),
    intake: createDynamoEventIntake(dynamo, env.TABLE_NAME),
    queue: createSqsEventQueue(lazySqsClient(sdkClientOptions()), env.EVENTS_QUEUE_URL),
    dealers: createDynamoDealerLookup(dynamo, env.TABLE_NAME),
    store: createDynamoCustomerEventStore(dynamo, env.TABLE_NAME),
    erasure,
    schedule: createDynamoMessageSchedule(dynamo, env.TABLE_NAME),
  };
}
