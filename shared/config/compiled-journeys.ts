import * as z from 'zod';
import { IsoDateString } from '../domain/dates';
import { EngineError } from '../domain/errors';
import { Journey, Template } from '../domain/journey/schema';
import { DEFAULT_FESTIVALS } from '../domain/calendar/festivals';
import type { LunarCalendar } from '../domain/calendar/lunar-calendar';
import { lunarCalendarFromTable, type LunarDateTable } from '../domain/calendar/lunar-table';
import type { JourneyConfig } from './journey-config';

/**
 * The journeys as a function loads them: the checked output of the YAML (defaults applied),
 * written as JSON at synth and by the local runtime. A Lambda parses this file only, so its bundle
 * carries neither the YAML parser nor the template checks; the YAML is checked where it is read
 * (`npm run validate`, start-up of `npm start`, synth).
 */

/** File name of the compiled journeys inside a function's journeys folder. */
export const COMPILED_JOURNEYS_FILE = 'journeys.json';

export const CompiledJourneys = z.strictObject({
  /** Bumped when the layout changes, so a function never reads a file it does not understand. */
  format: z.literal(1),
  journeys: z.array(Journey),
  templates: z.record(z.string(), Template),
  /**
   * Gregorian dates of the lunar days the journeys use (`lunarYear-month-day` to date), computed
   * at compile time so the functions need not ship the lunar calendar library.
   */
  lunarDates: z.record(z.string(), IsoDateString),
});
export type CompiledJourneys = z.infer<typeof CompiledJourneys>;

/** A compiled file a function cannot use: written by another version, or edited by hand. */
export class CompiledJourneysError extends EngineError {}

/** Journey config read from a compiled file, with the lunar calendar its table answers. */
export interface LoadedJourneyConfig extends JourneyConfig {
  lunarCalendar: LunarCalendar;
}

/** A lunar day a journey refers to, e.g. `{ month: 8, day: 15 }` for Mid-Autumn. */
export interface LunarDay {
  month: number;
  day: number;
}

/** Writes a checked config as the JSON a function loads. Pure; `lunarDates` comes from {@link tabulateLunarDates}. */
export function compileJourneyConfig(config: JourneyConfig, lunarDates: LunarDateTable): CompiledJourneys {
  return {
    format: 1,
    journeys: config.journeys,
    templates: Object.fromEntries([...config.templates].sort(([a], [b]) => a.localeCompare(b))),
    lunarDates: { ...lunarDates },
  };
}

/**
 * Parses a compiled file's content (already `JSON.parse`d) against this code's schemas: a file
 * compiled by another version fails here, at cold start, rather than halfway through a run.
 */
export function readCompiledJourneys(data: unknown, source: string): LoadedJourneyConfig {
  const parsed = CompiledJourneys.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new CompiledJourneysError(`${source} is not a compiled journeys file this version can read: ${problems.join('; ')}`);
  }
  const { journeys, templates, lunarDates } = parsed.data;
  return { journeys, templates: new Map(Object.entries(templates)), lunarCalendar: lunarCalendarFromTable(lunarDates) };
}

/**
 * The same as {@link readCompiledJourneys} for a file written by this build (a function's own
 * deployment package, compiled at synth from the YAML the same code checked; the local runtime's
 * own compile): only the format and the top-level layout are checked, not every journey and
 * template again. Re-parsing 27 journeys with zod cost the dispatch function about 30 ms of every
 * cold start to re-prove what the compile had proved. A file of another format is still refused.
 */
export function readOwnCompiledJourneys(data: unknown, source: string): LoadedJourneyConfig {
  const file = data as Partial<CompiledJourneys> | null;
  const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(file) || file!.format !== 1 || !Array.isArray(file!.journeys) || !isRecord(file!.templates) || !isRecord(file!.lunarDates)) {
    // The full parse names what differs.
    return readCompiledJourneys(data, source);
  }
  const { journeys, templates, lunarDates } = file as CompiledJourneys;
  return { journeys, templates: new Map(Object.entries(templates)), lunarCalendar: lunarCalendarFromTable(lunarDates) };
}

/**
 * The lunar days to tabulate: those of the default festivals and any `{ kind: 'lunar', month, day }`
 * found in the journeys, wherever a trigger keeps it, so a festival added in YAML is covered.
 */
export function lunarDaysUsedBy(journeys: readonly unknown[]): LunarDay[] {
  const found = new Map<string, LunarDay>();
  const add = (month: number, day: number) => found.set(`${month}-${day}`, { month, day });
  for (const festival of Object.values(DEFAULT_FESTIVALS)) if (festival.kind === 'lunar') add(festival.month, festival.day);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (record.kind === 'lunar' && Number.isInteger(record.month) && Number.isInteger(record.day)) add(record.month as number, record.day as number);
    Object.values(record).forEach(visit);
  };
  journeys.forEach(visit);
  return [...found.values()].sort((a, b) => a.month - b.month || a.day - b.day);
}
