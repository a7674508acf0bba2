import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineEnv } from '../config/env';
import { COMPILED_JOURNEYS_FILE, CompiledJourneysError, readOwnCompiledJourneys, type LoadedJourneyConfig } from '../config/compiled-journeys';
import { journeysDirOf } from './common';

/** Only the journeys' variables: the console's own environment has them too. */
type JourneysEnv = Pick<EngineEnv, 'JOURNEYS_DIR' | 'JOURNEYS_FILE'>;

export function compiledJourneysFileOf(env: JourneysEnv): string {
  return env.JOURNEYS_FILE ?? join(journeysDirOf(env), COMPILED_JOURNEYS_FILE);
}

/**
 * Loads the compiled journeys (JSON checked at compile time, see `scripts/compile-journeys.ts`),
 * never the YAML: the YAML parser and the template checks stay out of the function bundles and
 * out of their cold start. The file is this build's own output, so only its format is checked
 * (see `readOwnCompiledJourneys`). A module apart from `common.ts` so functions that read no journeys
 * (the API) do not bundle the journey schemas and build them at load.
 */
export async function loadJourneys(env: JourneysEnv): Promise<LoadedJourneyConfig> {
  const file = compiledJourneysFileOf(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CompiledJourneysError(`no compiled journeys at ${file}: compile the YAML with \`npx tsx scripts/compile-journeys.ts\``, { cause: error });
  }
  return readOwnCompiledJourneys(JSON.parse(text) as unknown, file);
}
