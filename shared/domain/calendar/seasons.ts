import * as z from 'zod';
import type { IsoDate } from '../dates';
import { dateOfMonthDay, MonthDay } from './month-day';
import type { Hemisphere } from './regions';

/**
 * When a seasonal campaign starts in each hemisphere, as month-day data a marketer can override
 * in YAML.
 *
 * @example SeasonDefinition.parse({ north: { month: 11, day: 1 }, south: { month: 6, day: 1 } })
 */
export const SeasonDefinition = z.strictObject({ north: MonthDay, south: MonthDay });
export type SeasonDefinition = z.infer<typeof SeasonDefinition>;

/**
 * Default start dates. The south is not simply the north shifted six months: winter check in the
 * north a month before winter (tyres and antifreeze before the first frost); in the south at the
 * start of winter, in June, where winters are milder (Sydney, Auckland, Buenos Aires) and dealers
 * run winter campaigns then. Spring refresh at the start of spring (salt off after winter), summer
 * cooling at the start of summer (before the holiday trips).
 */
export const DEFAULT_SEASONS = {
  'winter-check': { north: { month: 11, day: 1 }, south: { month: 6, day: 1 } },
  'spring-refresh': { north: { month: 3, day: 1 }, south: { month: 9, day: 1 } },
  'summer-cooling': { north: { month: 6, day: 1 }, south: { month: 12, day: 1 } },
} as const satisfies Record<string, SeasonDefinition>;

/** Names of the default seasonal checks, as a journey's YAML refers to them (`season: winter-check`). */
export const SeasonName = z.enum(Object.keys(DEFAULT_SEASONS) as [keyof typeof DEFAULT_SEASONS]);
export type SeasonName = z.infer<typeof SeasonName>;

/**
 * The date a season's campaign starts in a hemisphere in a year.
 *
 * @example seasonStartIn(DEFAULT_SEASONS['winter-check'], hemisphereOf('AU'), 2026) // '2026-06-01'
 */
export function seasonStartIn(season: SeasonDefinition, hemisphere: Hemisphere, year: number): IsoDate {
  return dateOfMonthDay(season[hemisphere], year);
}

/** The first start of the season on or after `date` (for the next due date of a customer). */
export function nextSeasonStart(season: SeasonDefinition, hemisphere: Hemisphere, date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  const thisYear = seasonStartIn(season, hemisphere, year);
  return thisYear >= date ? thisYear : seasonStartIn(season, hemisphere, year + 1);
}
