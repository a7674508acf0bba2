import { SQSClient } from '@aws-sdk/client-sqs';
import type { EngineEnv } from '../config/env';
import type { JourneyConfig } from '../config/journey-config';
import { createDynamoCustomerErasure } from '../adapters/dynamodb/customer-erasure';
import { createDynamoCustomerEventStore } from '../adapters/dynamodb/customer-event-store';
import { createDynamoDealerLookup } from '../adapters/dynamodb/dealer-lookup';
import { createDynamoDueIndex } from '../adapters/dynamodb/due-index';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createDynamoMessageSchedule } from '../adapters/dynamodb/message-schedule';
import { createSqsDispatchQueue } from '../adapters/sqs/dispatch-queue';
import { createDynamoWaitingOccurrences } from '../adapters/dynamodb/waiting-occurrences';
import type { ApplyQueuedEventsDeps } from '../use-cases/apply-queued-events';
import { documentClient } from './common';
import { sdkClientOptions } from './timeouts';

/**
 * Adapters of the event consumer: customers with their event state, dealers, tombstones, the due
 * index, and for the journeys events start, the ledger, the dispatch queue, the held-message
 * schedule and the occurrences waiting for someone to become a customer.
 */
export function composeApplyEvents(env: EngineEnv, config: JourneyConfig): ApplyQueuedEventsDeps {
  const dynamo = documentClient();
  return {
    store: createDynamoCustomerEventStore(dynamo, env.TABLE_NAME),
    dealers: createDynamoDealerLookup(dynamo, env.TABLE_NAME),
    tombstones: createDynamoCustomerErasure(dynamo, env.TABLE_NAME),
    dueDates: { journeys: config.journeys, dueIndex: createDynamoDueIndex(dynamo, env.TABLE_NAME) },
    eventJourneys: {
      journeys: config.journeys,
      ledger: createDynamoLedger(dynamo, env.TABLE_NAME, { retentionDays: env.LEDGER_RETENTION_DAYS }),
      queue: createSqsDispatchQueue(new SQSClient(sdkClientOptions()), env.DISPATCH_QUEUE_URL),
      schedule: createDynamoMessageSchedule(dynamo, env.TABLE_NAME),
      waiting: createDynamoWaitingOccurrences(dynamo, env.TABLE_NAME),
    },
  };
}
