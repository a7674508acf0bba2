import type { EngineEnv } from '../config/env';
import { createDynamoLedger } from '../adapters/dynamodb/ledger';
import type { Ledger } from '../ports/ledger';
import { documentClient } from './common';

/** Adapters of the HTTP API: read access to the ledger. */
export function composeApi(env: EngineEnv): { ledger: Ledger } {
  return { ledger: createDynamoLedger(documentClient(), env.TABLE_NAME) };
}
