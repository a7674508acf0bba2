import { SQSClient } from '@aws-sdk/client-sqs';
import type { EngineEnv } from '../config/env';
import { createDynamoCustomerErasure } from '../adapters/dynamodb/customer-erasure';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createSqsDispatchQueue } from '../adapters/sqs/dispatch-queue';
import type { ReconcileDeps } from '../use-cases/reconcile-ledger';
import { documentClient } from './common';
import { composeSendCounting } from './send-counting';
import { sdkClientOptions } from './timeouts';

/**
 * Adapters of the reconciler: the ledger, the dispatch queue it re-drives messages onto, and the
 * outcome counters its expiries are counted in (filed under the dealer on the customer's profile).
 */
export function composeReconcile(env: EngineEnv): ReconcileDeps {
  const dynamo = documentClient();
  return {
    ledger: createDynamoLedger(dynamo, env.TABLE_NAME, { retentionDays: env.LEDGER_RETENTION_DAYS }),
    queue: createSqsDispatchQueue(new SQSClient(sdkClientOptions()), env.DISPATCH_QUEUE_URL),
    counting: { ...composeSendCounting(dynamo, env.TABLE_NAME), customers: createDynamoCustomerErasure(dynamo, env.TABLE_NAME) },
  };
}
