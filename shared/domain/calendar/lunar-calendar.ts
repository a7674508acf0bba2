import type { IsoDate } from '../dates';

/**
 * Converts dates of the Chinese lunisolar calendar to Gregorian dates. A port, so the festival
 * rules do not depend on one library: the lunar-javascript implementation is ~330 KB minified,
 * more than the whole evaluation bundle's budget, and a table computed ahead (at synth) can stand
 * in for it where size matters.
 */
export interface LunarCalendar {
  /**
   * The Gregorian date of `day` of the regular (not leap) `month` of the lunar year that begins
   * in Gregorian `lunarYear`. A day 30 in a month of 29 days is the month's last day, so "the
   * last day of month 12" (New Year's Eve) is `day: 30` in every year.
   */
  gregorianDateOf(lunarYear: number, month: number, day: number): IsoDate;
}

/** Lunar years the engine computes festivals for: those checked against a second calendar. */
export const LUNAR_YEARS = { first: 1901, last: 2099 } as const;

/** Throws a RangeError for a lunar year outside {@link LUNAR_YEARS}, rather than an unchecked date. */
export function assertLunarYearSupported(lunarYear: number): void {
  if (!Number.isInteger(lunarYear) || lunarYear < LUNAR_YEARS.first || lunarYear > LUNAR_YEARS.last) {
    throw new RangeError(`Lunar dates are computed for ${LUNAR_YEARS.first}-${LUNAR_YEARS.last}, not ${lunarYear}`);
  }
}
