import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EngineEnv } from '../config/env';
import { sdkClientOptions } from './timeouts';

/**
 * The composition root, one module per function so each bundle carries only its own adapters
 * (the evaluation and the API never load the PDF renderer). Handlers call these once at cold
 * start; the local runtime reaches the same code through the handlers, with only endpoints and
 * the SMS and print sinks changed by environment.
 */
export function journeysDirOf(env: Pick<EngineEnv, 'JOURNEYS_DIR'>): string {
  return env.JOURNEYS_DIR ?? join(process.cwd(), 'journeys');
}

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(sdkClientOptions()), { marshallOptions: { removeUndefinedValues: true } });
}
