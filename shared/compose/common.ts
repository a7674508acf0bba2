import { join } from 'node:path';
import { DynamoDBDocumentClient } from '../adapters/dynamodb/document-client';
import type { EngineEnv } from '../config/env';

/**
 * The composition root, one module per function so each bundle carries only its own adapters
 * (the evaluation and the API never load the PDF renderer). Handlers call these once at cold
 * start; the local runtime reaches the same code through the handlers, with only endpoints and
 * the SMS and print sinks changed by environment.
 */
export function journeysDirOf(env: Pick<EngineEnv, 'JOURNEYS_DIR'>): string {
  return env.JOURNEYS_DIR ?? join(process.cwd(), 'journeys');
}

/**
 * The DynamoDB client every function uses: region, endpoint and credentials from the environment
 * Lambda (or the local runtime) sets, the timeouts and retries of ./timeouts.ts.
 */
export function documentClient(): DynamoDBDocumentClient {
  return new DynamoDBDocumentClient();
}
