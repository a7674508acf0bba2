import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EngineEnv } from '../config/env';
import { COMPILED_JOURNEYS_FILE, CompiledJourneysError, readCompiledJourneys, type LoadedJourneyConfig } from '../config/compiled-journeys';
import { sdkClientOptions } from './timeouts';

/**
 * The composition root, one module per function so each bundle carries only its own adapters
 * (the evaluation and the API never load the PDF renderer). Handlers call these once at cold
 * start; the local runtime reaches the same code through the handlers, with only endpoints and
 * the SMS and print sinks changed by environment.
 */
export function journeysDirOf(env: EngineEnv): string {
  return env.JOURNEYS_DIR ?? join(process.cwd(), 'journeys');
}

export function compiledJourneysFileOf(env: EngineEnv): string {
  return env.JOURNEYS_FILE ?? join(journeysDirOf(env), COMPILED_JOURNEYS_FILE);
}

/**
 * Loads the compiled journeys (JSON checked at compile time, see `scripts/compile-journeys.ts`),
 * never the YAML: the YAML parser and the template checks stay out of the function bundles and
 * out of their cold start.
 */
export async function loadJourneys(env: EngineEnv): Promise<LoadedJourneyConfig> {
  const file = compiledJourneysFileOf(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CompiledJourneysError(`no compiled journeys at ${file}: compile the YAML with \`npx tsx scripts/compile-journeys.ts\``, { cause: error });
  }
  return readCompiledJourneys(JSON.parse(text) as unknown, file);
}

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(sdkClientOptions()), { marshallOptions: { removeUndefinedValues: true } });
}
