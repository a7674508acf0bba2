import { SQSClient } from '@aws-sdk/client-sqs';
import type { EngineEnv } from '../config/env';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createSqsDispatchQueue } from '../adapters/sqs/dispatch-queue';
import type { ReconcileDeps } from '../use-cases/reconcile-ledger';
import { documentClient } from './common';
import { sdkClientOptions } from './timeouts';

/** Adapters of the reconciler: the ledger and the dispatch queue it re-drives messages onto. */
export function composeReconcile(env: EngineEnv): ReconcileDeps {
  return {
    ledger: createDynamoLedger(documentClient(), env.TABLE_NAME, { retentionDays: env.LEDGER_RETENTION_DAYS }),
    queue: createSqsDispatchQueue(new SQSClient(sdkClientOptions()), env.DISPATCH_QUEUE_URL),
  };
}
