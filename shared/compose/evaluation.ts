import { SQSClient } from '@aws-sdk/client-sqs';
import type { EngineEnv } from '../config/env';
import type { LoadedJourneyConfig } from '../config/compiled-journeys';
import { useLunarCalendar } from '../domain/triggers/festival';
import { createDynamoCustomerDirectory } from '../adapters/dynamodb/customer-directory';
import { createDynamoDueIndex } from '../adapters/dynamodb/due-index';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createSqsDispatchQueue } from '../adapters/sqs/dispatch-queue';
import type { EvaluationDeps } from '../use-cases/run-scheduled-evaluation';
import { documentClient } from './common';
import { sdkClientOptions } from './timeouts';

/** Adapters of the scheduled evaluation: DynamoDB (customers, due index, ledger) and the dispatch queue. */
export function composeEvaluation(env: EngineEnv, config: LoadedJourneyConfig): EvaluationDeps {
  // Festival dates come from the table compiled with the journeys, not the lunar library.
  useLunarCalendar(config.lunarCalendar);
  const dynamo = documentClient();
  return {
    journeys: config.journeys,
    customers: createDynamoCustomerDirectory(dynamo, env.TABLE_NAME),
    dueIndex: createDynamoDueIndex(dynamo, env.TABLE_NAME),
    ledger: createDynamoLedger(dynamo, env.TABLE_NAME, { retentionDays: env.LEDGER_RETENTION_DAYS }),
    queue: createSqsDispatchQueue(new SQSClient(sdkClientOptions()), env.DISPATCH_QUEUE_URL),
  };
}
