import * as z from 'zod';
import type { IsoDate } from '../dates';
import type { LunarCalendar } from './lunar-calendar';
import { dateOfMonthDay, MonthDay } from './month-day';

/** A festival on a day of the Chinese lunar calendar (regular month; day 30 means the month's last day). */
export const LunarFestival = z.strictObject({
  kind: z.literal('lunar'),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(30),
});
export type LunarFestival = z.infer<typeof LunarFestival>;

/** A festival on the same Gregorian day every year (29 February falls on the 28th in other years). */
export const FixedFestival = z.strictObject({ kind: z.literal('fixed') }).extend(MonthDay.shape).refine(
  (festival) => MonthDay.safeParse({ month: festival.month, day: festival.day }).success,
  { message: 'expected a day that exists in that month', path: ['day'] },
);
export type FixedFestival = z.infer<typeof FixedFestival>;

/**
 * When a festival falls, as data, so a marketer adds one in YAML without code.
 *
 * @example FestivalDefinition.parse({ kind: 'lunar', month: 9, day: 9 }) // Double Ninth
 */
export const FestivalDefinition = z.discriminatedUnion('kind', [LunarFestival, FixedFestival]);
export type FestivalDefinition = z.infer<typeof FestivalDefinition>;

/** The festivals the default journeys use, by name. */
export const DEFAULT_FESTIVALS = {
  'spring-festival': { kind: 'lunar', month: 1, day: 1 },
  'dragon-boat': { kind: 'lunar', month: 5, day: 5 },
  'mid-autumn': { kind: 'lunar', month: 8, day: 15 },
  'womens-day': { kind: 'fixed', month: 3, day: 8 },
  'childrens-day': { kind: 'fixed', month: 6, day: 1 },
  'national-day-cn': { kind: 'fixed', month: 10, day: 1 },
  christmas: { kind: 'fixed', month: 12, day: 25 },
} as const satisfies Record<string, FestivalDefinition>;

/** Names of the default festivals, as a journey's YAML refers to them (`festival: mid-autumn`). */
export const FestivalName = z.enum(Object.keys(DEFAULT_FESTIVALS) as [keyof typeof DEFAULT_FESTIVALS]);
export type FestivalName = z.infer<typeof FestivalName>;

/**
 * Festival dates for any year, lunar ones converted by a {@link LunarCalendar} and kept per
 * definition and year: a conversion costs about a millisecond, and planning asks the same
 * festival for every customer. Create one per process.
 *
 * "N days before" is `addDays(calendar.dateIn(festival, year), -N)`.
 *
 * @example
 * const festivals = new FestivalCalendar(lunarJavascriptCalendar);
 * festivals.dateIn(DEFAULT_FESTIVALS['spring-festival'], 2026); // '2026-02-17'
 * festivals.nextOnOrAfter(DEFAULT_FESTIVALS['mid-autumn'], '2026-10-01'); // '2027-09-15'
 */
export class FestivalCalendar {
  readonly #lunar: LunarCalendar;
  // Keyed by a number (month, day, year packed): a string key built per lookup costs more than the
  // rest of the lookup.
  readonly #lunarDates = new Map<number, IsoDate>();

  constructor(lunar: LunarCalendar) {
    this.#lunar = lunar;
  }

  /**
   * The festival's date in `year`: for a fixed festival, in Gregorian `year`; for a lunar one,
   * in the lunar year that begins in Gregorian `year`. Lunar months 1-10 always fall in `year`;
   * days late in month 11 and in month 12 fall in January or February of `year + 1`.
   */
  dateIn(festival: FestivalDefinition, year: number): IsoDate {
    if (festival.kind === 'fixed') return dateOfMonthDay(festival, year);
    const key = (festival.month * 32 + festival.day) * 10_000 + year;
    let date = this.#lunarDates.get(key);
    if (date === undefined) {
      date = this.#lunar.gregorianDateOf(year, festival.month, festival.day);
      this.#lunarDates.set(key, date);
    }
    return date;
  }

  /**
   * Every date of the festival inside Gregorian `year`, in order: one for fixed festivals and
   * lunar months 1-10; none, one or two for late lunar months (one from each lunar year).
   */
  datesInYear(festival: FestivalDefinition, year: number): IsoDate[] {
    if (festival.kind === 'fixed') return [this.dateIn(festival, year)];
    const prefix = `${year}-`;
    const dates: IsoDate[] = [];
    if (festival.month >= 11) {
      const fromPreviousLunarYear = this.dateIn(festival, year - 1);
      if (fromPreviousLunarYear.startsWith(prefix)) dates.push(fromPreviousLunarYear);
    }
    const fromThisLunarYear = this.dateIn(festival, year);
    if (fromThisLunarYear.startsWith(prefix)) dates.push(fromThisLunarYear);
    return dates;
  }

  /** The first date of the festival on or after `date` (for the next due date of a customer). */
  nextOnOrAfter(festival: FestivalDefinition, date: IsoDate): IsoDate {
    const year = Number(date.slice(0, 4));
    // A lunar year's late months reach into the next Gregorian year, so start one year back.
    const firstYear = festival.kind === 'lunar' && festival.month >= 11 ? year - 1 : year;
    for (let candidateYear = firstYear; ; candidateYear++) {
      const candidate = this.dateIn(festival, candidateYear);
      if (candidate >= date) return candidate;
    }
  }
}
