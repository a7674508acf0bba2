import type { EngineEnv } from '../config/env';
import type { LoadedJourneyConfig } from '../config/compiled-journeys';
import { useLunarCalendar } from '../domain/triggers/festival';
import { createDynamoCustomerListing } from '../adapters/dynamodb/customer-listing';
import { createDynamoDueIndex } from '../adapters/dynamodb/due-index';
import { createDynamoDueIndexState } from '../adapters/dynamodb/due-index-state';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createSqsDispatchQueue } from '../adapters/sqs/dispatch-queue';
import type { ScheduledTickDeps } from '../use-cases/scheduled-tick';
import { lazySqsClient } from '../adapters/sqs/lazy-client';
import { documentClient } from './common';
import { sdkClientOptions } from './timeouts';

/** Adapters of the scheduled evaluation: DynamoDB (due index and its state, the customer listing for its recompute, ledger) and the dispatch queue. */
export function composeEvaluation(env: EngineEnv, config: LoadedJourneyConfig): ScheduledTickDeps {
  // Festival dates come from the table compiled with the journeys, not the lunar library.
  useLunarCalendar(config.lunarCalendar);
  const dynamo = documentClient();
  return {
    journeys: config.journeys,
    dueIndex: createDynamoDueIndex(dynamo, env.TABLE_NAME),
    dueIndexState: createDynamoDueIndexState(dynamo, env.TABLE_NAME),
    customerListing: createDynamoCustomerListing(dynamo, env.TABLE_NAME),
    ledger: createDynamoLedger(dynamo, env.TABLE_NAME, { retentionDays: env.LEDGER_RETENTION_DAYS }),
    queue: createSqsDispatchQueue(lazySqsClient(sdkClientOptions()), env.DISPATCH_QUEUE_URL),
  };
}
