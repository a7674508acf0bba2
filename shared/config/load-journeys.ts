import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EngineError } from '../domain/errors';
import { checkJourneyConfig, formatViolation, type ConfigFile, type ConfigViolation, type JourneyConfig } from './journey-config';

export class JourneyConfigError extends EngineError {
  constructor(readonly violations: ConfigViolation[]) {
    super(`Invalid journey config:\n${violations.map(formatViolation).join('\n')}`);
  }
}

async function readYamlFiles(folder: string, shownFrom: string): Promise<ConfigFile[]> {
  const names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({
      path: relative(shownFrom, join(folder, name)) || name,
      text: await readFile(join(folder, name), 'utf8'),
    })),
  );
}

/**
 * Reads `*.yaml` journeys and `templates/*.yaml` from a journeys folder and checks them; throws
 * a {@link JourneyConfigError} listing every violation with file, line and field.
 */
export async function loadJourneyConfig(journeysDir: string): Promise<JourneyConfig> {
  const shownFrom = join(journeysDir, '..');
  const [journeyFiles, templateFiles] = await Promise.all([
    readYamlFiles(journeysDir, shownFrom),
    readYamlFiles(join(journeysDir, 'templates'), shownFrom),
  ]);
  const result = checkJourneyConfig(journeyFiles, templateFiles);
  if (!result.ok) throw new JourneyConfigError(result.violations);
  return result.config;
}
