import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lunarJavascriptCalendar } from '../domain/calendar/lunar-javascript-calendar';
import { LUNAR_YEARS } from '../domain/calendar/lunar-calendar';
import { tabulateLunarDates } from '../domain/calendar/lunar-table';
import { compileJourneyConfig, lunarDaysUsedBy, type CompiledJourneys } from './compiled-journeys';
import { checkJourneyConfig, type ConfigFile } from './journey-config';
import { JourneyConfigError } from './load-journeys';

/** Years tabulated around the compile date: festivals are planned ahead, never decades back. */
export const LUNAR_YEARS_BEFORE = 1;
export const LUNAR_YEARS_AFTER = 15;

function readYamlFilesSync(folder: string, shownFrom: string): ConfigFile[] {
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ path: relative(shownFrom, join(folder, name)) || name, text: readFileSync(join(folder, name), 'utf8') }));
}

/**
 * Checks a journeys folder exactly as `npm run validate` does and returns what a function loads.
 * Synchronous, because CDK constructs are built synchronously at synth. Throws a
 * {@link JourneyConfigError} listing every violation.
 *
 * @example writeFileSync('journeys.json', JSON.stringify(compileJourneysFolder('journeys', { year: 2026 })))
 */
export function compileJourneysFolder(journeysDir: string, { year }: { year: number }): CompiledJourneys {
  const shownFrom = join(journeysDir, '..');
  const result = checkJourneyConfig(readYamlFilesSync(journeysDir, shownFrom), readYamlFilesSync(join(journeysDir, 'templates'), shownFrom));
  if (!result.ok) throw new JourneyConfigError(result.violations);
  const firstYear = Math.max(LUNAR_YEARS.first, year - LUNAR_YEARS_BEFORE);
  const lastYear = Math.min(LUNAR_YEARS.last, year + LUNAR_YEARS_AFTER);
  const lunarDates = tabulateLunarDates(lunarJavascriptCalendar, lunarDaysUsedBy(result.config.journeys), firstYear, lastYear);
  return compileJourneyConfig(result.config, lunarDates);
}
