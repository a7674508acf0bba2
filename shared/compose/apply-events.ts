import type { EngineEnv } from '../config/env';
import type { JourneyConfig } from '../config/journey-config';
import { createDynamoCustomerErasure } from '../adapters/dynamodb/customer-erasure';
import { createDynamoCustomerEventStore } from '../adapters/dynamodb/customer-event-store';
import { createDynamoDealerLookup } from '../adapters/dynamodb/dealer-lookup';
import { createDynamoDueIndex } from '../adapters/dynamodb/due-index';
import type { ApplyQueuedEventsDeps } from '../use-cases/apply-queued-events';
import { documentClient } from './common';

/** Adapters of the event consumer: customers with their event state, dealers, tombstones, the due index. */
export function composeApplyEvents(env: EngineEnv, config: JourneyConfig): ApplyQueuedEventsDeps {
  const dynamo = documentClient();
  return {
    store: createDynamoCustomerEventStore(dynamo, env.TABLE_NAME),
    dealers: createDynamoDealerLookup(dynamo, env.TABLE_NAME),
    tombstones: createDynamoCustomerErasure(dynamo, env.TABLE_NAME),
    dueDates: { journeys: config.journeys, dueIndex: createDynamoDueIndex(dynamo, env.TABLE_NAME) },
  };
}
