import type { EngineEnv } from '../config/env';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import { createDynamoTaskStore } from '../adapters/dynamodb/task-store';
import type { Ledger } from '../ports/ledger';
import type { TaskStore } from '../ports/tasks';
import { documentClient } from './common';

/** Adapters of the HTTP API: read access to the ledger and the tasks. */
export function composeApi(env: EngineEnv): { ledger: Ledger; tasks: TaskStore } {
  const dynamo = documentClient();
  return { ledger: createDynamoLedger(dynamo, env.TABLE_NAME), tasks: createDynamoTaskStore(dynamo, env.TABLE_NAME) };
}
